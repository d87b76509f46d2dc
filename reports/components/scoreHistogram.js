import * as Plot from "npm:@observablehq/plot";
import {GRADES, gradeScale} from "./format.js";

const MIN_WIDTH = 240;

/** Recomputed total scores in 5-point bins, stacked by final grade. Rows: {total_score, final_grade}. */
export function ScoreHistogram(rows, {width, height = 280} = {}) {
  const data = rows.filter((d) => d.total_score != null);
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height,
    x: {label: "重算总分 →", domain: [0, 100]},
    y: {label: "↑ 项目数", grid: true},
    color: {...gradeScale(), legend: true, label: "最终等级"},
    marks: [
      Plot.rectY(data, Plot.binX({y: "count"}, {x: "total_score", fill: "final_grade", order: GRADES, thresholds: 20, domain: [0, 100], tip: true})),
      Plot.ruleY([0])
    ]
  });
}
