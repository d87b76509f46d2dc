// Re-summing the "cube" tables the loaders ship: one row per group, every numeric measure additive
// across rows, so a page's filters re-aggregate in the browser without a database. Filtering itself
// is filters.js (applyFilters).

/** The sum of each named measure over rows ({measure: total}); null counts as 0. */
export function sumRows(rows, measures) {
  const totals = Object.fromEntries(measures.map((m) => [m, 0]));
  for (const row of rows) for (const m of measures) totals[m] += Number(row[m] ?? 0);
  return totals;
}

/** Groups rows by the `keys` fields and sums `measures` per group; groups in first-seen order. */
export function sumGroups(rows, keys, measures) {
  const groups = new Map();
  for (const row of rows) {
    const id = JSON.stringify(keys.map((k) => row[k]));
    let group = groups.get(id);
    if (!group) groups.set(id, (group = {key: Object.fromEntries(keys.map((k) => [k, row[k]])), rows: []}));
    group.rows.push(row);
  }
  return Array.from(groups.values(), ({key, rows}) => ({...key, ...sumRows(rows, measures)}));
}

/** numerator / denominator, or null (shown as "—") when the denominator is 0. */
export function ratio(numerator, denominator) {
  return denominator ? numerator / denominator : null;
}

/**
 * One row per distinct value of `row`, with one column per year (keyed by the year as text) holding
 * `value`: pivotYears(rows, {row: "group_name", value: "avg_score", years: [2023, 2024]}).
 */
export function pivotYears(rows, {row, value, years}) {
  const out = new Map();
  for (const d of rows) {
    let target = out.get(d[row]);
    if (!target) out.set(d[row], (target = {[row]: d[row], ...Object.fromEntries(years.map((y) => [String(y), null]))}));
    if (years.includes(d.year)) target[String(d.year)] = d[value];
  }
  return [...out.values()];
}
