import type {DuckDBAppender} from "@duckdb/node-api";
import {type Database, ident} from "../../src/db/database.ts";
import {isAmountColumn} from "../../src/schema/records.ts";
import {tableSpec, type TableName} from "../layout/fields.ts";
import {message} from "../messages.ts";
import type {Issue, NormalisedRecord} from "../normalise/record.ts";

export interface SheetSummary {
  sheet: string;
  table: string;
  layout: string;
  headerRow: number | null;
  unit: string | null;
  rowsLoaded: number;
  rowsRejected: number;
  warnings: number;
}

export interface ImportInput {
  filePath: string;
  fileName: string;
  fileHash: string;
  fileBytes: number;
  records: NormalisedRecord[];
  issues: Issue[];
  sheets: SheetSummary[];
}

export interface ImportResult {
  importId: number;
  replacedImportId: number | null;
  /** Rows of earlier imports of other files that this import replaced by business key. */
  replacedByKey: Record<string, number>;
}

type Column = {name: string; type: string};

async function columnsOf(db: Database, table: string): Promise<Column[]> {
  const rows = await db.all<{column_name: string; data_type: string}>(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $t ORDER BY ordinal_position",
    {t: table}
  );
  return rows.map((r) => ({name: r.column_name, type: r.data_type}));
}

function appendValue(appender: DuckDBAppender, type: string, value: unknown): void {
  if (value === null || value === undefined) return appender.appendNull();
  if (type === "INTEGER") return appender.appendInteger(Number(value));
  if (type === "BIGINT") return appender.appendBigInt(BigInt(value as number));
  if (type === "DOUBLE") return appender.appendDouble(Number(value));
  if (type === "BOOLEAN") return appender.appendBoolean(Boolean(value));
  return appender.appendVarchar(String(value));
}

/** Appends rows to a table through DuckDB's appender (fast, typed). */
async function appendRows(db: Database, table: string, columns: Column[], rows: Iterable<Record<string, unknown>>): Promise<void> {
  const appender = await db.connection.createAppender(table);
  try {
    for (const row of rows) {
      for (const column of columns) appendValue(appender, column.type, row[column.name]);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/**
 * Loads one file's records in one transaction: rows an earlier import of the same path loaded are
 * removed first (a corrected file replaces its previous version), rows with the same business key
 * from other files are replaced, rejects and the import are recorded. All or nothing.
 */
export async function writeImport(db: Database, input: ImportInput): Promise<ImportResult> {
  return db.transaction(async () => {
    const importId = ((await db.value<number | null>("SELECT max(import_id) FROM imports")) ?? 0) + 1;
    const previous = await db.all<{import_id: number}>(
      "SELECT import_id FROM imports WHERE file_path = $p AND active",
      {p: input.filePath}
    );
    for (const {import_id} of previous) {
      for (const table of TABLE_NAMES) await db.run(`DELETE FROM ${ident(table)} WHERE import_id = $id`, {id: import_id});
      await db.run("DELETE FROM rejects WHERE import_id = $id", {id: import_id});
      await db.run("UPDATE imports SET active = false WHERE import_id = $id", {id: import_id});
    }

    const replacedByKey: Record<string, number> = {};
    const byTable = new Map<TableName, NormalisedRecord[]>();
    for (const r of input.records) {
      const list = byTable.get(r.table);
      if (list) list.push(r);
      else byTable.set(r.table, [r]);
    }
    for (const [table, records] of byTable) {
      replacedByKey[table] = await loadTable(db, table, records, importId, input);
    }

    const rejectColumns = await columnsOf(db, "rejects");
    await appendRows(db, "rejects", rejectColumns, input.issues.map((i) => ({
      import_id: importId, source_file: input.filePath, source_sheet: i.sheet, source_row: i.row, table_name: i.table,
      column_name: i.column, value: i.value, rule: i.rule, severity: i.severity, message: message(i.rule)
    })));
    const rejected = new Set(input.issues.filter((i) => i.severity === "error").map((i) => `${i.sheet}\u0000${i.row}`));
    await db.run(
      `INSERT INTO imports VALUES ($id, $path, $name, $hash, $bytes, now()::TIMESTAMP, $loaded, $rejected, $warnings, $replaced, true)`,
      {
        id: importId, path: input.filePath, name: input.fileName, hash: input.fileHash, bytes: input.fileBytes,
        loaded: input.records.length, rejected: rejected.size,
        warnings: input.issues.filter((i) => i.severity === "warning").length,
        replaced: previous[0]?.import_id ?? null
      }
    );
    const sheetColumns = await columnsOf(db, "import_sheets");
    await appendRows(db, "import_sheets", sheetColumns, input.sheets.map((s) => ({
      import_id: importId, sheet: s.sheet, table_name: s.table, layout: s.layout, header_row: s.headerRow, unit: s.unit,
      rows_loaded: s.rowsLoaded, rows_rejected: s.rowsRejected, warnings: s.warnings
    })));
    return {importId, replacedImportId: previous[0]?.import_id ?? null, replacedByKey};
  });
}

const TABLE_NAMES: TableName[] = [
  "projects", "goal_indicators", "monitoring", "selfeval_indicators", "selfeval_totals", "evaluations", "findings", "dept_overall", "cut_decisions"
];

async function loadTable(db: Database, table: TableName, records: NormalisedRecord[], importId: number, input: ImportInput): Promise<number> {
  const columns = await columnsOf(db, table);
  const stage = `_stage_${table}`;
  const stageColumns = columns.map((c) => ({name: c.name, type: isAmountColumn(c.name) ? "VARCHAR" : c.type}));
  await db.run(`DROP TABLE IF EXISTS ${ident(stage)}`);
  await db.run(`CREATE TABLE ${ident(stage)} (${stageColumns.map((c) => `${ident(c.name)} ${c.type}`).join(", ")})`);
  await appendRows(db, stage, stageColumns, records.map((r) => ({
    ...r.record, import_id: importId, source_file: input.filePath, source_sheet: r.sheet, source_row: r.row, file_hash: input.fileHash
  })));
  const key = tableSpec(table).key;
  const match = key.map((k) => `t.${ident(k)} IS NOT DISTINCT FROM s.${ident(k)}`).join(" AND ");
  const replaced = await db.value<number>(`SELECT count(*) FROM ${ident(table)} t WHERE EXISTS (SELECT 1 FROM ${ident(stage)} s WHERE ${match})`);
  if (replaced > 0) await db.run(`DELETE FROM ${ident(table)} t WHERE EXISTS (SELECT 1 FROM ${ident(stage)} s WHERE ${match})`);
  const select = columns.map((c) => (isAmountColumn(c.name) ? `CAST(${ident(c.name)} AS DECIMAL(20,6))` : ident(c.name)));
  await db.run(`INSERT INTO ${ident(table)} SELECT ${select.join(", ")} FROM ${ident(stage)}`);
  await db.run(`DROP TABLE ${ident(stage)}`);
  return replaced;
}
