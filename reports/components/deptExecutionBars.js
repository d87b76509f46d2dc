import * as Plot from "npm:@observablehq/plot";
import {LIGHT_COLORS, formatPercent, formatWan} from "./format.js";

const MIN_WIDTH = 360;

/**
 * Budget execution to date per department (Σ spent ÷ Σ budget) as horizontal bars, with the time
 * progress m/12 as a rule: bars short of it are behind schedule. Rows: {department, budget_wan, executed_wan}.
 */
export function DeptExecutionBars(rows, {width, timeProgress} = {}) {
  const data = rows
    .filter((d) => d.budget_wan > 0)
    .map((d) => ({...d, rate: d.executed_wan / d.budget_wan}))
    .sort((a, b) => a.rate - b.rate);
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height: Math.max(120, 26 * data.length + 60),
    marginLeft: 190,
    marginRight: 50,
    x: {label: "预算执行率 →", grid: true, tickFormat: (d) => formatPercent(d, {digits: 0})},
    y: {label: null, domain: data.map((d) => d.department)},
    marks: [
      Plot.barX(data, {
        x: "rate",
        y: "department",
        fill: (d) => (timeProgress != null && d.rate < timeProgress ? "落后于序时进度" : "达到序时进度"),
        channels: {预算: (d) => `${formatWan(d.budget_wan)} 万元`, 已支出: (d) => `${formatWan(d.executed_wan)} 万元`},
        tip: {format: {x: (d) => formatPercent(d), fill: true}}
      }),
      Plot.text(data, {x: "rate", y: "department", text: (d) => formatPercent(d.rate), dx: 4, textAnchor: "start"}),
      timeProgress == null ? null : Plot.ruleX([timeProgress], {stroke: "black", strokeDasharray: "4 3"}),
      Plot.ruleX([0])
    ],
    color: {legend: true, domain: ["落后于序时进度", "达到序时进度"], range: [LIGHT_COLORS[1], LIGHT_COLORS[3]]}
  });
}
