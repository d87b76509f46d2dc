import * as Plot from "npm:@observablehq/plot";
import {formatPercent, formatScore, formatWan} from "./format.js";

/** The 趋势 page's measures: `kind` "sum" draws stacked bars (parts add up), anything else lines. */
export const TREND_METRICS = [
  {key: "avg_score", label: "平均得分", kind: "score", format: (v) => formatScore(v, {digits: 1}), axis: "平均得分（复核总分）"},
  {key: "execution_rate", label: "预算执行率", kind: "rate", format: (v) => formatPercent(v), axis: "预算执行率"},
  {key: "top_share", label: "优良占比", kind: "rate", format: (v) => formatPercent(v), axis: "最终等级为前两档的项目占比"},
  {key: "deduction_wan", label: "扣减总额", kind: "sum", format: (v) => `${formatWan(v)} 万元`, axis: "次年预算扣减（万元）"}
];

/** The metric definition of a key of TREND_METRICS. */
export function trendMetric(key) {
  const metric = TREND_METRICS.find((m) => m.key === key);
  if (!metric) throw new Error(`invalid trend metric: ${key}`);
  return metric;
}

/**
 * One measure over the years, one small panel per group (largest groups first), so each line reads
 * on its own: a line with labelled points for averages and rates, with the whole county as a dashed
 * reference in every panel; bars for sums. Rows {year, group_name, projects, <metric>}; `overall`
 * rows are the whole county's.
 */
export function TrendChart(rows, {metric, overall = [], width: requested = 640, columns} = {}) {
  // narrower than the margins would draw bars of negative width (a console error); overflow instead
  const width = Math.max(requested ?? 640, 240);
  const m = typeof metric === "string" ? trendMetric(metric) : metric;
  const years = [...new Set([...rows, ...overall].map((d) => d.year))].sort((a, b) => a - b);
  const size = new Map();
  for (const d of rows) size.set(d.group_name, (size.get(d.group_name) ?? 0) + Number(d.projects ?? 0));
  const groups = [...size.keys()].sort((a, b) => size.get(b) - size.get(a) || a.localeCompare(b, "zh-CN"));
  const cols = columns ?? Math.max(1, Math.min(groups.length, Math.floor(width / 220)));
  const cell = new Map(groups.map((g, i) => [g, {fx: i % cols, fy: Math.floor(i / cols)}]));
  const data = rows.filter((d) => d[m.key] != null).map((d) => ({...d, ...cell.get(d.group_name)}));
  const titles = groups.map((g) => ({group_name: g, ...cell.get(g)}));
  const panelRows = Math.ceil(groups.length / cols);
  const short = m.kind === "sum" ? (v) => formatWan(v, {digits: 0}) : m.kind === "rate" ? (v) => formatPercent(v, {digits: 0}) : (v) => formatScore(v, {digits: 1});
  const tip = {format: {y: (v) => m.format(v), x: (v) => `${v} 年`, fx: false, fy: false}};
  const reference = m.kind === "sum" ? [] : overall.filter((d) => d[m.key] != null);
  return Plot.plot({
    width,
    height: panelRows * 150 + 50,
    marginLeft: 56,
    marginTop: 30,
    marginRight: 10,
    fx: {axis: null, padding: 0.12},
    fy: {axis: null, padding: 0.25},
    x: {label: null, domain: years, tickFormat: (y) => `${String(y).slice(2)}年`, type: m.kind === "sum" ? "band" : "point", inset: m.kind === "sum" ? 0 : 14, padding: 0.2},
    // the card heading names the measure; a y label would collide with the first panel title
    y: {label: null, grid: true, zero: m.kind === "sum", nice: true, tickFormat: short, ticks: 4, insetTop: 14},
    marks: [
      Plot.frame({stroke: "#ddd"}),
      Plot.text(titles, {fx: "fx", fy: "fy", text: "group_name", frameAnchor: "top-left", dx: 4, dy: -16, fontWeight: "bold"}),
      m.kind === "sum"
        ? [
            Plot.barY(data, {fx: "fx", fy: "fy", x: "year", y: m.key, fill: "#4393c3", tip}),
            Plot.text(data, {fx: "fx", fy: "fy", x: "year", y: m.key, text: (d) => short(d[m.key]), dy: -6, fontSize: 9}),
            Plot.ruleY([0])
          ]
        : [
            Plot.line(reference, {x: "year", y: m.key, stroke: "black", strokeDasharray: "4 3", strokeOpacity: 0.6}),
            Plot.line(data, {fx: "fx", fy: "fy", x: "year", y: m.key, stroke: "#2166ac", strokeWidth: 2}),
            Plot.dot(data, {fx: "fx", fy: "fy", x: "year", y: m.key, fill: "#2166ac", r: 3, tip}),
            Plot.text(data, {fx: "fx", fy: "fy", x: "year", y: m.key, text: (d) => short(d[m.key]), dy: -9, fontSize: 9})
          ]
    ]
  });
}

function total(rows, year, key) {
  return rows.reduce((s, d) => (d.year === year ? s + Number(d[key] ?? 0) : s), 0);
}
