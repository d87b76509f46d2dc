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

type Column = {name: string; type: string};

/** Staging tables written by one thread (`release`), to be committed by another (`adopt`). */
export interface StagedFile {
  /** The folder holding one Parquet file per staging table (`issues` and one per table with rows). */
  dir: string;
  /** Next sequence number (records and issues share one sequence). */
  seq: number;
  /** The staged tables and the columns of their main tables when staged. */
  tables: {table: TableName; columns: Column[]}[];
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

const STAGE = "jixiao_stage";
const TABLE_NAMES = TABLES.map((t) => t.table);

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
  const rows = await db.all<{column_name: string; data_type: string}>(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = $t ORDER BY ordinal_position",
    {t: table}
  );
  return rows.map((r) => ({name: r.column_name, type: r.data_type}));
}

/** Provenance columns that hold one value per file: not staged per row, filled in by `commit`. */
const PER_FILE = new Set(["import_id", "source_file", "file_hash"]);

/** How `append` fills one staging column: from the record, or from the record's provenance. */
type Slot = {from: "record" | "sheet" | "row" | "seq"; name: string; type: string};

function appendValue(appender: DuckDBAppender, type: string, value: unknown): void {
  if (value === null || value === undefined) return appender.appendNull();
  if (type === "INTEGER") return appender.appendInteger(Number(value));
  if (type === "BIGINT") return appender.appendBigInt(BigInt(value as number));
  if (type === "DOUBLE") return appender.appendDouble(Number(value));
  if (type === "BOOLEAN") return appender.appendBoolean(Boolean(value));
  return appender.appendVarchar(String(value));
}

/**
 * Loads one file. Records stream into staging tables of a scratch in-memory database as batches are
 * read; `commit` then moves them into the main tables in ONE transaction: the rows an earlier import of
 * the same path loaded are removed, duplicates within the file are rejected, rows with the same business
 * key from other files are replaced, and rejects and the import are recorded. All or nothing.
 */
export class ImportWriter {
  private seq = 0;
  /** Where an adopted writer reads the staged rows from at commit (null: this writer's own staging database). */
  private parquetDir: string | null = null;
  /** An adopted writer's counts, made where the rows were staged. */
  private counts: StagedCounts | null = null;
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
    readonly file: FileIdentity
  ) {}

  /** Starts a file's load with empty staging tables (an in-memory database attached to `db`). */
  static async begin(db: Database, file: FileIdentity): Promise<ImportWriter> {
    const writer = new ImportWriter(db, file);
    await db.run(`DETACH DATABASE IF EXISTS ${STAGE}; ATTACH ':memory:' AS ${STAGE}`);
    await db.run(`CREATE TABLE ${STAGE}.issues (${writer.issueColumns.map((c) => `${ident(c.name)} ${c.type}`).join(", ")})`);
    return writer;
  }

  /**
   * Hands the staged rows to another thread: rejects duplicates within the file (as `commit` would),
   * writes each staging table to a Parquet file in `dir` (types, values and order kept exactly) and
   * drops the staging database. See `adopt`.
   */
  async release(dir: string, sheets: SheetInfo[]): Promise<StagedFile> {
    await this.rejectDuplicates(sheets);
    const counts = await this.count();
    const tables = this.stagedTables().map((t) => ({table: t.table, columns: this.columns.get(t.table)!}));
    for (const name of ["issues", ...tables.map((t) => t.table)]) {
      await this.db.run(`COPY (SELECT * FROM ${STAGE}.${ident(name)}) TO ${sqlString(join(dir, `${name}.parquet`))} (FORMAT parquet)`);
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
    for (const {table, columns} of staged.tables) {
      const here = await columnsOf(db, table);
      if (JSON.stringify(here) !== JSON.stringify(columns)) return null;
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
    return this.parquetDir === null ? `${STAGE}.${ident(name)}` : `read_parquet(${sqlString(join(this.parquetDir, `${name}.parquet`))})`;
  }

  private async appendRows(table: string, columns: Column[], rows: Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.db.connection.createAppender(table, "main", STAGE);
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
      ...columns.filter((c) => !PER_FILE.has(c.name)).map((c) => ({name: c.name, type: isAmountColumn(c.name) ? "VARCHAR" : c.type}))
    ];
    this.stageColumns.set(table, stage);
    this.slots.set(table, stage.map((c): Slot => ({
      from: c.name === "_seq" ? "seq" : c.name === "source_sheet" ? "sheet" : c.name === "source_row" ? "row" : "record",
      name: c.name,
      type: c.type
    })));
    await this.db.run(`CREATE TABLE ${STAGE}.${ident(table)} (${stage.map((c) => `${ident(c.name)} ${c.type}`).join(", ")})`);
    return stage;
  }

  /** Appends one table's records, in order, straight from the records (no per-row objects). */
  private async appendRecords(table: TableName, records: NormalisedRecord[], seqs: number[]): Promise<void> {
    await this.stage(table);
    const slots = this.slots.get(table)!;
    const appender = await this.db.connection.createAppender(table, "main", STAGE);
    try {
      for (let i = 0; i < records.length; i++) {
        const r = records[i]!;
        const record = r.record;
        for (const slot of slots) {
          switch (slot.from) {
            case "seq": appender.appendInteger(seqs[i]!); break;
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

  /**
   * Stages records normalised in SQL (loaders/bulk) through `db` (this writer's database, possibly over
   * another connection), in one pass: `select` yields `_row`, `_ok` and the record's columns; a row takes
   * sequence number `base + _row`. A row without `_ok` is staged as an empty placeholder (no sheet, no
   * values) so that the select runs once; `takePlaceholders` hands their `_row`s on and removes them.
   * Returns the number of rows staged, placeholders included.
   */
  async insertStaged(db: Database, table: TableName, sheet: string, base: number, select: string): Promise<number> {
    await this.stage(table);
    const columns = recordColumns(table).map(ident);
    const result = await db.connection.run(
      `INSERT INTO ${STAGE}.${ident(table)} (_seq, source_sheet, source_row, ${columns.join(", ")})
       SELECT $base + _row, CASE WHEN _ok THEN $sheet END, _row, ${columns.map((c) => `CASE WHEN _ok THEN ${c} END`).join(", ")} FROM (${select})`,
      {base, sheet}
    );
    return Number(result.rowsChanged);
  }

  /**
   * Runs the statement `use` builds over a relation of the `_row`s `insertStaged` left as placeholders
   * in `table`'s staging table, then removes the placeholders; returns how many there were.
   */
  async takePlaceholders(db: Database, table: TableName, use: (rows: string) => string): Promise<number> {
    const staged = `${STAGE}.${ident(table)}`;
    await db.run(use(`(SELECT source_row AS _row FROM ${staged} WHERE source_sheet IS NULL)`));
    const result = await db.connection.run(`DELETE FROM ${staged} WHERE source_sheet IS NULL`);
    return Number(result.rowsChanged);
  }

  async append(records: NormalisedRecord[], issues: Issue[]): Promise<void> {
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

  async abort(): Promise<void> {
    if (this.parquetDir === null) await this.db.run(`DETACH DATABASE IF EXISTS ${STAGE}`);
  }

  /**
   * Rejects the second and later records with the same business key within this file, in file order
   * (sheet, then row): records normalised in SQL and in TypeScript are staged in different orders.
   */
  private async rejectDuplicates(sheets: SheetInfo[]): Promise<void> {
    const position = sheets.length === 0 ? "0"
      : `CASE source_sheet ${sheets.map((s, i) => `WHEN ${sqlString(s.sheet)} THEN ${i}`).join(" ")} END`;
    for (const spec of this.stagedTables()) {
      const table = `${STAGE}.${ident(spec.table)}`;
      const keys = spec.key.map(ident).join(", ");
      const field = spec.key.includes("project_code") ? "project_code" : spec.key[1]!;
      // Most files have none: one cheap check instead of building and applying an empty list.
      const duplicated = await this.db.value<number>(`SELECT count(*) FROM (SELECT 1 FROM ${table} GROUP BY ${keys} HAVING count(*) > 1)`);
      if (Number(duplicated) === 0) continue;
      await this.db.run(
        `CREATE OR REPLACE TEMP TABLE _dups AS
         SELECT _seq, source_sheet, source_row, ${ident(field)}::VARCHAR AS value FROM (
           SELECT *, row_number() OVER (PARTITION BY ${keys} ORDER BY ${position}, source_row, _seq) AS n FROM ${table}
         ) WHERE n > 1`
      );
      await this.db.run(
        `INSERT INTO ${STAGE}.issues SELECT _seq, source_sheet, source_row, $table, $column, value, 'duplicate.key', 'error' FROM _dups`,
        {table: spec.table, column: COLUMN_LABELS[field] ?? field}
      );
      await this.db.run(`DELETE FROM ${table} WHERE _seq IN (SELECT _seq FROM _dups); DROP TABLE _dups;`);
    }
  }

  /** Loads the staged rows into the main tables in one transaction (see the class comment). */
  async commit(sheets: SheetInfo[]): Promise<ImportResult> {
    try {
      if (this.parquetDir === null) await this.rejectDuplicates(sheets);
      return await this.db.transaction(() => this.write(sheets));
    } finally {
      await this.abort();
    }
  }

  /**
   * `commit`'s work without its transaction, for a caller that commits several adopted files in one
   * (`release` rejected their duplicates).
   */
  async write(sheets: SheetInfo[]): Promise<ImportResult> {
    const db = this.db;
    const importId = ((await db.value<number | null>("SELECT max(import_id) FROM imports")) ?? 0) + 1;
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
      const stage = this.staged(spec.table);
      const match = spec.key.map((k) => `t.${ident(k)} IS NOT DISTINCT FROM s.${ident(k)}`).join(" AND ");
      const deleted = await db.connection.run(`DELETE FROM ${ident(spec.table)} t WHERE EXISTS (SELECT 1 FROM ${stage} s WHERE ${match})`);
      const replaced = Number(deleted.rowsChanged);
      if (replaced > 0) replacedByKey[spec.table] = replaced;
      const select = this.columns.get(spec.table)!.map((c) =>
        c.name === "import_id" ? "$id" : c.name === "source_file" ? "$file" : c.name === "file_hash" ? "$hash"
          : isAmountColumn(c.name) ? exactAmount(ident(c.name)) : ident(c.name)
      );
      // In staging order, which is deterministic (DuckDB keeps insertion order): no sort of a
      // million wide rows. Duplicates were settled in file order above.
      await db.run(`INSERT INTO ${ident(spec.table)} SELECT ${select.join(", ")} FROM ${stage}`, {id: importId, file: this.file.filePath, hash: this.file.fileHash});
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
      `SELECT ${["NULL AS _none", ...tables.map((t) => `(SELECT count(*) FROM ${this.staged(t.table)}) AS ${ident(t.table)}`)].join(", ")}`
    );
    const [totals] = await this.db.all<{rejected: number; warnings: number; issues: number}>(
      `SELECT count(DISTINCT CASE WHEN severity = 'error' THEN coalesce(source_sheet, '') || '#' || coalesce(source_row, -1) END) AS rejected,
              count(*) FILTER (WHERE severity = 'warning') AS warnings, count(*) AS issues FROM ${this.staged("issues")}`
    );
    const loaded = ["SELECT NULL::VARCHAR AS source_sheet WHERE false", ...tables.map((t) => `SELECT source_sheet FROM ${this.staged(t.table)}`)].join(" UNION ALL ");
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
