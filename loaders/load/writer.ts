import {join} from "node:path";
import type {DuckDBAppender} from "@duckdb/node-api";
import {type Database, ident} from "../../src/db/database.ts";
import {COLUMN_LABELS} from "../../src/glossary.ts";
import {isAmountColumn, recordColumns} from "../../src/schema/records.ts";
import {TABLES, type TableName} from "../layout/fields.ts";
import {MESSAGES} from "../messages.ts";
import type {Issue, NormalisedRecord} from "../normalise/record.ts";

export interface FileIdentity {
  filePath: string;
  fileName: string;
  fileHash: string;
  fileBytes: number;
}

export interface SheetInfo {
  sheet: string;
  table: string;
  layout: string;
  headerRow: number | null;
  unit: string | null;
}

export interface SheetSummary extends SheetInfo {
  rowsLoaded: number;
  rowsRejected: number;
  warnings: number;
}

export interface ImportResult {
  importId: number;
  replacedImportId: number | null;
  rowsLoaded: number;
  rowsRejected: number;
  warnings: number;
  sheets: SheetSummary[];
  /** Rows of earlier imports of other files that this import replaced by business key, per table. */
  replacedByKey: Record<string, number>;
}

/** A table's column; `nullable` is known for the main tables' columns (staging columns leave it out). */
type Column = {name: string; type: string; nullable?: boolean};

/** Staging tables written by one thread (`release`), to be committed by another (`adopt`). */
export interface StagedFile {
  /** The folder holding one Parquet file per staging table (`issues` and one per table with rows). */
  dir: string;
  /** Next sequence number (records and issues share one sequence). */
  seq: number;
  /** The staged tables, the columns of their main tables when staged, and whether the bulk normaliser staged rows. */
  tables: {table: TableName; columns: Column[]; bulk: boolean}[];
  /** What was staged, counted by the thread that staged it. */
  counts: StagedCounts;
}

/** Staged rows and issues, counted: per table, in all, and per sheet. */
interface StagedCounts {
  rows: Partial<Record<TableName, number>>;
  rejected: number;
  warnings: number;
  issues: number;
  sheets: {sheet: string; loaded: number; rejected: number; warnings: number}[];
}

/**
 * Staging tables are temporary tables named with this prefix. A load's transaction may write them and
 * the main tables together (DuckDB lets one transaction write one attached database, and temp).
 */
const STAGE_PREFIX = "jixiao_stage_";
const TABLE_NAMES = TABLES.map((t) => t.table);

/** A staging table of the current load by its short name (a table, `issues`, or a bulk normaliser's scratch table). */
export function stageTable(name: string): string {
  return `temp.${ident(STAGE_PREFIX + name)}`;
}

/** Drops every staging table left on this connection. */
async function dropStaging(db: Database): Promise<void> {
  const tables = await db.all<{table_name: string}>(
    "SELECT table_name FROM duckdb_tables() WHERE database_name = 'temp' AND starts_with(table_name, $prefix)", {prefix: STAGE_PREFIX}
  );
  for (const {table_name} of tables) await db.run(`DROP TABLE IF EXISTS temp.${ident(table_name)}`);
}

/** Column lists of the main tables, per database: the schema is fixed once opened, and asking costs ~10 ms. */
const COLUMNS = new WeakMap<Database, Map<string, Column[]>>();

async function columnsOf(db: Database, table: string): Promise<Column[]> {
  let known = COLUMNS.get(db);
  if (!known) COLUMNS.set(db, (known = new Map()));
  const cached = known.get(table);
  if (cached) return cached;
  const columns = await readColumns(db, table);
  if (columns.length > 0) known.set(table, columns);
  return columns;
}

async function readColumns(db: Database, table: string): Promise<Column[]> {
  const rows = await db.all<{column_name: string; data_type: string; is_nullable: string}>(
    "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = $t ORDER BY ordinal_position",
    {t: table}
  );
  return rows.map((r) => ({name: r.column_name, type: r.data_type, nullable: r.is_nullable !== "NO"}));
}

/** Provenance columns that hold one value per file: not staged per row, filled in by `commit`. */
const PER_FILE = new Set(["import_id", "source_file", "file_hash"]);

/** How `append` fills one staging column: from the record, or from the record's provenance. */
type Slot = {from: "record" | "sheet" | "row" | "seq" | "bulk"; name: string; type: string};

function appendValue(appender: DuckDBAppender, type: string, value: unknown): void {
  if (value === null || value === undefined) return appender.appendNull();
  if (type === "INTEGER") return appender.appendInteger(Number(value));
  if (type === "BIGINT") return appender.appendBigInt(BigInt(value as number));
  if (type === "DOUBLE") return appender.appendDouble(Number(value));
  if (type === "BOOLEAN") return appender.appendBoolean(Boolean(value));
  return appender.appendVarchar(String(value));
}

/**
 * Loads one file. Records stream into temporary staging tables as batches are read; `commit` then moves
 * them into the main tables in ONE transaction: the rows an earlier import of the same path loaded are
 * removed, duplicates within the file are rejected, rows with the same business key from other files
 * are replaced, and rejects and the import are recorded. All or nothing.
 *
 * A writer begun `direct` (the file is read on the database's own connection) opens that transaction
 * at the first rows the bulk normaliser takes and inserts them straight into the main tables, marked
 * with the new import's id: a large sheet's rows are written once, not staged and copied.
 */
export class ImportWriter {
  private seq = 0;
  /** Where an adopted writer reads the staged rows from at commit (null: this writer's own staging tables). */
  private parquetDir: string | null = null;
  /** An adopted writer's counts, made where the rows were staged. */
  private counts: StagedCounts | null = null;
  /** A direct writer's open transaction, once bulk rows went into the main tables: the import's id. */
  private open: {importId: number} | null = null;
  /** A direct writer's sequence numbers for its bulk rows, by sheet: a row's is `base + source_row`, as if staged. */
  private readonly bulkBases = new Map<string, number>();
  /** Tables the bulk normaliser staged rows of. */
  private readonly bulkTables = new Set<TableName>();
  /** While the connection is busy with other work (DuckDB reading a file): appends wait for it, and fail if it fails. */
  private busy: Promise<void> | null = null;
  private readonly columns = new Map<TableName, Column[]>();
  private readonly stageColumns = new Map<TableName, Column[]>();
  private readonly slots = new Map<TableName, Slot[]>();
  private readonly issueColumns: Column[] = [
    {name: "_seq", type: "INTEGER"}, {name: "source_sheet", type: "VARCHAR"}, {name: "source_row", type: "INTEGER"},
    {name: "table_name", type: "VARCHAR"}, {name: "column_name", type: "VARCHAR"}, {name: "value", type: "VARCHAR"},
    {name: "rule", type: "VARCHAR"}, {name: "severity", type: "VARCHAR"}
  ];

  private constructor(
    readonly db: Database,
    readonly file: FileIdentity,
    private readonly direct = false
  ) {}

  /** Starts a file's load with empty staging tables; `direct`: see the class comment. */
  static async begin(db: Database, file: FileIdentity, options: {direct?: boolean} = {}): Promise<ImportWriter> {
    const writer = new ImportWriter(db, file, options.direct ?? false);
    await dropStaging(db);
    await db.run(`CREATE TEMP TABLE ${ident(STAGE_PREFIX + "issues")} (${writer.issueColumns.map((c) => `${ident(c.name)} ${c.type}`).join(", ")})`);
    return writer;
  }

  /**
   * Hands the staged rows to another thread: rejects duplicates within the file (as `commit` would),
   * writes each staging table to a Parquet file in `dir` (types, values and order kept exactly) and
   * drops the staging tables. See `adopt`.
   */
  async release(dir: string, sheets: SheetInfo[]): Promise<StagedFile> {
    await this.rejectDuplicates(sheets);
    const counts = await this.count();
    const tables = this.stagedTables().map((t) => ({table: t.table, columns: this.columns.get(t.table)!, bulk: this.bulkTables.has(t.table)}));
    for (const name of ["issues", ...tables.map((t) => t.table)]) {
      await this.db.run(`COPY (SELECT * FROM ${stageTable(name)}) TO ${sqlString(join(dir, `${name}.parquet`))} (FORMAT parquet, COMPRESSION uncompressed)`);
    }
    await this.abort();
    return {dir, seq: this.seq, tables, counts};
  }

  /**
   * Takes over rows another thread staged (`release`) so that `commit` or `write` loads them into `db`,
   * read from the Parquet files in place (nothing is written but the main tables, so several files can
   * share one transaction); null when `db`'s tables differ from the ones they were staged for (the file
   * must then be read here).
   */
  static async adopt(db: Database, file: FileIdentity, staged: StagedFile): Promise<ImportWriter | null> {
    const writer = new ImportWriter(db, file);
    for (const {table, columns, bulk} of staged.tables) {
      const here = await columnsOf(db, table);
      if (JSON.stringify(here) !== JSON.stringify(columns)) return null;
      if (bulk) writer.bulkTables.add(table);
      writer.columns.set(table, here);
      writer.stageColumns.set(table, []);
    }
    writer.seq = staged.seq;
    writer.parquetDir = staged.dir;
    writer.counts = staged.counts;
    return writer;
  }

  /** The staged rows of a table, or of `issues`, as a relation. */
  private staged(name: string): string {
    return this.parquetDir === null ? stageTable(name) : `read_parquet(${sqlString(join(this.parquetDir, `${name}.parquet`))})`;
  }

  /** This file's rows of a table as a relation: in the main table once the transaction is open, else staged. */
  private rowsOf(table: TableName): string {
    return this.open ? `(SELECT * FROM ${ident(table)} WHERE import_id = ${this.open.importId})` : this.staged(table);
  }

  private async appendRows(table: string, columns: Column[], rows: Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.db.connection.createAppender(STAGE_PREFIX + table, "main", "temp");
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
   * Creates a table's staging copy on first use (amounts as text, cast exactly on insert). The per-file
   * provenance columns are left out of it: `commit` writes them once for all rows.
   */
  private async stage(table: TableName): Promise<Column[]> {
    const known = this.stageColumns.get(table);
    if (known) return known;
    const columns = await columnsOf(this.db, table);
    this.columns.set(table, columns);
    const stage = [
      {name: "_seq", type: "INTEGER"},
      {name: "_bulk", type: "BOOLEAN"},
      ...columns.filter((c) => !PER_FILE.has(c.name)).map((c) => ({name: c.name, type: isAmountColumn(c.name) ? "VARCHAR" : c.type}))
    ];
    this.stageColumns.set(table, stage);
    this.slots.set(table, stage.map((c): Slot => ({
      from: c.name === "_seq" ? "seq" : c.name === "_bulk" ? "bulk" : c.name === "source_sheet" ? "sheet" : c.name === "source_row" ? "row" : "record",
      name: c.name,
      type: c.type
    })));
    await this.db.run(`CREATE TEMP TABLE ${ident(STAGE_PREFIX + table)} (${stage.map((c) => `${ident(c.name)} ${c.type}`).join(", ")})`);
    return stage;
  }

  /** Appends one table's records, in order, straight from the records (no per-row objects). */
  private async appendRecords(table: TableName, records: NormalisedRecord[], seqs: number[]): Promise<void> {
    await this.stage(table);
    const slots = this.slots.get(table)!;
    const appender = await this.db.connection.createAppender(STAGE_PREFIX + table, "main", "temp");
    try {
      for (let i = 0; i < records.length; i++) {
        const r = records[i]!;
        const record = r.record;
        for (const slot of slots) {
          switch (slot.from) {
            case "seq": appender.appendInteger(seqs[i]!); break;
            case "bulk": appender.appendBoolean(false); break;
            case "sheet": appender.appendVarchar(r.sheet); break;
            case "row": appendValue(appender, slot.type, r.row); break;
            default: appendValue(appender, slot.type, record[slot.name]);
          }
        }
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /** Reserves `count` sequence numbers (for rows staged by the bulk normaliser); returns the first. */
  reserve(count: number): number {
    const base = this.seq;
    this.seq += count;
    return base;
  }

  /** A direct writer's transaction, opened on first use; returns the import's id. */
  private async openTransaction(): Promise<number> {
    if (!this.open) {
      await this.db.run("BEGIN TRANSACTION");
      this.open = {importId: ((await this.db.value<number | null>("SELECT max(import_id) FROM imports")) ?? 0) + 1};
    }
    return this.open.importId;
  }

  /**
   * Inserts records normalised in SQL (loaders/bulk) in one pass: `select` yields `_row`, `_ok` and the
   * record's columns for every row of `all` (a relation of `_row`s). Only rows with `_ok` are taken:
   * staged, a row takes sequence number `base + _row`; a direct writer inserts them into the main table
   * in its transaction. Then the statement `leave` builds over a relation of the other rows' `_row`s
   * runs (they go to TypeScript). Returns the number of rows taken.
   */
  async insertBulk(table: TableName, sheet: string, base: number, select: string, all: string, leave: (rows: string) => string): Promise<number> {
    await this.stage(table);
    const columns = recordColumns(table);
    if (!this.direct) {
      // The other rows are staged too, as empty markers (no sheet, no values), so that the select runs once.
      this.bulkTables.add(table);
      const staged = stageTable(table);
      const inserted = await this.db.connection.run(
        `INSERT INTO ${staged} (_seq, _bulk, source_sheet, source_row, ${columns.map(ident).join(", ")})
         SELECT $base + _row, true, CASE WHEN _ok THEN $sheet END, _row, ${columns.map((c) => `CASE WHEN _ok THEN ${ident(c)} END`).join(", ")} FROM (${select})`,
        {base, sheet}
      );
      await this.db.run(leave(`(SELECT source_row AS _row FROM ${staged} WHERE source_sheet IS NULL)`));
      const markers = await this.db.connection.run(`DELETE FROM ${staged} WHERE source_sheet IS NULL`);
      return Number(inserted.rowsChanged) - Number(markers.rowsChanged);
    }
    // Into the main table: no empty markers (rows deleted in a transaction make DuckDB rewrite the rows
    // it inserted at commit); the rows left are the ones not inserted.
    const id = await this.openTransaction();
    this.bulkBases.set(sheet, base);
    const record = new Set(columns);
    const main = this.columns.get(table)!;
    const values = main.map((c) => {
      switch (c.name) {
        case "import_id": return "$id";
        case "source_file": return "$file";
        case "file_hash": return "$hash";
        case "source_sheet": return "$sheet";
        case "source_row": return "_row";
      }
      if (!record.has(c.name)) return "NULL";
      return isAmountColumn(c.name) ? exactAmount(ident(c.name)) : ident(c.name);
    });
    const inserted = await this.db.connection.run(
      `INSERT INTO ${ident(table)} (${main.map((c) => ident(c.name)).join(", ")}) SELECT ${values.join(", ")} FROM (${select}) WHERE _ok`,
      {id, file: this.file.filePath, hash: this.file.fileHash, sheet}
    );
    await this.db.run(leave(`(SELECT _row FROM ${all} EXCEPT SELECT source_row FROM ${ident(table)} WHERE import_id = ${id} AND source_sheet = ${sqlString(sheet)})`));
    return Number(inserted.rowsChanged);
  }

  /** Makes appends wait until `busy` settles (null: appends go ahead). */
  holdAppends(busy: Promise<void> | null): void {
    this.busy = busy;
  }

  async append(records: NormalisedRecord[], issues: Issue[]): Promise<void> {
    if (this.busy) await this.busy;
    // Records keep their order within each table; sequence numbers follow the order of the batch.
    const byTable = new Map<TableName, {records: NormalisedRecord[]; seqs: number[]}>();
    for (const r of records) {
      const group = byTable.get(r.table);
      if (group) {
        group.records.push(r);
        group.seqs.push(this.seq++);
      } else byTable.set(r.table, {records: [r], seqs: [this.seq++]});
    }
    for (const [table, group] of byTable) await this.appendRecords(table, group.records, group.seqs);
    await this.appendRows("issues", this.issueColumns, issues.map((i) => ({
      _seq: this.seq++, source_sheet: i.sheet, source_row: i.row, table_name: i.table, column_name: i.column, value: i.value, rule: i.rule, severity: i.severity
    })));
  }

  private stagedTables() {
    return TABLES.filter((t) => this.stageColumns.has(t.table));
  }

  /** Rolls back a direct writer's open transaction and drops the staging tables. */
  async abort(): Promise<void> {
    if (this.open) {
      this.open = null;
      // (A COMMIT that failed may have ended the transaction already.)
      await this.db.run("ROLLBACK").catch(() => undefined);
    }
    if (this.parquetDir === null) await dropStaging(this.db);
  }

  /**
   * Rejects the second and later records with the same business key within this file, in file order
   * (sheet, then row): records normalised in SQL and in TypeScript are staged in different orders.
   */
  private async rejectDuplicates(sheets: SheetInfo[]): Promise<void> {
    const position = sheets.length === 0 ? "0"
      : `CASE source_sheet ${sheets.map((s, i) => `WHEN ${sqlString(s.sheet)} THEN ${i}`).join(" ")} END`;
    for (const spec of this.stagedTables()) {
      const stage = stageTable(spec.table);
      const keys = spec.key.map(ident).join(", ");
      const columns = [...new Set([...spec.key, "source_sheet", "source_row"])].map(ident).join(", ");
      // The file's rows, each with its sequence number (`_seq`) and where it is (`_main`, `_id`): a direct
      // writer's bulk rows are in the main table already.
      const staged = `SELECT _seq AS _id, false AS _main, _seq, ${columns} FROM ${stage}`;
      let rows = `(${staged})`;
      if (this.open) {
        const seq = `CASE source_sheet ${[...this.bulkBases].map(([sheet, base]) => `WHEN ${sqlString(sheet)} THEN ${base}`).join(" ")} END + source_row`;
        rows = `(${staged} UNION ALL SELECT rowid, true, ${seq}, ${columns} FROM ${ident(spec.table)} WHERE import_id = ${this.open.importId})`;
      }
      const field = spec.key.includes("project_code") ? "project_code" : spec.key[1]!;
      // Most files have none: one cheap check instead of building and applying an empty list.
      const duplicated = await this.db.value<number>(`SELECT count(*) FROM (SELECT 1 FROM ${rows} GROUP BY ${keys} HAVING count(*) > 1)`);
      if (Number(duplicated) === 0) continue;
      await this.db.run(
        `CREATE OR REPLACE TEMP TABLE _dups AS
         SELECT _id, _main, _seq, source_sheet, source_row, ${ident(field)}::VARCHAR AS value FROM (
           SELECT *, row_number() OVER (PARTITION BY ${keys} ORDER BY ${position}, source_row, _seq) AS n FROM ${rows}
         ) WHERE n > 1`
      );
      await this.db.run(
        `INSERT INTO ${stageTable("issues")} SELECT _seq, source_sheet, source_row, $table, $column, value, 'duplicate.key', 'error' FROM _dups`,
        {table: spec.table, column: COLUMN_LABELS[field] ?? field}
      );
      await this.db.run(`DELETE FROM ${stage} WHERE _seq IN (SELECT _id FROM _dups WHERE NOT _main)`);
      if (this.open) await this.db.run(`DELETE FROM ${ident(spec.table)} WHERE rowid IN (SELECT _id FROM _dups WHERE _main)`);
      await this.db.run("DROP TABLE _dups");
    }
  }

  /** Loads the staged rows into the main tables in one transaction (see the class comment). */
  async commit(sheets: SheetInfo[]): Promise<ImportResult> {
    try {
      if (this.open) {
        // The rows staged in TypeScript join the bulk rows in the main table; then as below.
        await this.rejectDuplicates(sheets);
        for (const spec of this.stagedTables()) await this.insertStaged(spec.table, this.open.importId);
        const result = await this.write(sheets);
        await this.db.run("COMMIT");
        this.open = null;
        return result;
      }
      if (this.parquetDir === null) await this.rejectDuplicates(sheets);
      return await this.db.transaction(() => this.write(sheets));
    } finally {
      await this.abort();
    }
  }

  /**
   * Inserts a table's staged rows into the main table: the bulk normaliser's first, as a direct writer
   * inserts them, so that both leave the same physical order; each in staging order, which is
   * deterministic (DuckDB keeps insertion order), so no sort of a million wide rows. Duplicates were
   * settled in file order before.
   */
  private async insertStaged(table: TableName, importId: number): Promise<void> {
    const select = this.columns.get(table)!.map((c) =>
      c.name === "import_id" ? "$id" : c.name === "source_file" ? "$file" : c.name === "file_hash" ? "$hash"
        : isAmountColumn(c.name) ? exactAmount(ident(c.name)) : ident(c.name)
    );
    for (const where of this.bulkTables.has(table) ? ["WHERE _bulk", "WHERE NOT _bulk"] : [""]) {
      await this.db.run(`INSERT INTO ${ident(table)} SELECT ${select.join(", ")} FROM ${this.staged(table)} ${where}`,
        {id: importId, file: this.file.filePath, hash: this.file.fileHash});
    }
  }

  /**
   * `commit`'s work without its transaction, for a caller that commits several adopted files in one
   * (`release` rejected their duplicates).
   */
  async write(sheets: SheetInfo[]): Promise<ImportResult> {
    const db = this.db;
    const importId = this.open?.importId ?? ((await db.value<number | null>("SELECT max(import_id) FROM imports")) ?? 0) + 1;
    const previous = await db.all<{import_id: number}>("SELECT import_id FROM imports WHERE file_path = $p AND active", {p: this.file.filePath});
    for (const {import_id} of previous) {
      for (const table of TABLE_NAMES) await db.run(`DELETE FROM ${ident(table)} WHERE import_id = $id`, {id: import_id});
      await db.run("DELETE FROM rejects WHERE import_id = $id", {id: import_id});
      await db.run("UPDATE imports SET active = false WHERE import_id = $id", {id: import_id});
    }
    const counts = this.counts ?? await this.count();
    const replacedByKey: Record<string, number> = {};
    let rowsLoaded = 0;
    for (const spec of this.stagedTables()) {
      const n = counts.rows[spec.table] ?? 0;
      if (n === 0) continue;
      rowsLoaded += n;
      // `=` where the column cannot be NULL: the same rows, matched by a cheaper join (this DELETE's scan ≈ 20% faster).
      const nullable = new Set(this.columns.get(spec.table)!.filter((c) => c.nullable !== false).map((c) => c.name));
      const match = spec.key.map((k) => `t.${ident(k)} ${nullable.has(k) ? "IS NOT DISTINCT FROM" : "="} s.${ident(k)}`).join(" AND ");
      const deleted = await db.connection.run(
        `DELETE FROM ${ident(spec.table)} t WHERE ${this.open ? `t.import_id <> ${importId} AND ` : ""}EXISTS (SELECT 1 FROM ${this.rowsOf(spec.table)} s WHERE ${match})`
      );
      const replaced = Number(deleted.rowsChanged);
      if (replaced > 0) replacedByKey[spec.table] = replaced;
      if (!this.open) await this.insertStaged(spec.table, importId);
    }
    const {rejected, warnings, issues} = counts;
    if (issues > 0) {
      const messages = Object.entries(MESSAGES).map(([rule, text]) => `(${sqlString(rule)}, ${sqlString(text)})`).join(", ");
      await db.run(
        `INSERT INTO rejects
         SELECT $id, $file, i.source_sheet, i.source_row, i.table_name, i.column_name, i.value, i.rule, i.severity, coalesce(m.message, i.rule)
         FROM ${this.staged("issues")} i LEFT JOIN (VALUES ${messages}) AS m(rule, message) USING (rule) ORDER BY i._seq`,
        {id: importId, file: this.file.filePath}
      );
    }
    await db.run(
      "INSERT INTO imports VALUES ($id, $path, $name, $hash, $bytes, now()::TIMESTAMP, $loaded, $rejected, $warnings, $replaced, true)",
      {id: importId, path: this.file.filePath, name: this.file.fileName, hash: this.file.fileHash, bytes: this.file.fileBytes,
        loaded: rowsLoaded, rejected, warnings, replaced: previous[0]?.import_id ?? null}
    );
    const bySheet = new Map(counts.sheets.map((r) => [r.sheet, r]));
    const summaries = sheets.map((s) => ({...s, rowsLoaded: bySheet.get(s.sheet)?.loaded ?? 0, rowsRejected: bySheet.get(s.sheet)?.rejected ?? 0, warnings: bySheet.get(s.sheet)?.warnings ?? 0}));
    if (summaries.length > 0) {
      // One statement for all sheets, in sheet order.
      await db.run(
        `INSERT INTO import_sheets VALUES ${summaries.map((_, i) => `($id, $sheet${i}, $table${i}, $layout${i}, $header${i}::INTEGER, $unit${i}::VARCHAR, $loaded${i}, $rejected${i}, $warnings${i})`).join(", ")}`,
        Object.assign({id: importId}, ...summaries.map((s, i) => ({
          [`sheet${i}`]: s.sheet, [`table${i}`]: s.table, [`layout${i}`]: s.layout, [`header${i}`]: s.headerRow, [`unit${i}`]: s.unit,
          [`loaded${i}`]: s.rowsLoaded, [`rejected${i}`]: s.rowsRejected, [`warnings${i}`]: s.warnings
        })))
      );
    }
    return {importId, replacedImportId: previous[0]?.import_id ?? null, rowsLoaded, rowsRejected: rejected, warnings, sheets: summaries, replacedByKey};
  }

  /** Counts the staged rows and issues. */
  private async count(): Promise<StagedCounts> {
    const tables = this.stagedTables();
    const [sizes] = await this.db.all<Record<string, number>>(
      `SELECT ${["NULL AS _none", ...tables.map((t) => `(SELECT count(*) FROM ${this.rowsOf(t.table)}) AS ${ident(t.table)}`)].join(", ")}`
    );
    const [totals] = await this.db.all<{rejected: number; warnings: number; issues: number}>(
      `SELECT count(DISTINCT CASE WHEN severity = 'error' THEN coalesce(source_sheet, '') || '#' || coalesce(source_row, -1) END) AS rejected,
              count(*) FILTER (WHERE severity = 'warning') AS warnings, count(*) AS issues FROM ${this.staged("issues")}`
    );
    const loaded = ["SELECT NULL::VARCHAR AS source_sheet WHERE false", ...tables.map((t) => `SELECT source_sheet FROM ${this.rowsOf(t.table)}`)].join(" UNION ALL ");
    const sheets = await this.db.all<{sheet: string; loaded: number; rejected: number; warnings: number}>(
      `WITH l AS (SELECT source_sheet AS sheet, count(*) AS loaded FROM (${loaded}) GROUP BY 1),
            i AS (SELECT source_sheet AS sheet,
                         count(DISTINCT CASE WHEN severity = 'error' THEN source_row END) AS rejected,
                         count(*) FILTER (WHERE severity = 'warning') AS warnings
                  FROM ${this.staged("issues")} GROUP BY 1)
       SELECT coalesce(l.sheet, i.sheet) AS sheet, coalesce(loaded, 0) AS loaded, coalesce(rejected, 0) AS rejected, coalesce(warnings, 0) AS warnings
       FROM l FULL JOIN i ON l.sheet = i.sheet`
    );
    return {rows: Object.fromEntries(tables.map((t) => [t.table, Number(sizes![t.table])])), rejected: totals!.rejected, warnings: totals!.warnings, issues: totals!.issues, sheets};
  }
}

/**
 * `CAST(text AS DECIMAL(20,6))`, fast: DuckDB parses text into a DECIMAL wider than 18 digits some 300
 * times slower than into DECIMAL(18,6) (≈ 20 µs a value here), so amounts that fit 18 digits go
 * through DECIMAL(18,6), which rounds the same way, and only the rest take the slow cast (whose error
 * for an out-of-range amount is kept).
 */
function exactAmount(column: string): string {
  return `coalesce(CAST(TRY_CAST(${column} AS DECIMAL(18,6)) AS DECIMAL(20,6)), CAST(${column} AS DECIMAL(20,6)))`;
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
