// The year selector and the 主管部门 / 资金性质 / 预算类型 filters shared by the 监控, 评价 and 结果应用
// pages. Options come from the rows themselves; rows carry `year`, `department`, `fund_kind` and
// `budget_type` as the loaders' SQL names them.
import * as Inputs from "npm:@observablehq/inputs";
import {html} from "npm:htl";

/** The "no filter" option of every select. */
export const ALL = "全部";

/** Filterable columns and their labels, in display order. */
export const FILTER_FIELDS = [
  {key: "department", label: "主管部门"},
  {key: "fund_kind", label: "资金性质"},
  {key: "budget_type", label: "预算类型"}
];

/** Distinct years of the rows, newest first. */
export function yearsOf(rows) {
  return [...new Set(rows.map((d) => d.year))].filter((y) => y != null).sort((a, b) => b - a);
}

function optionsOf(rows, key) {
  return [ALL, ...[...new Set(rows.map((d) => d[key]))].filter((v) => v != null).sort((a, b) => String(a).localeCompare(String(b), "zh-CN"))];
}

/** A select of the rows' years, newest first (or `value`). */
export function YearSelect(rows, {value, label = "年度"} = {}) {
  const years = yearsOf(rows);
  return Inputs.select(years, {label, value: value ?? years[0], format: (y) => `${y} 年`});
}

/**
 * A form whose value is {department, fund_kind, budget_type}: one select per filter in `fields` (keys of
 * FILTER_FIELDS; a field the rows lack is left out), each starting at ALL.
 */
export function FilterForm(rows, {fields = FILTER_FIELDS.map((f) => f.key)} = {}) {
  const inputs = {};
  for (const {key, label} of FILTER_FIELDS) {
    if (fields.includes(key) && rows.some((d) => key in d)) inputs[key] = Inputs.select(optionsOf(rows, key), {label});
  }
  return Inputs.form(inputs, {template: (parts) => html`<div class="jx-filters" style="display: flex; flex-wrap: wrap; gap: 0 1.5rem;">${Object.values(parts)}</div>`});
}

/** Rows of `year` (any year when it is null) that pass every filter set to something other than ALL. */
export function applyFilters(rows, filters = {}, year = null) {
  return rows.filter(
    (d) => (year == null || d.year === year) && FILTER_FIELDS.every(({key}) => filters[key] == null || filters[key] === ALL || d[key] === filters[key])
  );
}

/** Sums `fields` of the rows per value of `key`, keeping first-seen order; `n` counts the rows summed. */
export function sumBy(rows, key, fields) {
  const groups = new Map();
  for (const row of rows) {
    let group = groups.get(row[key]);
    if (!group) groups.set(row[key], (group = {[key]: row[key], n: 0, ...Object.fromEntries(fields.map((f) => [f, 0]))}));
    group.n += 1;
    for (const f of fields) group[f] += Number(row[f] ?? 0);
  }
  return [...groups.values()];
}

/** Sum of one field over the rows. */
export function total(rows, field) {
  return rows.reduce((s, d) => s + Number(d[field] ?? 0), 0);
}
