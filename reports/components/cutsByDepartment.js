import * as Plot from "npm:@observablehq/plot";
import {LIGHT_COLORS, formatWan} from "./format.js";

const MIN_WIDTH = 360;

const KINDS = [
  {key: "project_cut_wan", label: "扣减本项目"},
  {key: "department_cut_wan", label: "改扣部门其他预算"},
  {key: "recover_wan", label: "收回资金"}
];

/**
 * Next year's cuts per department in 万元, stacked: cut from the project itself, moved to the
 * department's other budget (must-keep projects), and funds to recover. Rows: one per department with
 * those three fields.
 */
export function CutsByDepartment(rows, {width} = {}) {
  const data = rows.flatMap((d) => KINDS.map(({key, label}) => ({department: d.department, kind: label, wan: Number(d[key] ?? 0)})));
  const totals = new Map(rows.map((d) => [d.department, KINDS.reduce((s, {key}) => s + Number(d[key] ?? 0), 0)]));
  const order = [...totals].sort((a, b) => b[1] - a[1]).map(([department]) => department);
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height: Math.max(120, 26 * order.length + 70),
    marginLeft: 190,
    marginRight: 80,
    x: {label: "万元 →", grid: true, tickFormat: (d) => formatWan(d, {digits: 0})},
    y: {label: null, domain: order},
    color: {legend: true, domain: KINDS.map((k) => k.label), range: [LIGHT_COLORS[0], LIGHT_COLORS[1], LIGHT_COLORS[3]]},
    marks: [
      Plot.barX(data, {x: "wan", y: "department", fill: "kind", tip: {format: {x: (d) => `${formatWan(d)} 万元`}}}),
      Plot.text(order, {x: (d) => totals.get(d), y: (d) => d, text: (d) => formatWan(totals.get(d)), dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}
