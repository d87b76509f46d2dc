import * as Plot from "npm:@observablehq/plot";
import {formatWan} from "./format.js";

// 四本预算 in their usual order; other spellings follow.
const BUDGET_TYPES = ["一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算"];

/** 万元 per fund kind (资金性质), stacked by budget type (预算类型); largest fund kind on top, totals labelled. */
export function FundsChart(rows, {width, height} = {}) {
  const totals = new Map();
  for (const d of rows) totals.set(d.fund_kind, (totals.get(d.fund_kind) ?? 0) + d.budget_wan);
  const kinds = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a));
  const types = [...new Set(rows.map((d) => d.budget_type))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "zh-CN"));
  return Plot.plot({
    // narrower than the margins would draw bars of negative width (a console error); overflow instead
    width: Math.max(width ?? 640, 280),
    height: height ?? Math.max(120, 32 * kinds.length + 70),
    marginLeft: 110,
    marginRight: 90,
    x: {label: "全年预算（万元）→", grid: true, tickFormat: (d) => formatWan(d, {digits: 0})},
    y: {label: null, domain: kinds},
    color: {legend: true, label: "预算类型", domain: types, scheme: "observable10"},
    marks: [
      Plot.barX(rows, {
        x: "budget_wan",
        y: "fund_kind",
        fill: "budget_type",
        order: types,
        channels: {项目数: "projects"},
        tip: {format: {x: (d) => `${formatWan(d)} 万元`, fill: true, y: true}}
      }),
      Plot.text(kinds, {x: (k) => totals.get(k), y: (k) => k, text: (k) => formatWan(totals.get(k)), dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}

function rank(type) {
  const i = BUDGET_TYPES.indexOf(type);
  return i < 0 ? BUDGET_TYPES.length : i;
}
