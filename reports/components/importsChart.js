import * as Plot from "npm:@observablehq/plot";
import {LIGHT_COLORS} from "./format.js";

/** Rows loaded and rejected per import, stacked horizontal bars, oldest import on top. */
export function ImportsChart(imports, {width, height} = {}) {
  const label = (d) => `${d.file_name}（#${d.import_id}）`;
  const order = imports.map(label);
  const data = imports.flatMap((d) => [
    {import: label(d), kind: "载入", rows: Number(d.rows_loaded ?? 0)},
    {import: label(d), kind: "拒绝", rows: Number(d.rows_rejected ?? 0)}
  ]);
  return Plot.plot({
    width,
    height: height ?? Math.max(120, 30 * imports.length + 70),
    marginLeft: 200,
    x: {label: "行数", grid: true},
    y: {label: null, domain: order},
    // Okabe–Ito blue and vermillion: "loaded" and "rejected" stay apart for colour-blind readers.
    color: {domain: ["载入", "拒绝"], range: [LIGHT_COLORS[3], LIGHT_COLORS[0]], legend: true},
    marks: [Plot.barX(data, Plot.stackX({y: "import", x: "rows", fill: "kind", tip: true})), Plot.ruleX([0])]
  });
}
