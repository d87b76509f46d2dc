import * as Plot from "npm:@observablehq/plot";
import {LIGHT_COLORS, formatPercent, formatWan} from "./format.js";

const MIN_WIDTH = 360;

/**
 * Department evaluations per department: the share of the project budget they cover, against the
 * required share (a rule). Rows: {department, dept_evaluation_share, required_share, dept_evaluation_ok, …}.
 */
export function CoverageBars(rows, {width} = {}) {
  const data = rows.map((d) => ({...d, share: d.dept_evaluation_share ?? 0, status: d.dept_evaluation_ok ? "达到要求" : "未达要求"}));
  const required = rows.find((d) => d.required_share != null)?.required_share;
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height: Math.max(120, 26 * data.length + 60),
    marginLeft: 190,
    marginRight: 50,
    x: {label: "部门评价覆盖项目预算的比例 →", grid: true, tickFormat: (d) => formatPercent(d, {digits: 0})},
    y: {label: null, domain: data.map((d) => d.department)},
    color: {legend: true, domain: ["达到要求", "未达要求"], range: [LIGHT_COLORS[3], LIGHT_COLORS[0]]},
    marks: [
      Plot.barX(data, {
        x: "share",
        y: "department",
        fill: "status",
        channels: {已评价: (d) => `${formatWan(d.dept_evaluated_wan)} 万元`, 项目预算: (d) => `${formatWan(d.budget_wan)} 万元`},
        tip: {format: {x: (d) => formatPercent(d)}}
      }),
      Plot.text(data, {x: "share", y: "department", text: (d) => formatPercent(d.share), dx: 4, textAnchor: "start"}),
      required == null ? null : Plot.ruleX([required], {stroke: "black", strokeDasharray: "4 3"}),
      Plot.ruleX([0])
    ]
  });
}
