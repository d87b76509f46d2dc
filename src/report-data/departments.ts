// The detail pages of the site: one per department when the database holds one 行政区划 (a county), one per
// 行政区划 holding its departments when it holds several (src/report-data/sql/department_pages.sql decides).
import {existsSync} from "node:fs";
import {Database, DEFAULT_DB_PATH} from "../db/database.ts";
import {reportSql} from "./sql/reportSql.ts";

/** `departments` (reports/departments/[dept].md) or `regions` (reports/regions/[region].md). */
export type DetailPageKind = "departments" | "regions";
export type DetailPages = {kind: DetailPageKind; keys: string[]};

/** The kind of detail page and every page's key, in key order; none before scoring. */
export async function detailPages(db: Database): Promise<DetailPages> {
  const rows = await db.all<{page_key: string; page_kind: DetailPageKind}>(
    `SELECT DISTINCT page_key, page_kind FROM (${reportSql("department_pages")}) ORDER BY page_key`
  ).catch(() => []);
  return {kind: rows[0]?.page_kind ?? "departments", keys: rows.map((r) => r.page_key)};
}

/** The site path of one detail page. */
export function detailPath(kind: DetailPageKind, key: string): string {
  return `/${kind}/${encodeURIComponent(key)}`;
}

/**
 * Every detail page's site path (`/departments/<dept_code>` or `/regions/<region_code>`), for Framework's
 * parameterised routes. No database or no marts yet → no pages.
 */
export async function departmentPaths(dbPath = process.env.JIXIAO_DB ?? DEFAULT_DB_PATH): Promise<string[]> {
  if (!existsSync(dbPath)) return [];
  const db = await Database.open(dbPath, {readOnly: true});
  try {
    const {kind, keys} = await detailPages(db);
    return keys.map((key) => detailPath(kind, key));
  } finally {
    db.close();
  }
}
