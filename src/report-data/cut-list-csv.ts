// The cut list (src/application/cutList.ts) as CSV for Excel, per detail page: each department's (or 行政区划's) page
// offers its own projects' cut list. One file of a province's whole list is 7–8 MB of UTF-8 text; the 结果应用 page
// offers the whole list as xlsx, which reviewers fill in and return.
import {CUT_LIST_COLUMNS, cutListRows} from "../application/cutList.ts";
import type {Database, Row} from "../db/database.ts";
import {reportSql} from "./sql/reportSql.ts";

/** The member of a detail page's archive that holds its cut list. */
export const CUT_LIST_MEMBER = "cut-list.csv";

/** A CSV field; text a spreadsheet would run as a formula (= + - @ at the start) gets an apostrophe. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "boolean" ? (value ? "是" : "否") : Array.isArray(value) ? value.join("、") : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of the cut list as CSV: UTF-8 with a BOM, CRLF lines, the headers of the xlsx. */
export function cutListCsv(rows: Row[]): string {
  const lines = [CUT_LIST_COLUMNS.map((c) => csvCell(c.header)).join(",")];
  for (const row of rows) lines.push(CUT_LIST_COLUMNS.map((c) => csvCell(row[c.key])).join(","));
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

/** Each detail page's cut list as CSV, by page key (`page`: that page only); a page with no cuts is absent. */
export async function cutListCsvByPage(db: Database, page?: string): Promise<Map<string, string>> {
  const pageOf = new Map<string, string>();
  for (const r of await db.all<{year: number; project_code: string; page_key: string}>(reportSql("project_pages", {pages: true}))) {
    pageOf.set(`${r.year}|${r.project_code}`, r.page_key);
  }
  const byPage = new Map<string, Row[]>();
  for (const row of await cutListRows(db)) {
    const key = pageOf.get(`${row.year}|${row.project_code}`);
    if (key === undefined || (page !== undefined && key !== page)) continue;
    if (!byPage.has(key)) byPage.set(key, []);
    byPage.get(key)!.push(row);
  }
  return new Map([...byPage].map(([key, rows]) => [key, cutListCsv(rows)]));
}
