// Query results as Arrow tables, for the report site's data files (src/report-data/site-files.ts).
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

/** Runs `sql` (values bound as `$name`) on an open database and returns the result as an Arrow table. */
export async function tableFromQuery(db: Database, sql: string, params?: QueryParams): Promise<Table> {
  // Unset values are left out: DuckDB refuses a value for a parameter the statement does not have.
  const bound = Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined)) as Record<string, DuckDBValue>;
  const reader = await db.connection.runAndReadAll(sql, Object.keys(bound).length > 0 ? bound : undefined);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const values = reader.getColumnsJS();
  const seen = new Set<string>();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => {
    if (seen.has(name)) throw new Error(`duplicate column name ${name}: alias it in the query`);
    seen.add(name);
    vectors[name] = toVector({name, type: types[i]!, values: values[i] ?? []});
  });
  return new Table(vectors);
}

/** Opens the DuckDB file read-only (see `resolveDbPath`), with a clear error when it is missing. */
export async function openReportDb(options: QueryOptions = {}): Promise<Database> {
  const path = resolveDbPath(options.db);
  if (!existsSync(path)) throw new Error(`DuckDB file ${path} does not exist: run the ingest first, or point JIXIAO_DB at a database`);
  return Database.open(path, {readOnly: true});
}

/** `tableFromQuery` on the DuckDB file, opened read-only for this one query. */
export async function queryAsArrow(sql: string, params?: QueryParams, options: QueryOptions = {}): Promise<Table> {
  const db = await openReportDb(options);
  try {
    return await tableFromQuery(db, sql, params);
  } finally {
    db.close();
  }
}

/** Encodes a table as Arrow IPC stream bytes (the format DuckDB-WASM and `tableFromIPC` both read). */
export function arrowBytes(table: Table): Uint8Array {
  return tableToIPC(table, "stream");
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

function safeNumber(value: bigint, column: Column): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new Error(`integer ${value} in column ${column.name} does not fit a double exactly: cast it to VARCHAR or DOUBLE in the query`);
  }
  return n;
}
