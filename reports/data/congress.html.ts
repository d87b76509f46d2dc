// The report to the people's congress for the latest year with projects, as self-contained HTML
// (the same document `jixiao report congress` prints to PDF). Prose: reports/prose/congress-<year>.md,
// else the default template.
import {existsSync} from "node:fs";
import {Database} from "../../src/db/database.ts";
import {resolveDbPath} from "../../src/report-data/arrow.ts";
import {buildCongressReport} from "../../src/report/congress.ts";
import {congressTemplate, defaultProsePath, parseProse, readProse} from "../../src/report/prose.ts";

const db = await Database.open(resolveDbPath(), {readOnly: true});
try {
  const year = await db.value<number | null>("SELECT max(year) FROM marts.project_scores");
  if (year === null) {
    process.stdout.write("<!doctype html><meta charset=utf-8><p>尚无评分结果：请先导入数据。</p>");
  } else {
    // The report covers the self-evaluation of the year before, when there is one (seed 002's practice).
    const prior = await db.value<number>("SELECT count(*) FROM marts.project_scores WHERE year = $y AND has_selfeval", {y: year - 1});
    const path = defaultProsePath(year);
    const prose = existsSync(path) ? readProse(path) : parseProse(congressTemplate(), `congress-${year}.md`);
    const report = await buildCongressReport(db, {year, evalYear: prior > 0 ? year - 1 : year, prose});
    process.stdout.write(report.html);
  }
} finally {
  db.close();
}
