import * as Plot from "npm:@observablehq/plot";
import {LIGHT_COLORS} from "./format.js";

/**
 * Rows loaded and rejected per kind of data (the table a sheet loads into), summed over the given
 * sheets; labelled with loaded / rejected / warnings. Rows {table_label, rows_loaded, rows_rejected, warnings}.
 */
export function SheetRowsChart(rows, {width} = {}) {
  const totals = new Map();
  for (const d of rows) {
    const t = totals.get(d.table_label) ?? {table: d.table_label, loaded: 0, rejected: 0, warnings: 0};
    t.loaded += Number(d.rows_loaded ?? 0);
    t.rejected += Number(d.rows_rejected ?? 0);
    t.warnings += Number(d.warnings ?? 0);
    totals.set(d.table_label, t);
  }
  const tables = [...totals.values()].sort((a, b) => b.loaded - a.loaded);
  const kinds = ["载入", "拒收"];
  const data = tables.flatMap((t) => [
    {table: t.table, kind: kinds[0], rows: t.loaded},
    {table: t.table, kind: kinds[1], rows: t.rejected}
  ]);
  return Plot.plot({
    // narrower than the margins would draw bars of negative width (a console error); overflow instead
    width: Math.max(width ?? 640, 460),
    height: Math.max(100, 30 * tables.length + 70),
    marginLeft: 210,
    marginRight: 170,
    x: {label: "行数 →", grid: true},
    y: {label: null, domain: tables.map((t) => t.table)},
    // Okabe–Ito blue and vermillion, as on the import chart.
    color: {legend: true, domain: kinds, range: [LIGHT_COLORS[3], LIGHT_COLORS[0]]},
    marks: [
      Plot.barX(data, {x: "rows", y: "table", fill: "kind", order: kinds, tip: true}),
      Plot.text(tables, {x: (t) => t.loaded + t.rejected, y: "table", text: (t) => `载入 ${t.loaded.toLocaleString("zh-CN")} · 拒收 ${t.rejected} · 警告 ${t.warnings}`, dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}
