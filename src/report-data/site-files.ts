// Every data file the report site reads, by its path under reports/, and how it is made from the
// database. Two callers build them from here: the one-line data loaders in reports/data (run by
// Framework's dev server, one process per file), and `writeSiteData` (src/report-data/precompute.ts),
// which the build runs first to make every file in one process, with one open database.
import {existsSync} from "node:fs";
import {CUT_LIST_COLUMNS, cutListRows, cutListWorkbook} from "../application/cutList.ts";
import type {Database} from "../db/database.ts";
import {buildCongressReport} from "../report/congress.ts";
import {congressTemplate, defaultProsePath, parseProse, readProse} from "../report/prose.ts";
import {arrowBytes, tableFromQuery} from "./arrow.ts";
import {reportSql} from "./sql/reportSql.ts";
import {tarArchive} from "./tar.ts";

export type SiteFileParams = {dept?: string};
export type SiteFileBuilder = (db: Database, params: SiteFileParams) => Promise<Uint8Array | string>;

/** A loader query (src/report-data/sql/<name>.sql) as an Arrow IPC stream. */
const arrow = (name: string, options?: {cutReview?: boolean}): SiteFileBuilder =>
  async (db, params) => arrowBytes(await tableFromQuery(db, reportSql(name, options), params));

/** One department's detail: members of `data/departments/<code>.tar`, each a query for that department. */
export const DEPARTMENT_FILES: Record<string, string> = {
  "projects.arrow": "department_projects",
  "indicators.arrow": "department_indicators",
  "explanations.arrow": "department_explanations"
};

/** One department's file, by its own query. */
export async function departmentFile(db: Database, member: string, dept: string): Promise<Uint8Array> {
  return arrowBytes(await tableFromQuery(db, reportSql(DEPARTMENT_FILES[member]!), {dept}));
}

/** A CSV field; text a spreadsheet would run as a formula (= + - @ at the start) gets an apostrophe. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "boolean" ? (value ? "是" : "否") : Array.isArray(value) ? value.join("、") : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The cut list as CSV for Excel: UTF-8 with a BOM, CRLF lines. */
async function cutListCsv(db: Database): Promise<string> {
  const rows = await cutListRows(db);
  const lines = [CUT_LIST_COLUMNS.map((c) => csvCell(c.header)).join(",")];
  for (const row of rows) lines.push(CUT_LIST_COLUMNS.map((c) => csvCell(row[c.key])).join(","));
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

async function cutListXlsx(db: Database): Promise<Uint8Array> {
  return new Uint8Array(await cutListWorkbook(await cutListRows(db)).xlsx.writeBuffer() as ArrayBuffer);
}

/**
 * The report to the people's congress for the latest year with projects, as self-contained HTML (the
 * document `jixiao report congress` prints to PDF). Prose: reports/prose/congress-<year>.md, else the
 * default template. It covers the self-evaluation of the year before, when there is one (seed 002).
 */
async function congressHtml(db: Database): Promise<string> {
  const year = await db.value<number | null>("SELECT max(year) FROM marts.project_scores");
  if (year === null) return "<!doctype html><meta charset=utf-8><p>尚无评分结果：请先导入数据。</p>";
  const prior = await db.value<number>("SELECT count(*) FROM marts.project_scores WHERE year = $y AND has_selfeval", {y: year - 1});
  const path = defaultProsePath(year);
  const prose = existsSync(path) ? readProse(path) : parseProse(congressTemplate(), `congress-${year}.md`);
  return (await buildCongressReport(db, {year, evalYear: prior > 0 ? year - 1 : year, prose})).html;
}

async function departmentTar(db: Database, {dept}: SiteFileParams): Promise<Uint8Array> {
  if (!dept) throw new Error("missing --dept: this loader is parameterised by the department page's code");
  const members: [string, Uint8Array][] = [];
  for (const member of Object.keys(DEPARTMENT_FILES)) members.push([member, await departmentFile(db, member, dept)]);
  return tarArchive(members);
}

/** Path under reports/ → builder. A loader `reports/<path>.ts` exists for each. */
export const SITE_FILES: Record<string, SiteFileBuilder> = {
  "data/overview-cube.arrow": arrow("overview_cube"),
  "data/overview-grades.arrow": arrow("overview_grades"),
  "data/trends-groups.arrow": arrow("trends_groups"),
  "data/goals-by-dept.arrow": arrow("goals_by_dept"),
  "data/goals-projects.arrow": arrow("goals_projects"),
  "data/goals-rule-counts.arrow": arrow("goals_rule_counts"),
  "data/goals-rules.arrow": arrow("goals_rules"),
  "data/monitoring-checkpoints.arrow": arrow("monitoring_checkpoints"),
  "data/monitoring-departments.arrow": arrow("monitoring_departments"),
  "data/monitoring-lights.arrow": arrow("monitoring_lights"),
  "data/evaluation-caps.arrow": arrow("evaluation_caps"),
  "data/evaluation-coverage.arrow": arrow("evaluation_coverage"),
  "data/evaluation-key-objects.arrow": arrow("evaluation_key_objects"),
  "data/evaluation-key-summary.arrow": arrow("evaluation_key_summary"),
  "data/evaluation-projects.arrow": arrow("evaluation_projects"),
  "data/application-cuts.arrow": arrow("application_cuts", {cutReview: true}),
  "data/application-cuts.csv": cutListCsv,
  "data/application-cuts.xlsx": cutListXlsx,
  "data/application-dept-totals.arrow": arrow("application_dept_totals"),
  "data/application-low-efficiency.arrow": arrow("application_low_efficiency"),
  "data/departments.arrow": arrow("department_summary"),
  "data/departments/[dept].tar": departmentTar,
  "data/congress.html": congressHtml,
  "data/imports.arrow": arrow("quality_imports"),
  "data/quality-rejects.arrow": arrow("quality_rejects"),
  "data/quality-rules.arrow": arrow("quality_rules"),
  "data/quality-sheets.arrow": arrow("quality_sheets")
};
