import * as Plot from "npm:@observablehq/plot";
import {LIGHT_COLORS} from "./format.js";

export const SEVERITY_LABELS = {error: "拒收（错误）", warning: "警告"};

/**
 * Rejects and warnings per rule, most frequent first, errors vermillion and warnings orange, each rule
 * named by its (shortened) message. Rows {rule, severity, issues, example_message}.
 */
export function RuleCountsChart(rows, {width} = {}) {
  const data = rows.map((d) => ({...d, label: shortLabel(d), kind: SEVERITY_LABELS[d.severity] ?? d.severity}));
  const order = [...new Set(data.map((d) => d.label))].sort((a, b) => total(data, b) - total(data, a));
  return Plot.plot({
    // narrower than the margins would draw bars of negative width (a console error); overflow instead
    width: Math.max(width ?? 640, 360),
    height: Math.max(100, 28 * order.length + 60),
    marginLeft: 230,
    marginRight: 50,
    x: {label: "条数 →", grid: true},
    y: {label: null, domain: order},
    color: {legend: true, domain: Object.values(SEVERITY_LABELS), range: [LIGHT_COLORS[0], LIGHT_COLORS[1]]},
    marks: [
      Plot.barX(data, {x: "issues", y: "label", fill: "kind", tip: {format: {fill: true}}, channels: {规则: "rule", 说明: "example_message", 文件数: "files"}}),
      Plot.text(order, {x: (label) => total(data, label), y: (label) => label, text: (label) => total(data, label).toLocaleString("zh-CN"), dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}

function total(data, label) {
  return data.reduce((s, d) => (d.label === label ? s + Number(d.issues) : s), 0);
}

function shortLabel(d) {
  const text = d.example_message ?? d.rule;
  return text.length > 18 ? `${text.slice(0, 17)}…` : text;
}
