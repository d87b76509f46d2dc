import * as Plot from "npm:@observablehq/plot";
import {formatPercent} from "./format.js";

/** The three coverages of a department row, in the order the cycle runs. */
export const COVERAGE_KINDS = [
  {key: "goal", label: "绩效目标", done: "goal_projects"},
  {key: "monitoring", label: "绩效监控", done: "monitored_projects"},
  {key: "selfeval", label: "单位自评", done: "selfeval_projects"}
];

/**
 * Coverage of goals, monitoring and self-evaluation per department, as a table of cells: pale blue is
 * full, orange short of it, each cell says its share and count. Rows {department, projects, goal_projects, monitored_projects, selfeval_projects}.
 */
export function CoverageChart(rows, {width} = {}) {
  const data = rows.flatMap((d) =>
    COVERAGE_KINDS.map((k) => ({department: d.department, kind: k.label, done: d[k.done], projects: d.projects, share: d.projects ? d[k.done] / d.projects : null}))
  );
  const departments = rows.map((d) => d.department).sort((a, b) => a.localeCompare(b, "zh-CN"));
  return Plot.plot({
    // narrower than the margins would draw bars of negative width (a console error); overflow instead
    width: Math.max(width ?? 640, 290),
    height: Math.max(120, 26 * departments.length + 60),
    marginLeft: 190,
    x: {label: null, axis: "top", domain: COVERAGE_KINDS.map((k) => k.label)},
    y: {label: null, domain: departments},
    color: {type: "linear", domain: [0.6, 0.9, 1], range: ["#d6604d", "#fddbc7", "#d1e5f0"], interpolate: "lab", clamp: true, legend: true, label: "覆盖率", tickFormat: (d) => formatPercent(d, {digits: 0})},
    marks: [
      Plot.cell(data, {x: "kind", y: "department", fill: "share", inset: 1, tip: {format: {fill: (d) => formatPercent(d)}}, channels: {项目: (d) => `${d.done} / ${d.projects}`}}),
      Plot.text(data, {x: "kind", y: "department", text: (d) => `${formatPercent(d.share)}（${d.done}/${d.projects}）`})
    ]
  });
}
