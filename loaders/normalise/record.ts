import {RECORD_SCHEMAS, recordColumns} from "../../src/schema/records.ts";
import {TABLES, type FieldKind, type TableName} from "../layout/fields.ts";
import type {RawRecord} from "../layout/raw-record.ts";
import {parseDirection, parseMeasure, type Measure} from "./target.ts";
import {cleanCode, cleanText} from "./text.ts";
import {
  parseAmount, parseBool, parseNumber, parsePeriod, parseText, parseYear, percentScale, type Cell, type Parsed
} from "./values.ts";

export type Severity = "error" | "warning";

export interface Issue {
  table: TableName | null;
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  rule: string;
  severity: Severity;
}

export type TypedRecord = Record<string, unknown>;

export interface NormalisedRecord {
  table: TableName;
  row: number;
  sheet: string;
  record: TypedRecord;
  /** field → header text, for reports about this record. */
  header: Record<string, string>;
}

/** Kinds of the fields forms add beyond the flat tables. */
const EXTRA_KINDS: Record<string, FieldKind> = {
  dept_name: "text", unit_name: "text", project_name: "text", initial_budget_wan: "amount",
  carryover_budget_wan: "amount", carryover_executed_wan: "amount", fiscal_budget_wan: "amount", other_budget_wan: "amount",
  reported_execution_score: "number",
  overall_goal: "text", overall_result: "text", month: "number"
};

const KINDS = new Map<string, Map<string, FieldKind>>();
for (const spec of TABLES) {
  const kinds = new Map<string, FieldKind>(Object.entries(EXTRA_KINDS));
  for (const field of spec.fields) kinds.set(field.field, field.kind);
  KINDS.set(spec.table, kinds);
}
const ROW_REQUIRED = new Map(TABLES.map((t) => [t.table, t.rowRequired] as const));

/** Rows whose percent values were written without a % sign: scaled per column once the column is seen. */
interface PendingPercent {
  record: TypedRecord;
  column: string;
  value: number;
}

/** A percent value of the row being normalised, before its record exists. */
interface PendingNote {
  key: string;
  column: string;
  value: number;
}

function showValue(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  return cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
}

function isPercentUnit(unit: string | null | undefined): boolean {
  return unit === "%" || unit === "％" || unit === "百分比";
}

/** Schema columns per table, in schema order. */
const SCHEMA_COLUMNS = new Map<TableName, string[]>((Object.keys(RECORD_SCHEMAS) as TableName[]).map((table) => [table, recordColumns(table)]));

// The row being normalised and its issues. `normaliseRecords` is synchronous and never re-entered, so
// module state stands in for per-row closures (which cost more than the work on a million rows).
let currentRaw: RawRecord;
let currentIssues: Issue[];

function issue(field: string | null, rule: string, severity: Severity, value?: string | null): void {
  const raw = currentRaw;
  currentIssues.push({
    table: raw.table, sheet: raw.context.sheet, row: raw.row,
    column: field === null ? null : (raw.context.header[field] ?? field),
    value: value === undefined ? showValue(field === null ? null : raw.cells[field]) : value,
    rule, severity
  });
}

function take<T>(field: string, parsed: Parsed<T>, severity: Severity = "error"): T | null {
  if (parsed.ok) return parsed.value;
  issue(field, parsed.rule, severity);
  return null;
}

function fieldValue(field: string, kind: FieldKind | undefined): unknown {
  const raw = currentRaw;
  const cell = raw.cells[field] ?? null;
  switch (kind) {
    case "year": return take(field, parseYear(cell));
    case "code": return cleanCode(cell);
    case "amount": {
      const amount = take(field, parseAmount(cell, raw.context.unit[field] ?? "万元"));
      if (amount?.startsWith("-")) issue(field, "amount.negative", "warning");
      return amount;
    }
    case "number": return take(field, parseNumber(cell));
    case "bool": return take(field, parseBool(cell), "warning");
    case "period": return take(field, parsePeriod(cell));
    default: return take(field, parseText(cell));
  }
}

function hasErrorIn(issues: Issue[], column: string): boolean {
  for (const i of issues) if (i.severity === "error" && i.column === column) return true;
  return false;
}

function hasError(issues: Issue[]): boolean {
  for (const i of issues) if (i.severity === "error") return true;
  return false;
}

/**
 * Normalises raw records into the typed records of `src/schema/records.ts`: amounts to exact 万元,
 * percentages made consistent per column, targets split, codes cleaned. A record with an error is
 * left out and its issues say why; warnings keep the record.
 */
export function normaliseRecords(
  raws: RawRecord[],
  /** Per-column percent scales decided by earlier batches of the same file; new decisions are added. */
  scales: Map<string, 1 | 100> = new Map()
): {records: NormalisedRecord[]; issues: Issue[]} {
  const records: NormalisedRecord[] = [];
  const issues: Issue[] = [];
  const pending = new Map<string, PendingPercent[]>();

  for (const raw of raws) {
    const kinds = KINDS.get(raw.table)!;
    const rowIssues: Issue[] = [];
    currentRaw = raw;
    currentIssues = rowIssues;

    const out: TypedRecord = {};
    for (const field in raw.cells) {
      const kind = kinds.get(field);
      if (kind === "measure" || kind === "direction" || kind === "period" || field === "function_class") continue;
      out[field] = fieldValue(field, kind);
    }
    out.year = out.year ?? raw.context.defaultYear;

    if (raw.table === "projects") {
      const fc = cleanText(raw.cells.function_class ?? null);
      const split = fc === null ? null : /^(\d{3,9})\s*[-—–:：]?\s*(.*)$/.exec(fc);
      out.function_code = split ? split[1] : null;
      out.function_name = split ? cleanText(split[2]) : fc;
    }
    if (raw.table === "monitoring") {
      const period = raw.cells.period !== undefined ? fieldValue("period", "period") as {period: string; month: number} | null : null;
      const month = period?.month ?? raw.context.defaultMonth;
      out.period = period?.period ?? (month ? `1-${month}月` : null);
      out.month = month;
      if (!out.period) issue("period", "required.missing", "error");
    }
    // Percent values noted for this row; they point at the stored record once it is built below.
    const notes: PendingNote[] = [];
    if (raw.table === "goal_indicators" || raw.table === "selfeval_indicators" || raw.table === "monitoring") {
      assembleTarget(raw, out, notes);
    }
    if (raw.table === "selfeval_indicators") {
      const actual = measureOf(raw, "actual");
      out.actual_raw = showValue(raw.cells.actual ?? null);
      out.actual_value = actual?.value ?? null;
      out.actual_text = actual && actual.value === null ? actual.text : null;
      notePercent(notes, raw, out, "actual_value", actual);
    }
    if (raw.table === "monitoring") {
      const progress = measureOf(raw, "progress");
      out.progress_raw = showValue(raw.cells.progress ?? null);
      out.progress_value = progress?.value ?? null;
      out.progress_text = progress && progress.value === null ? progress.text : null;
      notePercent(notes, raw, out, "progress_value", progress);
      const forecast = measureOf(raw, "forecast");
      out.forecast_raw = showValue(raw.cells.forecast ?? null);
      out.forecast_value = forecast?.value ?? null;
      notePercent(notes, raw, out, "forecast_value", forecast);
    }
    for (const field of ROW_REQUIRED.get(raw.table) ?? []) {
      if (out[field] === null || out[field] === undefined || out[field] === "") {
        if (!hasErrorIn(rowIssues, raw.context.header[field] ?? field)) {
          issue(field, field === "year" ? "year.invalid" : "required.missing", "error");
        }
      }
    }
    if (raw.table === "goal_indicators" && out.weight === null) issue("weight", "weight.missing", "warning");

    // The stored record: exactly the schema's columns, null where the row had nothing.
    const record: TypedRecord = {};
    for (const key of SCHEMA_COLUMNS.get(raw.table)!) record[key] = out[key] ?? null;
    for (const note of notes) {
      const list = pending.get(note.key);
      const entry = {record, column: note.column, value: note.value};
      if (list) list.push(entry);
      else pending.set(note.key, [entry]);
    }
    if (!hasError(rowIssues)) {
      // The record stored is the one zod checks (not zod's copy), so per-column percent scaling reaches it.
      const parsed = RECORD_SCHEMAS[raw.table].safeParse(record);
      if (parsed.success) records.push({table: raw.table, row: raw.row, sheet: raw.context.sheet, record, header: raw.context.header});
      else for (const zi of parsed.error.issues) issue(String(zi.path[0] ?? ""), "schema.invalid", "error", showValue(record[String(zi.path[0])] as Cell));
    }
    for (const i of rowIssues) issues.push(i);
  }

  for (const [key, list] of pending) {
    const scale = scales.get(key) ?? percentScale(list.map((p) => p.value));
    scales.set(key, scale);
    if (scale === 1) continue;
    for (const p of list) p.record[p.column] = Math.round(p.value * scale * 1e9) / 1e9;
  }
  for (const r of records) {
    const rec = r.record;
    if (isPercentUnit(rec.unit as string | null) && typeof rec.target_value === "number" && rec.target_value > 100 &&
        (rec.direction === "ge" || rec.direction === "gt" || rec.direction === "eq")) {
      issues.push({table: r.table, sheet: r.sheet, row: r.row, column: "target", value: String(rec.target_value), rule: "percent.above_100", severity: "warning"});
    }
  }
  return {records, issues};
}

const PERCENT_SIGN = /[%％]/;

/** The key of a column's percent scale (fractions or points) among `normaliseRecords`'s `scales`. */
export function percentKey(sheet: string, table: TableName, column: string): string {
  return `${sheet}\u0000${table}\u0000${column}`;
}

function measureOf(raw: RawRecord, field: string): (Measure & {marked: boolean}) | null {
  const cell = raw.cells[field];
  if (cell === undefined || cell === null) return null;
  const m = parseMeasure(cell);
  if (!m) return null;
  return {direction: m.direction, value: m.value, unit: m.unit, text: m.text, marked: typeof cell === "string" && PERCENT_SIGN.test(cell)};
}

function assembleTarget(raw: RawRecord, out: TypedRecord, notes: PendingNote[]): void {
  const m = measureOf(raw, "target");
  let direction = m?.direction ?? null;
  if (raw.cells.direction !== undefined && raw.cells.direction !== null) {
    const fromColumn = parseDirection(raw.cells.direction);
    if (fromColumn === undefined) issue("direction", "direction.invalid", "warning");
    else if (fromColumn !== null) direction = fromColumn;
  }
  const unitColumn = cleanText(raw.cells.unit ?? null);
  out.unit = unitColumn ?? m?.unit ?? (m?.marked ? "%" : null);
  out.target_raw = showValue(raw.cells.target ?? null);
  if (direction === "qual") {
    out.target_value = null;
    out.target_text = m?.text ?? out.target_raw ?? null;
  } else {
    out.target_value = m?.value ?? null;
    out.target_text = m && m.value === null ? m.text : null;
    if (m && m.value === null && m.text) direction = "qual";
  }
  if (direction === null && out.target_value !== null && raw.table === "goal_indicators") {
    direction = "ge";
    issue("target", "direction.assumed", "warning");
  }
  out.direction = direction;
  notePercent(notes, raw, out, "target_value", m);
}

function notePercent(
  notes: PendingNote[], raw: RawRecord, out: TypedRecord, column: string,
  m: (Measure & {marked: boolean}) | null
): void {
  if (!m || m.marked || m.value === null) return;
  if (!isPercentUnit(out.unit as string | null) && !raw.context.percent.has(column.replace(/_value$/, ""))) return;
  notes.push({key: percentKey(raw.context.sheet, raw.table, column), column, value: m.value});
}
