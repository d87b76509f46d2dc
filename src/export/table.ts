import {createWriteStream} from "node:fs";
import {mkdirSync} from "node:fs";
import {dirname} from "node:path";
import ExcelJS from "exceljs";
import {type Database, ident} from "../db/database.ts";
import {COLUMN_LABELS} from "../glossary.ts";

export type ExportFormat = "csv" | "xlsx" | "json";

/** Excel's sheet limit; larger tables go to CSV or Parquet. */
const XLSX_MAX_ROWS = 1_048_575;

/** `project-scores` → `marts.project_scores`; raw tables (`projects`, `rejects` …) by their own name. */
export async function resolveTable(db: Database, name: string): Promise<{schema: string; table: string}> {
  const table = name.replaceAll("-", "_").replace(/^marts\./, "");
  const found = await db.all<{table_schema: string}>(
    "SELECT table_schema FROM information_schema.tables WHERE table_name = $t AND table_schema IN ('marts', 'main') ORDER BY table_schema = 'marts' DESC",
    {t: table}
  );
  if (found.length === 0) {
    const marts = await db.all<{table_name: string}>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' ORDER BY 1");
    const list = marts.map((m) => m.table_name.replaceAll("_", "-")).join(", ");
    throw new Error(`没有名为 ${name} 的表。${list ? `可导出：${list}` : "请先运行 npx jixiao score 生成结果表。"}`);
  }
  return {schema: found[0]!.table_schema, table};
}

interface ColumnInfo {
  name: string;
  type: string;
}

async function columnsOf(db: Database, schema: string, table: string): Promise<ColumnInfo[]> {
  const rows = await db.all<{column_name: string; data_type: string}>(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $s AND table_name = $t ORDER BY ordinal_position",
    {s: schema, t: table}
  );
  return rows.map((r) => ({name: r.column_name, type: r.data_type}));
}

/**
 * The SELECT list of an export: decimals as numbers, and for CSV every text that a spreadsheet would
 * run as a formula (=, +, -, @, tab, CR at the start) prefixed with an apostrophe.
 */
function selectList(columns: ColumnInfo[], guardText: boolean): string {
  return columns.map((c) => {
    const col = ident(c.name);
    if (c.type.startsWith("DECIMAL")) return `CAST(${col} AS DOUBLE) AS ${col}`;
    if (guardText && c.type === "VARCHAR") return `CASE WHEN regexp_matches(${col}, '^[=+\\-@\\t\\r]') THEN '''' || ${col} ELSE ${col} END AS ${col}`;
    return col;
  }).join(", ");
}

export interface ExportOptions {
  format: ExportFormat;
  out: string;
  year?: number;
}

/** Writes a table (a mart by default) to CSV (UTF-8 with BOM, for Excel), JSON or a formatted xlsx. */
export async function exportTable(db: Database, name: string, options: ExportOptions): Promise<{rows: number; table: string}> {
  const {schema, table} = await resolveTable(db, name);
  const columns = await columnsOf(db, schema, table);
  const hasYear = columns.some((c) => c.name === "year");
  if (options.year !== undefined && !hasYear) throw new Error(`表 ${name} 没有年度列，不能按 --year 筛选`);
  const where = options.year !== undefined ? "WHERE year = $year" : "";
  const order = columns.slice(0, 3).map((c) => ident(c.name)).join(", ");
  const params = options.year !== undefined ? {year: options.year} : undefined;
  const from = `${ident(schema)}.${ident(table)} ${where} ORDER BY ${order}`;
  mkdirSync(dirname(options.out), {recursive: true});

  if (options.format === "csv" || options.format === "json") {
    const rows = await db.all<Record<string, unknown>>(`SELECT ${selectList(columns, options.format === "csv")} FROM ${from}`, params);
    await writeText(options.out, options.format === "csv" ? toCsv(columns, rows) : JSON.stringify(rows, jsonValue, 2) + "\n");
    return {rows: rows.length, table};
  }
  const total = await db.value<number>(`SELECT count(*) FROM ${ident(schema)}.${ident(table)} ${where}`, params);
  if (total > XLSX_MAX_ROWS) throw new Error(`表 ${name} 有 ${total} 行，超过 Excel 单表上限（1,048,576 行），请改用 --format csv`);
  const rows = await db.all<Record<string, unknown>>(`SELECT ${selectList(columns, false)} FROM ${from}`, params);
  await writeXlsx(options.out, table, columns, rows);
  return {rows: rows.length, table};
}

function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? Number(value) : value;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsv(columns: ColumnInfo[], rows: Record<string, unknown>[]): string {
  const lines = [columns.map((c) => c.name).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c.name])).join(","));
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

async function writeText(file: string, text: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(file);
    stream.on("error", reject);
    stream.end(text, () => resolve());
  });
}

function numberFormat(column: string): string | undefined {
  if (column.endsWith("_wan")) return "#,##0.00";
  if (column.endsWith("_rate") || column.endsWith("_share")) return "0.00%";
  if (column.endsWith("_score") || column === "score") return "0.00";
  return undefined;
}

/** A formatted sheet: frozen header, filters, 万元 and % formats, and a 说明 sheet naming each column in Chinese. */
async function writeXlsx(file: string, table: string, columns: ColumnInfo[], rows: Record<string, unknown>[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "jixiao";
  const sheet = workbook.addWorksheet(table.slice(0, 31), {views: [{state: "frozen", ySplit: 1}]});
  sheet.columns = columns.map((c) => ({
    header: c.name, key: c.name, width: Math.max(10, Math.min(40, (COLUMN_LABELS[c.name]?.length ?? c.name.length) * 2)),
    style: numberFormat(c.name) ? {numFmt: numberFormat(c.name)} : {}
  }));
  for (const row of rows) {
    const values: Record<string, unknown> = {};
    for (const c of columns) {
      const v = row[c.name];
      values[c.name] = v === null || v === undefined ? null : typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v;
    }
    sheet.addRow(values);
  }
  sheet.getRow(1).font = {bold: true};
  sheet.autoFilter = {from: {row: 1, column: 1}, to: {row: 1, column: columns.length}};
  const legend = workbook.addWorksheet("说明");
  legend.addRow(["列名", "中文名"]).font = {bold: true};
  for (const c of columns) legend.addRow([c.name, COLUMN_LABELS[c.name] ?? ""]);
  await workbook.xlsx.writeFile(file);
}
