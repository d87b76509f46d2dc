// Every data file the report site reads, by its path under reports/, and how it is made from the
// database. Two callers build them from here: the one-line data loaders in reports/data (run by
// Framework's dev server, one process per file), and `writeSiteData` (src/report-data/precompute.ts),
// which the build runs first to make every file in one process, with one open database.
import {existsSync} from "node:fs";
import {Writable} from "node:stream";
import {cutListRows, writeCutListWorkbook} from "../application/cutList.ts";
import type {Database} from "../db/database.ts";
import {buildCongressReport} from "../report/congress.ts";
import {congressTemplate, defaultProsePath, parseProse, readProse} from "../report/prose.ts";
import {arrowBytes, tableFromQuery} from "./arrow.ts";
import {CUT_LIST_MEMBER, cutListCsv, cutListCsvByPage} from "./cut-list-csv.ts";
import {DETAIL_FILES, detailFile} from "./detail-files.ts";
import {reportSql, type ReportSqlOptions} from "./sql/reportSql.ts";
import {ROW_CAPS} from "./row-caps.ts";
import {tarArchive} from "./tar.ts";

/** A parameterised loader's route parameter: the department page's code, or the 行政区划 page's code. */
export type SiteFileParams = {dept?: string; region?: string};
export type SiteFileBuilder = (db: Database, params: SiteFileParams) => Promise<Uint8Array | string>;

/** A loader query (src/report-data/sql/<name>.sql) as an Arrow IPC stream. */
const arrow = (name: string, options?: ReportSqlOptions & {rowCap?: number}): SiteFileBuilder =>
  async (db) => arrowBytes(await tableFromQuery(db, reportSql(name, options), options?.rowCap ? {row_cap: options.rowCap} : undefined));

async function cutListXlsx(db: Database): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    }
  });
  await writeCutListWorkbook(await cutListRows(db), sink);
  return new Uint8Array(Buffer.concat(chunks));
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

/** A detail page's members (src/report-data/detail-files.ts) as a tar Framework extracts. */
async function detailTar(db: Database, {dept, region}: SiteFileParams): Promise<Uint8Array> {
  const page = dept ?? region;
  if (!page) throw new Error("missing --dept or --region: this loader is parameterised by the detail page's code");
  const members: [string, Uint8Array][] = [];
  for (const member of Object.keys(DETAIL_FILES)) members.push([member, await detailFile(db, member, page)]);
  members.push([CUT_LIST_MEMBER, Buffer.from((await cutListCsvByPage(db, page)).get(page) ?? cutListCsv([]))]);
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
  "data/monitoring-checkpoints.arrow": arrow("monitoring_checkpoints", {rowCap: ROW_CAPS.monitoringCheckpoint}),
  "data/monitoring-departments.arrow": arrow("monitoring_departments"),
  "data/monitoring-lights.arrow": arrow("monitoring_lights"),
  "data/evaluation-caps.arrow": arrow("evaluation_caps"),
  "data/evaluation-coverage.arrow": arrow("evaluation_coverage"),
  "data/evaluation-key-objects.arrow": arrow("evaluation_key_objects"),
  "data/evaluation-key-summary.arrow": arrow("evaluation_key_summary"),
  "data/evaluation-summary.arrow": arrow("evaluation_summary"),
  "data/evaluation-projects.arrow": arrow("evaluation_projects", {rowCap: ROW_CAPS.evaluationYear}),
  "data/application-cuts.arrow": arrow("application_cuts", {cutReview: true, rowCap: ROW_CAPS.cutListYear}),
  "data/application-cuts.xlsx": cutListXlsx,
  "data/application-dept-totals.arrow": arrow("application_dept_totals"),
  "data/application-low-efficiency.arrow": arrow("application_low_efficiency", {rowCap: ROW_CAPS.lowEfficiencyYear}),
  "data/departments.arrow": arrow("department_summary", {pages: true}),
  "data/departments/[dept].tar": detailTar,
  "data/regions/[region].tar": detailTar,
  "data/congress.html": congressHtml,
  "data/imports.arrow": arrow("quality_imports"),
  "data/quality-rejects.arrow": arrow("quality_rejects"),
  "data/quality-rules.arrow": arrow("quality_rules"),
  "data/quality-sheets.arrow": arrow("quality_sheets")
};
