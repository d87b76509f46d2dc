import * as Plot from "npm:@observablehq/plot";
import {LIGHTS, LIGHT_COLORS, UNKNOWN_COLOR, formatPercent} from "./format.js";

const MIN_WIDTH = 360;

/**
 * 双监控 at one checkpoint: each project's budget execution rate (x) against its goal completion (y),
 * coloured by its project light. The vertical rule is the time progress m/12; the dashed diagonals mark
 * where execution and goal completion are `gapPoints` percentage points apart (beyond them: rectification).
 */
export function MonitoringScatter(rows, {width, height = 420, timeProgress, gapPoints = 20} = {}) {
  const data = rows.filter((d) => d.execution_rate != null && d.goal_completion != null);
  const gap = gapPoints / 100;
  const max = Math.max(1, ...data.map((d) => Math.max(d.execution_rate, d.goal_completion)));
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height,
    grid: true,
    x: {label: "预算执行率 →", domain: [0, max], tickFormat: (d) => formatPercent(d, {digits: 0})},
    y: {label: "↑ 目标完成率", domain: [0, max], tickFormat: (d) => formatPercent(d, {digits: 0})},
    color: {legend: true, label: "项目灯", domain: [...LIGHTS, "未计"], range: [...LIGHT_COLORS, UNKNOWN_COLOR], tickFormat: (d) => (d === "未计" ? d : `${d}灯`)},
    marks: [
      Plot.line([[0, 0], [max, max]], {stroke: "#888"}),
      Plot.line([[0, gap], [max - gap, max]], {stroke: "#888", strokeDasharray: "4 3"}),
      Plot.line([[gap, 0], [max, max - gap]], {stroke: "#888", strokeDasharray: "4 3"}),
      timeProgress == null ? null : Plot.ruleX([timeProgress], {stroke: LIGHT_COLORS[3], strokeWidth: 1.5}),
      timeProgress == null ? null : Plot.text([timeProgress], {x: (d) => d, frameAnchor: "bottom", dx: 4, dy: -6, textAnchor: "start", text: (d) => `序时进度 ${formatPercent(d)}`, fill: LIGHT_COLORS[3]}),
      Plot.dot(data, {
        x: "execution_rate",
        y: "goal_completion",
        fill: (d) => d.project_light ?? "未计",
        stroke: "white",
        r: 5,
        channels: {项目: (d) => `${d.project_code} ${d.project_name}`, 部门: "department", 整改: (d) => (d.rectification_warning ? d.warning_reasons : "否")},
        tip: {format: {x: (d) => formatPercent(d), y: (d) => formatPercent(d), fill: true}}
      })
    ]
  });
}
