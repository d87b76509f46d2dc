import * as Plot from "npm:@observablehq/plot";
import {arrowRows, columnNames} from "./arrowRows.js";

/** Plot's automatic mark over the first two columns, or null when the result cannot be drawn. */
export function QuickChart(result, {width, height = 320} = {}) {
  const [x, y] = columnNames(result);
  const rows = arrowRows(result);
  if (!x || !y || rows.length === 0) return null;
  const numeric = rows.some((d) => typeof d[y] === "number") && rows.every((d) => d[y] == null || typeof d[y] === "number");
  if (!numeric) return null;
  // Categories on x read best as bars from zero; numbers and dates on x are left to Plot.auto (dots, lines).
  const categorical = rows.every((d) => d[x] == null || typeof d[x] === "string");
  const mark = categorical ? Plot.auto(rows, {x, y, mark: "bar"}) : Plot.auto(rows, {x, y});
  return mark.plot({width, height, marginLeft: 60, x: {label: x}, y: {label: y, grid: true}});
}
