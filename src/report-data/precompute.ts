// Makes every data file of the report site in one process, before `observable build` runs.
//
// Framework runs each data loader as its own process (tsx start-up, DuckDB open, query): ≈ 2 s a file,
// one after another, so a county site with 26 files and 10 departments spent minutes in loader start-up
// alone. Here the database is opened once and each file is written where Framework caches a loader's
// output (`reports/.observablehq/cache/<path>`), newer than its loader, so the build finds every file
// fresh and runs no loader. A department's members are written where Framework would extract them from
// that department's tar.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {arrowBytes, openReportDb, tablesByColumn, type QueryOptions} from "./arrow.ts";
import {departmentCodes} from "./departments.ts";
import {DEPARTMENT_FILES, departmentFile, SITE_FILES} from "./site-files.ts";
import {reportSql} from "./sql/reportSql.ts";

export interface SiteDataReport {
  files: number;
  bytes: number;
  departments: number;
  seconds: number;
}

const PARAMETERISED = /\[[a-z]+\]/;

export async function writeSiteData(cacheRoot: string, options: QueryOptions = {}): Promise<SiteDataReport> {
  const start = performance.now();
  const db = await openReportDb(options);
  let files = 0;
  let bytes = 0;
  const write = (path: string, data: Uint8Array | string) => {
    const target = join(cacheRoot, path);
    mkdirSync(dirname(target), {recursive: true});
    writeFileSync(target, data);
    files++;
    bytes += typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
  };
  try {
    for (const [path, build] of Object.entries(SITE_FILES)) {
      if (!PARAMETERISED.test(path)) write(path, await build(db, {}));
    }
    // Each department file for every department from one ordered scan (the queries take $dept NULL as
    // "all"), instead of one query per department.
    const departments = await departmentCodes(db);
    const path = (code: string, member: string) => `data/departments/${encodeURIComponent(code)}/${member}`;
    for (const [member, query] of Object.entries(DEPARTMENT_FILES)) {
      const written = new Set<string>();
      await tablesByColumn(db, reportSql(query), {dept: null}, "page_dept", (code, table) => {
        written.add(code);
        write(path(code, member), arrowBytes(table));
      });
      // A department with no rows of this kind still gets the file, empty with its columns.
      for (const code of departments) if (!written.has(code)) write(path(code, member), await departmentFile(db, member, code));
    }
    return {files, bytes, departments: departments.length, seconds: (performance.now() - start) / 1000};
  } finally {
    db.close();
  }
}
