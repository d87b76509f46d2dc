// Makes every data file of the report site in one process, before `observable build` runs.
//
// Framework runs each data loader as its own process (tsx start-up, DuckDB open, query): ≈ 2 s a file,
// one after another, so a county site with 26 files and 10 departments spent minutes in loader start-up
// alone. Here the database is opened once and each file is written where Framework caches a loader's
// output (`reports/.observablehq/cache/<path>`), newer than its loader, so the build finds every file
// fresh and runs no loader. A detail page's members (a department's, or a 行政区划's when the database holds
// several) are written where Framework would extract them from that page's tar.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {openReportDb, type QueryOptions} from "./arrow.ts";
import {CUT_LIST_MEMBER, cutListCsv, cutListCsvByPage} from "./cut-list-csv.ts";
import {DETAIL_FILES, detailFile, detailFilesByPage} from "./detail-files.ts";
import {detailPages, type DetailPageKind} from "./departments.ts";
import {SITE_FILES} from "./site-files.ts";

export interface SiteDataReport {
  files: number;
  bytes: number;
  /** detail pages: one per department, or one per 行政区划 (`kind`) */
  pages: number;
  kind: DetailPageKind;
  seconds: number;
  /** seconds spent on each file (the detail members summed over pages), slowest first */
  timings: [path: string, seconds: number][];
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
  const timings: [string, number][] = [];
  const timed = async (path: string, make: () => Promise<void>) => {
    const from = performance.now();
    await make();
    timings.push([path, (performance.now() - from) / 1000]);
  };
  try {
    for (const [path, build] of Object.entries(SITE_FILES)) {
      if (!PARAMETERISED.test(path)) await timed(path, async () => write(path, await build(db, {})));
    }
    // Each member for every detail page from one partitioned pass (the queries take $page NULL as "all"),
    // instead of one query per page.
    const {kind, keys} = await detailPages(db);
    const path = (key: string, member: string) => `data/${kind}/${encodeURIComponent(key)}/${member}`;
    for (const member of Object.keys(DETAIL_FILES)) {
      await timed(`data/${kind}/*/${member}`, async () => {
        const written = await detailFilesByPage(db, member, (key, data) => write(path(key, member), data));
        // A page with no rows of this kind still gets the file, its header alone.
        for (const key of keys) if (!written.has(key)) write(path(key, member), await detailFile(db, member, key));
      });
    }
    await timed(`data/${kind}/*/${CUT_LIST_MEMBER}`, async () => {
      const csv = await cutListCsvByPage(db);
      for (const key of keys) write(path(key, CUT_LIST_MEMBER), csv.get(key) ?? cutListCsv([]));
    });
    timings.sort((a, b) => b[1] - a[1]);
    return {files, bytes, pages: keys.length, kind, seconds: (performance.now() - start) / 1000, timings};
  } finally {
    db.close();
  }
}
