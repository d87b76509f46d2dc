import * as Plot from "npm:@observablehq/plot";
import {GRADES, gradeScale} from "./format.js";

const MIN_WIDTH = 240;

const KINDS = ["复核", "最终"];

/**
 * Projects per grade before and after the caps: for each grade, the recomputed grade (复核, lighter)
 * beside the final grade (最终, after the caps). Rows: {grade, final_grade}.
 */
export function GradeComparison(rows, {width, height = 260} = {}) {
  const data = rows.flatMap((d) => [
    {kind: KINDS[0], grade: d.grade},
    {kind: KINDS[1], grade: d.final_grade}
  ]).filter((d) => d.grade != null);
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height,
    fx: {label: null, domain: GRADES, padding: 0.15},
    x: {label: null, domain: KINDS, axis: "bottom"},
    y: {label: "↑ 项目数", grid: true},
    color: gradeScale(),
    marks: [
      Plot.barY(data, Plot.groupX({y: "count"}, {x: "kind", fx: "grade", fill: "grade", fillOpacity: (d) => (d.kind === KINDS[0] ? 0.55 : 1), tip: true})),
      Plot.text(data, Plot.groupX({y: "count", text: "count"}, {x: "kind", fx: "grade", dy: -8})),
      Plot.ruleY([0])
    ]
  });
}
