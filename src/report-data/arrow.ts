// Node-side helpers for Framework data loaders (reports/data/*.arrow.ts, *.json.ts): run one query
// against the DuckDB file, opened read-only, and write the result to stdout.
//
// Arrow IPC is written in the *stream* format: Framework's `sql:` front matter and
// `DuckDBClient.of({name: FileAttachment("x.arrow")})` load `.arrow` files with DuckDB-WASM's
// `insertArrowFromIPCStream`, which reads streams only; `FileAttachment(...).arrow()` (apache-arrow's
// `tableFromIPC`) reads both formats.
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {DuckDBTypeId, type DuckDBType, type DuckDBValue} from "@duckdb/node-api";
import {
  Bool,
  DateMillisecond,
  Dictionary,
  Float64,
  Int32,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector
} from "apache-arrow";
import {DEFAULT_DB_PATH, Database} from "../db/database.ts";

export type QueryParams = Record<string, unknown>;
export type QueryOptions = {
  /** DuckDB file to read; defaults to `$JIXIAO_DB`, else `data/jixiao.duckdb` in the repository. */
  db?: string;
};

const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The DuckDB file a loader reads: explicit option, then `$JIXIAO_DB`, then the repository default. */
export function resolveDbPath(db?: string): string {
  const path = db ?? process.env.JIXIAO_DB;
  return path ? resolve(path) : resolve(repoRoot, DEFAULT_DB_PATH);
}

type Column = {name: string; type: DuckDBType; values: unknown[]};

async function readColumns(sql: string, params: QueryParams | undefined, options: QueryOptions): Promise<Column[]> {
  const path = resolveDbPath(options.db);
  if (!existsSync(path)) throw new Error(`DuckDB file ${path} does not exist: run the ingest first, or point JIXIAO_DB at a database`);
  const db = await Database.open(path, {readOnly: true});
  try {
    const reader = await db.connection.runAndReadAll(sql, params as Record<string, DuckDBValue> | undefined);
    const names = reader.columnNames();
    const types = reader.columnTypes();
    const columns = reader.getColumnsJS();
    const seen = new Set<string>();
    return names.map((name, i) => {
      if (seen.has(name)) throw new Error(`duplicate column name ${name}: alias it in the query`);
      seen.add(name);
      return {name, type: types[i]!, values: columns[i] ?? []};
    });
  } finally {
    db.close();
  }
}

/** Runs `sql` (values bound as `$name`) read-only and returns the result as an Arrow table. */
export async function queryAsArrow(sql: string, params?: QueryParams, options: QueryOptions = {}): Promise<Table> {
  const columns = await readColumns(sql, params, options);
  const vectors: Record<string, Vector> = {};
  for (const column of columns) vectors[column.name] = toVector(column);
  return new Table(vectors);
}

/** Rows as JSON-safe objects: decimals and safe integers as numbers, dates as ISO strings. */
export async function queryAsJson(sql: string, params?: QueryParams, options: QueryOptions = {}): Promise<Record<string, unknown>[]> {
  const columns = await readColumns(sql, params, options);
  const length = columns[0]?.values.length ?? 0;
  const converted = columns.map((column) => ({name: column.name, values: column.values.map((value) => toJsonValue(value, column))}));
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < length; ++i) {
    const row: Record<string, unknown> = {};
    for (const column of converted) row[column.name] = column.values[i];
    rows.push(row);
  }
  return rows;
}

/** Encodes a table as Arrow IPC stream bytes (the format DuckDB-WASM and `tableFromIPC` both read). */
export function arrowBytes(table: Table): Uint8Array {
  return tableToIPC(table, "stream");
}

/** Loader entry: writes the query result as Arrow IPC to stdout; on failure logs to stderr, exit code 1. */
export async function writeQueryAsArrow(sql: string, params?: QueryParams, options: QueryOptions = {}): Promise<void> {
  await runLoader(async () => arrowBytes(await queryAsArrow(sql, params, options)));
}

/** Loader entry: writes the query result as a JSON array of rows to stdout. */
export async function writeQueryAsJson(sql: string, params?: QueryParams, options: QueryOptions = {}): Promise<void> {
  await runLoader(async () => JSON.stringify(await queryAsJson(sql, params, options)));
}

async function runLoader(produce: () => Promise<Uint8Array | string>): Promise<void> {
  try {
    const output = await produce();
    await new Promise<void>((resolvePromise, reject) => {
      process.stdout.write(output, (error) => (error ? reject(error) : resolvePromise()));
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

/** Arrow type for a DuckDB column; integers wider than 32 bits depend on the values seen. */
export function arrowTypeFor(column: Column): DataType {
  switch (column.type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new Bool();
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return new Int32();
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return fitsInt32(column.values) ? new Int32() : new Float64();
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return new Float64();
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
    case DuckDBTypeId.UUID:
      // An empty result carries no dictionary batch, and DuckDB-WASM rejects a stream that announces a
      // dictionary it never sends: plain text then.
      return column.values.length === 0 ? new Utf8() : new Dictionary(new Utf8(), new Int32());
    case DuckDBTypeId.DATE:
      return new DateMillisecond();
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return new TimestampMillisecond();
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new TimestampMillisecond("UTC");
    default:
      throw new Error(`unsupported DuckDB type ${column.type.toString()} in column ${column.name}: cast it in the query`);
  }
}

function fitsInt32(values: unknown[]): boolean {
  for (const value of values) {
    if (value == null) continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < INT32_MIN || n > INT32_MAX) return false;
  }
  return true;
}

function toVector(column: Column): Vector {
  const type = arrowTypeFor(column);
  const values = column.values.map((value) => toArrowValue(value, column, type));
  return vectorFromArray(values, type);
}

function toArrowValue(value: unknown, column: Column, type: DataType): unknown {
  if (value == null) return null;
  if (typeof value === "bigint") return safeNumber(value, column);
  if (value instanceof Date) return type instanceof DateMillisecond ? value : value.getTime();
  return value;
}

function toJsonValue(value: unknown, column: Column): unknown {
  if (value == null) return null;
  if (typeof value === "bigint") return safeNumber(value, column);
  if (value instanceof Date) return column.type.typeId === DuckDBTypeId.DATE ? value.toISOString().slice(0, 10) : value.toISOString();
  if (value instanceof Uint8Array) throw new Error(`unsupported DuckDB type ${column.type.toString()} in column ${column.name}: cast it in the query`);
  return value;
}

function safeNumber(value: bigint, column: Column): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new Error(`integer ${value} in column ${column.name} does not fit a double exactly: cast it to VARCHAR or DOUBLE in the query`);
  }
  return n;
}
