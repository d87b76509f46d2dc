import * as Plot from "npm:@observablehq/plot";
import {LIGHT_COLORS} from "./format.js";

/**
 * Per department, projects whose goal table has at least one problem against those without, as
 * stacked bars (most problems on top) labelled "有问题 / 项目数". Rows {department, projects, flagged_projects}.
 */
export function GoalFlaggedChart(rows, {width} = {}) {
  const sorted = [...rows].sort((a, b) => b.flagged_projects / b.projects - a.flagged_projects / a.projects || a.department.localeCompare(b.department, "zh-CN"));
  const kinds = ["有问题", "无问题"];
  const data = sorted.flatMap((d) => [
    {department: d.department, kind: kinds[0], projects: d.flagged_projects},
    {department: d.department, kind: kinds[1], projects: d.projects - d.flagged_projects}
  ]);
  return Plot.plot({
    // narrower than the margins would draw bars of negative width (a console error); overflow instead
    width: Math.max(width ?? 640, 330),
    height: Math.max(120, 26 * sorted.length + 70),
    marginLeft: 190,
    marginRight: 60,
    x: {label: "项目数 →", grid: true},
    y: {label: null, domain: sorted.map((d) => d.department)},
    // Okabe–Ito vermillion and bluish green: apart for colour-blind readers, and each bar is labelled.
    color: {legend: true, domain: kinds, range: [LIGHT_COLORS[0], LIGHT_COLORS[2]]},
    marks: [
      Plot.barX(data, {x: "projects", y: "department", fill: "kind", order: kinds, tip: true}),
      Plot.text(sorted, {x: "projects", y: "department", text: (d) => `${d.flagged_projects} / ${d.projects}`, dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}
