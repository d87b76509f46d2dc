// The members of a detail page's archive (data/departments/[dept].tar, data/regions/[region].tar): a department's or a
// 行政区划's projects, indicators and explanation trail, as CSV written by DuckDB itself.
//
// At province scale these are 3.9 M trail rows and 0.9 M indicator rows. Turned into Arrow in JavaScript (value by
// value) they cost ≈ 3 minutes; DuckDB's COPY writes every page's CSV in one partitioned pass in seconds. The page
// types the columns back (reports/components/detailRows.js).
import {mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {DuckDBValue} from "@duckdb/node-api";
import type {Database} from "../db/database.ts";
import {reportSql} from "./sql/reportSql.ts";

/** Member file name → its query (src/report-data/sql/<name>.sql), whose first column `page_key` names the page. */
export const DETAIL_FILES: Record<string, string> = {
  "projects.csv": "department_projects",
  "indicators.csv": "department_indicators",
  "explanations.csv": "department_explanations"
};

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** The member's query without its `page_key` column, for one page ($page) or, with null, every page. */
function memberSql(member: string): string {
  const query = DETAIL_FILES[member];
  if (!query) throw new Error(`invalid detail file: ${member}`);
  return reportSql(query, {pages: true});
}

/** One page's member as CSV bytes (header and rows; a page with no rows of this kind gets the header alone). */
export async function detailFile(db: Database, member: string, page: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-detail-"));
  try {
    const target = join(dir, member);
    await db.connection.run(
      `COPY (SELECT * EXCLUDE (page_key) FROM (${memberSql(member)})) TO ${quote(target)} (FORMAT csv, HEADER true)`,
      {page} as Record<string, DuckDBValue>
    );
    return readFileSync(target);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/**
 * Every page's member from one evaluation of its query: the rows go once into a temporary table in query order (the
 * database stays read-only; temporary tables live in memory), then each page's rows are copied out of it in that order.
 * A partitioned COPY would be one statement, but it splits a large page over several files in no set order.
 * `emit` gets each page's bytes. Returns the keys written.
 */
export async function detailFilesByPage(
  db: Database, member: string, emit: (page: string, data: Uint8Array) => void
): Promise<Set<string>> {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-detail-"));
  const written = new Set<string>();
  const table = `detail_${member.replace(/\W/g, "_")}`;
  try {
    await db.connection.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${memberSql(member)}`, {page: null} as unknown as Record<string, DuckDBValue>);
    const keys = (await db.all<{page_key: string}>(`SELECT DISTINCT page_key FROM ${table} ORDER BY page_key`)).map((r) => r.page_key);
    for (const [i, key] of keys.entries()) {
      const target = join(dir, `${i}.csv`);
      // rowid is the insertion order, which is the query's ORDER BY
      await db.connection.run(
        `COPY (SELECT * EXCLUDE (page_key) FROM ${table} WHERE page_key = $key ORDER BY rowid) TO ${quote(target)} (FORMAT csv, HEADER true)`,
        {key}
      );
      emit(key, readFileSync(target));
      rmSync(target);
      written.add(key);
    }
    return written;
  } finally {
    await db.connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    rmSync(dir, {recursive: true, force: true});
  }
}
