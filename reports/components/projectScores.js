import * as Plot from "npm:@observablehq/plot";
import {gradeScale, formatScore} from "./format.js";

const MIN_WIDTH = 480;

/** One bar per project: recomputed total score, coloured by final grade (capped ones outlined). */
export function ProjectScores(rows, {width} = {}) {
  const data = rows.filter((d) => d.total_score != null).sort((a, b) => b.total_score - a.total_score);
  const label = (d) => `${d.project_code} ${d.project_name}`;
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height: Math.max(120, 22 * data.length + 70),
    marginLeft: 300,
    marginRight: 90,
    x: {label: "重算总分 →", domain: [0, 100], grid: true},
    y: {label: null, domain: data.map(label), tickFormat: (d) => (d.length > 24 ? d.slice(0, 23) + "…" : d)},
    color: {...gradeScale(), legend: true, label: "最终等级"},
    marks: [
      Plot.barX(data, {x: "total_score", y: label, fill: "final_grade", stroke: (d) => (d.capped ? "black" : "none"), tip: true,
        channels: {封顶: (d) => d.cap_reasons ?? "无"}}),
      Plot.text(data, {x: "total_score", y: label, text: (d) => formatScore(d.total_score) + (d.capped ? "（封顶）" : ""), dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}
