import {mkdirSync, readFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {DuckDBConnection, DuckDBInstance, type DuckDBValue} from "@duckdb/node-api";

export const DEFAULT_DB_PATH = "data/jixiao.duckdb";

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

const schemaFile = resolve(dirname(fileURLToPath(import.meta.url)), "schema.sql");

/** A setting in the environment that cannot be used: shown to the user as is, without a stack trace. */
export class SettingError extends Error {}

/**
 * DuckDB's memory limit from `JIXIAO_MEMORY_LIMIT` ("3GB", "512MB" …; unset: DuckDB's default, 80% of the
 * machine's memory). Above it DuckDB spills joins, sorts and aggregates to a `.tmp` folder beside the
 * database file, so a build on a small machine is slower instead of failing (docs/scale.md).
 */
export function memoryLimit(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return null;
  const text = value.trim();
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(text)) {
    throw new SettingError(`环境变量 JIXIAO_MEMORY_LIMIT 的取值「${value}」无效：应为内存大小，如 3GB 或 512MB`);
  }
  return text;
}

/**
 * What to tell the user when DuckDB ran out of memory (its "Out of Memory Error"), or null for any other
 * error. The statement's transaction is rolled back, so the database is as it was. Seen with a limit too
 * small for the job: a 9.1 M-row CSV file failed at its commit under 1GB, and loaded under 2GB.
 */
export function outOfMemoryMessage(error: unknown, limit = process.env.JIXIAO_MEMORY_LIMIT): string | null {
  if (!(error instanceof Error) || !/out of memory/i.test(error.message)) return null;
  const held = limit?.trim() ? `内存上限 JIXIAO_MEMORY_LIMIT=${limit.trim()}` : "本机可用内存（未设 JIXIAO_MEMORY_LIMIT 时为内存的 80%）";
  return `内存不足：${held} 不够完成这一步，数据库未作改动。请调高 JIXIAO_MEMORY_LIMIT（如 2GB 或 4GB）或关闭其他程序后重试。\n（DuckDB：${error.message.split("\n")[0]}）`;
}

/**
 * WAL size at which a commit checkpoints into the database file. DuckDB's 16 MB default made a folder
 * ingest checkpoint every few files, and each checkpoint rewrote the tables' last row groups: at
 * province scale (1,250 files) that was a third of the one-thread ingest (279 s → 180 s with this).
 */
const CHECKPOINT_THRESHOLD = "256MB";

/**
 * Row groups a thread of a large INSERT or CREATE TABLE … AS fills before writing them to the database
 * file (DuckDB's default 5, and up to a fifth of the memory limit). One is enough to keep the writes large:
 * the 1 M-row sheet ingests as fast (9.1 s) at 811 MB peak RSS instead of 1,107 MB, province goals.csv at
 * 720 MB instead of 860 MB.
 */
const WRITE_BUFFER_ROW_GROUPS = "1";

/** A DuckDB file (or `:memory:`) with the raw-layer schema applied; one connection. */
export class Database {
  private constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection
  ) {}

  static async open(path: string = process.env.JIXIAO_DB ?? DEFAULT_DB_PATH, options: {readOnly?: boolean} = {}): Promise<Database> {
    const limit = memoryLimit(process.env.JIXIAO_MEMORY_LIMIT);
    if (path !== ":memory:" && !options.readOnly) mkdirSync(dirname(resolve(path)), {recursive: true});
    const config: Record<string, string> = options.readOnly ? {access_mode: "READ_ONLY"} : {checkpoint_threshold: CHECKPOINT_THRESHOLD, write_buffer_row_group_count: WRITE_BUFFER_ROW_GROUPS};
    if (limit) config.memory_limit = limit;
    const instance = await DuckDBInstance.create(path, config);
    const connection = await instance.connect();
    const db = new Database(path, instance, connection);
    if (!options.readOnly) await db.run(readFileSync(schemaFile, "utf8"));
    return db;
  }

  /** Runs one or more statements; values are bound with `$name`, never interpolated. */
  async run(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Rows as plain JS objects: BIGINT becomes number, DECIMAL a number (use `allJson` for exact decimals). */
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map((row) => normalise(row) as T);
  }

  /** Rows with DECIMAL and BIGINT as exact strings, dates as ISO strings. */
  async allJson<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as T[];
  }

  async value<T = unknown>(sql: string, params?: Params): Promise<T> {
    const rows = await this.all(sql, params);
    const first = rows[0];
    return (first ? Object.values(first)[0] : undefined) as T;
  }

  /** Runs `work` in one transaction: all of it lands, or none of it. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run("BEGIN TRANSACTION");
    try {
      const result = await work();
      await this.run("COMMIT");
      return result;
    } catch (error) {
      await this.run("ROLLBACK");
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function normalise(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === "bigint" ? Number(value) : value;
  return out;
}

/** Quotes an identifier for SQL. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
