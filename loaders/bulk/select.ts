import {readFileSync} from "node:fs";
import {ident, type Database} from "../../src/db/database.ts";
import {recordColumns} from "../../src/schema/records.ts";
import {TABLES, type FieldKind, type TableName} from "../layout/fields.ts";
import type {RecordContext} from "../layout/raw-record.ts";
import {percentKey} from "../normalise/record.ts";
import {AMOUNT_UNITS} from "../normalise/units.ts";

/**
 * The bulk normaliser: one SQL statement that does for the plain rows of a large flat sheet what
 * `normaliseRecords` does row by row. It reads a relation with `_row`, one text column per mapped field
 * (`f_<field>`) and `_js` (true: leave the row to TypeScript), and yields `_row`, `_ok` and the record's
 * columns. `_ok` is true only where every cell is plain enough for the SQL twins in macros.sql to agree
 * exactly with the TypeScript parsers and where the row raises no issue at all; every other row is
 * normalised by TypeScript, which also reports its errors and warnings. So the SQL never decides a
 * reject, and the result does not depend on which path a row took (test/loaders/bulk.test.ts loads the
 * same files both ways).
 */

const MACROS = readFileSync(new URL("./macros.sql", import.meta.url), "utf8");
const READY = new WeakSet<Database>();

/** Creates the parsing macros on this database's connection (once). */
export async function ensureMacros(db: Database): Promise<void> {
  if (READY.has(db)) return;
  await db.run(MACROS);
  READY.add(db);
}

const KINDS = new Map(TABLES.map((t) => [t.table, new Map<string, FieldKind>(t.fields.map((f) => [f.field, f.kind]))] as const));
const ROW_REQUIRED = new Map(TABLES.map((t) => [t.table, t.rowRequired] as const));
const MEASURES = ["target", "actual", "progress", "forecast"] as const;
const PERCENT_UNIT = "IN ('%', '％', '百分比')";

export const column = (field: string) => ident(`f_${field}`);

/** 10^places as a DECIMAL literal: the exact factor from a header's unit to 万元. */
function factor(places: number): string {
  return places >= 0 ? `1${"0".repeat(places)}` : `0.${"0".repeat(-places - 1)}1`;
}

/**
 * The SELECT over `source` (a relation with `_row`, `_js` and `f_<field>` text columns for `fields`)
 * that normalises its rows as records of `table`.
 */
export function bulkSelect(
  table: TableName, fields: readonly string[], context: RecordContext, source: string,
  /** Percent scales decided by the records normalised in TypeScript so far (see `normaliseRecords`). */
  scales: ReadonlyMap<string, 1 | 100>
): string {
  const kinds = KINDS.get(table)!;
  const has = new Set(fields);
  const f = (field: string) => (has.has(field) ? column(field) : "NULL::VARCHAR");
  const ok: string[] = [];
  const value = new Map<string, string>();
  // Cells parsed once, in the query's first step, where both a condition and a value read them
  // (`jx_year(f_year) AS _year`).
  const parsed: string[] = [];

  for (const field of fields) {
    const c = column(field);
    switch (kinds.get(field)) {
      case "year": parsed.push(`jx_year(${c}) AS _year`); ok.push(`jx_year_ok(${c}, _year)`); value.set(field, "_year"); break;
      case "code": ok.push(`jx_code_ok(${c})`); value.set(field, `nullif(${c}, '')`); break;
      case "amount": {
        ok.push(`jx_amount_ok(${c})`);
        const places = AMOUNT_UNITS[context.unit[field] ?? "万元"] ?? 0;
        value.set(field, `${places > 0 ? "jx_amount_up" : "jx_amount"}(${c}, ${factor(places)})`);
        break;
      }
      case "number": ok.push(`jx_number_ok(${c})`); value.set(field, `jx_number(${c})`); break;
      case "bool": ok.push(`jx_bool_ok(${c})`); value.set(field, `jx_bool(${c})`); break;
      case "direction": ok.push(`jx_direction_ok(${c})`); break;
      case "measure": case "period": break;
      default: if (field !== "function_class") value.set(field, `jx_text(${c})`);
    }
  }
  // A missing year falls back to the title's (2024年度…); a sheet without one sends such rows to TypeScript.
  value.set("year", `coalesce(${value.get("year") ?? "NULL::INTEGER"}, ${context.defaultYear ?? "NULL::INTEGER"})`);

  if (table === "projects" && has.has("function_class")) {
    const fc = `jx_text(${f("function_class")})`;
    const split = `regexp_matches(${fc}, '^\\d{3}')`;
    value.set("function_code", `CASE WHEN ${split} THEN regexp_extract(${fc}, '^(\\d{3,9})', 1) END`);
    value.set("function_name", `CASE WHEN ${split} THEN jx_text(regexp_extract(${fc}, '^\\d{3,9} *[-—–:：]? *(.*)$', 1)) ELSE ${fc} END`);
  }
  if (table === "monitoring") {
    parsed.push(`jx_month(${f("period")}) AS _month`);
    const month = `coalesce(_month, ${context.defaultMonth ?? "NULL::INTEGER"})`;
    ok.push(`(${f("period")} IS NULL OR _month BETWEEN 1 AND 12)`, `${month} IS NOT NULL`);
    value.set("month", month);
    value.set("period", `'1-' || ${month} || '月'`);
  }

  // Measures: m_<field> holds the parts of a numeric spelling. The cleaned text is needed only where the
  // cell is not a number, so it is computed there (CASE evaluates a branch for its rows alone).
  const measures = MEASURES.filter((m) => has.has(m));
  const kindOf = (m: string) =>
    `CASE WHEN ${column(m)} IS NULL THEN 'none' WHEN m_${m}.number <> '' THEN 'num' WHEN jx_text(${column(m)}) IS NULL THEN 'none'
          WHEN jx_qualitative(jx_text(${column(m)})) THEN 'qual' ELSE 'other' END`;
  const numeric = (m: string) => `(k_${m} = 'num')`;
  // An unmarked percentage (95 or 0.95 under a % unit) takes its column's scale, once TypeScript has
  // decided it from the first records; until then such rows go to TypeScript.
  const noted = (m: string) =>
    `(${numeric(m)} AND NOT ${marked(m)} AND ${context.percent.has(m) ? "true" : `coalesce(_unit ${PERCENT_UNIT}, false)`})`;
  const scaleOf = (m: string) => scales.get(percentKey(context.sheet, table, `${m}_value`));
  // v_<measure>: its number, scaled; computed once in its own step of the query.
  const scaledValue = (m: string) => {
    const plain = `jx_number(m_${m}.number)`;
    const scaled = scaleOf(m) === 100 ? `CASE WHEN ${noted(m)} THEN round(${plain} * 100, 9) ELSE ${plain} END` : plain;
    return `CASE WHEN k_${m} = 'num' THEN ${scaled} END`;
  };
  const measureValue = (m: string) => `v_${m}`;
  const measureText = (m: string) => `CASE WHEN k_${m} = 'qual' THEN jx_text(${column(m)}) END`;
  const marked = (m: string) => `(k_${m} = 'num' AND contains(${column(m)}, '%'))`;
  for (const m of measures) ok.push(`k_${m} <> 'other'`);

  const targeted = table === "goal_indicators" || table === "selfeval_indicators" || table === "monitoring";
  if (targeted) {
    const t = has.has("target");
    const fromColumn = has.has("direction") ? `CASE WHEN jx_text(${column("direction")}) IS NOT NULL THEN jx_direction(${column("direction")}) END` : "NULL";
    const fromTarget = t ? `CASE k_target WHEN 'num' THEN jx_sign_direction(nullif(m_target.sign, '')) WHEN 'qual' THEN 'qual' END` : "NULL";
    const direction = t ? `CASE WHEN k_target = 'qual' THEN 'qual' ELSE coalesce(${fromColumn}, ${fromTarget}) END` : `${fromColumn}`;
    const unit = `coalesce(jx_text(${f("unit")})${t ? `, CASE WHEN k_target = 'num' THEN nullif(m_target.unit, '') END, CASE WHEN ${marked("target")} THEN '%' END` : ""})`;
    value.set("direction", "_direction");
    value.set("unit", "_unit");
    value.set("target_raw", f("target"));
    value.set("target_value", t ? `CASE WHEN _direction = 'qual' THEN NULL ELSE ${measureValue("target")} END` : "NULL::DOUBLE");
    value.set("target_text", t ? `CASE WHEN _direction = 'qual' THEN coalesce(${measureText("target")}, ${f("target")}) END` : "NULL::VARCHAR");
    if (table === "goal_indicators") {
      // direction.assumed and weight.missing are warnings: such rows go to TypeScript, which reports them.
      ok.push(`NOT (_direction IS NULL AND ${t ? measureValue("target") : "NULL"} IS NOT NULL)`, `"weight" IS NOT NULL`);
    }
    // percent.above_100 is a warning too.
    ok.push(`NOT coalesce(_unit ${PERCENT_UNIT} AND _direction IN ('ge', 'gt', 'eq') AND ${t ? measureValue("target") : "NULL"} > 100, false)`);
    for (const m of measures) {
      if (scaleOf(m) === undefined) ok.push(`NOT ${noted(m)}`);
    }
    // TypeScript scales a noted target even where a 定性 direction leaves no value: left to it.
    if (t) ok.push(`NOT (${noted("target")} AND coalesce(_direction = 'qual', false))`);
    const pre = {direction, unit, values: measures.map((m) => `${scaledValue(m)} AS v_${m}`)};
    if (table === "selfeval_indicators") {
      value.set("actual_raw", f("actual"));
      value.set("actual_value", has.has("actual") ? measureValue("actual") : "NULL::DOUBLE");
      value.set("actual_text", has.has("actual") ? measureText("actual") : "NULL::VARCHAR");
    }
    if (table === "monitoring") {
      for (const m of ["progress", "forecast"]) {
        value.set(`${m}_raw`, f(m));
        value.set(`${m}_value`, has.has(m) ? measureValue(m) : "NULL::DOUBLE");
      }
      value.set("progress_text", has.has("progress") ? measureText("progress") : "NULL::VARCHAR");
    }
    return compose(table, source, fields, measures, kindOf, parsed, ok, value, pre);
  }
  return compose(table, source, fields, measures, kindOf, parsed, ok, value, null);
}

function compose(
  table: TableName, source: string, fields: readonly string[], measures: readonly string[], kindOf: (m: string) => string,
  parsedCells: readonly string[], ok: string[], value: Map<string, string>, pre: {direction: string; unit: string; values: string[]} | null
): string {
  for (const field of ROW_REQUIRED.get(table) ?? []) if (field !== "period") ok.push(`${ident(field)} IS NOT NULL`);
  const parsed = [...parsedCells, ...measures.map((m) => `jx_measure_parts(${column(m)}) AS m_${m}`)];
  const kinds = measures.map((m) => `${kindOf(m)} AS k_${m}`);
  const derived = pre ? [`${pre.direction} AS _direction`, `${pre.unit} AS _unit`] : [];
  const columns = recordColumns(table);
  const values = columns.map((c) => `${value.get(c) ?? "NULL"} AS ${ident(c)}`);
  const more = (list: string[]) => (list.length ? `, ${list.join(", ")}` : "");
  // Each step computes its columns once; the conditions below read them by name.
  return `WITH p AS (SELECT _row, _js, ${fields.map(column).join(", ")}${more(parsed)} FROM (${source})),
k AS (SELECT *${more(kinds)} FROM p),
d AS (SELECT *${more(derived)} FROM k),
e AS (SELECT *${more(pre?.values ?? [])} FROM d),
v AS (SELECT *, ${values.join(", ")} FROM e)
SELECT _row, coalesce(NOT _js${ok.map((o) => ` AND (${o})`).join("")}, false) AS _ok, ${columns.map(ident).join(", ")} FROM v`;
}
