// DuckDB-WASM settings shared by every page that queries Arrow tables in the browser.
import {DuckDBClient} from "npm:@observablehq/duckdb";
import {tableSources} from "./tables.js";

// Framework already casts BIGINT to DOUBLE and TIMESTAMP to Date64; DECIMAL and HUGEINT results
// (sum() over integers is HUGEINT) would otherwise show as raw 128-bit words, e.g. "340,0,0,0".
export const DUCKDB_CONFIG = {query: {castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true}};

/** A DuckDBClient over the given sources ({name: FileAttachment | Arrow table}), all tables by default. */
export function openDatabase(sources = tableSources()) {
  return DuckDBClient.of(sources, DUCKDB_CONFIG);
}

/** A `sql` tagged template for a page: `const sql = openSql({…})` makes ```sql blocks use these tables. */
export function openSql(sources = tableSources()) {
  return DuckDBClient.sql(sources, DUCKDB_CONFIG);
}
