// Rows of a detail page's CSV files (data/departments/<code>/*.csv, data/regions/<code>/*.csv), which DuckDB writes
// with COPY … (FORMAT csv): an empty field is null, booleans are `true`/`false`. Only the columns named here become
// numbers or booleans; every other column stays text, so codes such as 主管部门编码 0001 keep their leading zeros.
import {csvParse} from "npm:d3-dsv";

/** Column types of each member file (the columns of src/report-data/sql/department_*.sql). */
export const DETAIL_COLUMNS = {
  projects: {
    numbers: ["year", "budget_wan", "executed_wan", "execution_rate", "execution_score", "indicator_score", "total_score", "reported_score",
      "deduction_rate", "deduction_wan", "recover_wan"],
    booleans: ["capped"]
  },
  indicators: {numbers: ["year", "weight", "effective_weight", "score", "reported_score", "completion_ratio"], booleans: []},
  explanations: {numbers: ["year", "seq", "section_order", "source_row"], booleans: []}
};

/** Parses one member's CSV text (`kind`: projects, indicators or explanations) into typed row objects. */
export function detailRows(text, kind) {
  const columns = DETAIL_COLUMNS[kind];
  if (!columns) throw new Error(`invalid detail file kind: ${kind}`);
  const numbers = new Set(columns.numbers);
  const booleans = new Set(columns.booleans);
  return csvParse(text, (row) => {
    for (const key in row) {
      const value = row[key];
      if (value === "") row[key] = null;
      else if (numbers.has(key)) row[key] = Number(value);
      else if (booleans.has(key)) row[key] = value === "true";
    }
    return row;
  });
}
