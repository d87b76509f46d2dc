/**
 * How a figure reads in the report, chosen by its column name so that one kind of number always looks
 * the same: amounts (`*_wan`) as 645,215.01, shares (`coverage`, `*_rate`, `*_share`) as 100% / 83.33%,
 * scores to at most two decimals, years without separators, counts as 1,234.
 */
export type FigureKind = "year" | "wan" | "percent" | "score" | "count" | "text";

export function figureKind(column: string, value: unknown): FigureKind {
  if (typeof value !== "number" && typeof value !== "bigint") return "text";
  if (column === "year" || column.endsWith("_year")) return "year";
  if (column.endsWith("_wan")) return "wan";
  if (column === "coverage" || column === "share" || /_(coverage|rate|share)$/.test(column)) return "percent";
  if (column === "score" || column.endsWith("_score")) return "score";
  return "count";
}

const wan = new Intl.NumberFormat("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
const upTo2 = new Intl.NumberFormat("en-US", {maximumFractionDigits: 2});
const plain2 = new Intl.NumberFormat("en-US", {maximumFractionDigits: 2, useGrouping: false});

/** Rounds half away from zero at two decimals on the decimal text, not the binary value (0.125 → 0.13). */
function round2(value: number): number {
  const shifted = Math.abs(value) * 100;
  const rounded = Math.round(Number(shifted.toPrecision(15)));
  return (Math.sign(value) * rounded) / 100;
}

/** The text of one figure. */
export function formatFigure(column: string, value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map((v) => formatFigure(column, v)).join("、");
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const number = typeof value === "bigint" ? Number(value) : value;
  switch (figureKind(column, number)) {
    case "year": return String(Math.trunc(number as number));
    case "wan": return wan.format(round2(number as number));
    case "percent": return `${plain2.format(round2((number as number) * 100))}%`;
    case "score": return plain2.format(round2(number as number));
    case "count": return upTo2.format(round2(number as number));
    default: return String(value);
  }
}
