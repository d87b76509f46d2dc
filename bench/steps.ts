// One step of the benchmark, run in its own process by bench/run.ts (see `runStep` in bench/lib.ts):
//   node --import tsx bench/steps.ts <step> '<json arguments>'
// Each step writes its figures as JSON to the `resultFile` argument.
import {spawn} from "node:child_process";
import {closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync} from "node:fs";
import {basename, join, relative} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import ExcelJS from "exceljs";
import {ingestPaths} from "../loaders/ingest.ts";
import {readCsv} from "../loaders/read/csv.ts";
import {readSheetRows} from "../loaders/xlsx/fast/index.ts";
import {generateSample} from "../scripts/sample/index.ts";
import {XlsxTableWriter} from "../scripts/sample/write-xlsx.ts";
import {Database, memoryLimit} from "../src/db/database.ts";
import {loadPolicy} from "../src/policy/loadPolicy.ts";
import {buildMarts, readModel} from "../src/scoring/buildMarts.ts";
import {acquireSiteBuildLock} from "../scripts/site-build-lock.ts";
import {PROJECT_ROOT, rawDigest} from "./lib.ts";

type Args = Record<string, unknown> & {resultFile: string};

const seconds = (start: number) => Math.round((performance.now() - start) / 10) / 100;

/** Every file under `dir`, recursively, in name order. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

const steps: Record<string, (args: Args) => Promise<Record<string, unknown>>> = {
  /** The sample generator, CSV only (UTF-8 and GB18030 files, as the platforms export them). */
  async generate({out, projects, seed, years}) {
    const start = performance.now();
    rmSync(String(out), {recursive: true, force: true});
    const result = await generateSample({out: String(out), scale: Number(projects), years: years as number[], seed: Number(seed), format: "csv", progress: false});
    const files = result.files.filter((f) => f.path.endsWith(".csv"));
    const stats = [...result.stats.values()];
    return {
      seconds: seconds(start),
      files: files.length,
      bytes: files.reduce((n, f) => n + f.bytes, 0),
      projects: stats.reduce((n, s) => n + (s.get("projects") ?? 0), 0),
      indicators: stats.reduce((n, s) => n + (s.get("goals.rows") ?? 0), 0),
      monitoringRows: stats.reduce((n, s) => n + (s.get("monitoring.rows") ?? 0), 0)
    };
  },

  /**
   * One export per county: each CSV cut at line boundaries into `parts` files of about equal rows, each
   * with the header line, into `dst/county-NNN/`. Rows of a region are contiguous in the generator's
   * output, so a part is close to one county's export. Works on bytes (a line break is 0x0A in UTF-8 and
   * GB18030 alike, never part of another character), so encodings are kept.
   */
  async split({src, dst, parts}) {
    const start = performance.now();
    rmSync(String(dst), {recursive: true, force: true});
    const n = Number(parts);
    let files = 0;
    for (const file of listFiles(String(src)).filter((f) => f.endsWith(".csv"))) {
      const name = relative(String(src), file).replaceAll("/", "_");
      let lines = 0;
      for await (const chunk of createReadStream(file, {highWaterMark: 4 << 20})) {
        const buffer = chunk as Buffer;
        for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines++;
      }
      const dataLines = Math.max(0, lines - 1);
      const perPart = Math.max(1, Math.ceil(dataLines / n));
      let header: Buffer | null = null;
      let pending: Buffer[] = [];
      let line = 0;
      let part = -1;
      let fd = -1;
      const open = (p: number) => {
        if (fd >= 0) closeSync(fd);
        const dir = join(String(dst), `county-${String(p + 1).padStart(3, "0")}`);
        mkdirSync(dir, {recursive: true});
        fd = openSync(join(dir, name), "w");
        writeSync(fd, header!);
        files++;
      };
      for await (const chunk of createReadStream(file, {highWaterMark: 4 << 20})) {
        let buffer = chunk as Buffer;
        let from = 0;
        for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) {
          const piece = buffer.subarray(from, i + 1);
          from = i + 1;
          if (header === null) {
            header = Buffer.concat([...pending, piece]);
            pending = [];
            continue;
          }
          const p = Math.min(n - 1, Math.floor(line / perPart));
          if (p !== part) {
            part = p;
            open(p);
          }
          if (pending.length > 0) {
            writeSync(fd, Buffer.concat(pending));
            pending = [];
          }
          writeSync(fd, piece);
          line++;
        }
        buffer = buffer.subarray(from);
        if (buffer.length > 0) pending.push(Buffer.from(buffer));
      }
      if (pending.length > 0 && fd >= 0) writeSync(fd, Buffer.concat(pending));
      if (fd >= 0) closeSync(fd);
    }
    return {seconds: seconds(start), files};
  },

  /**
   * A flat .xlsx sheet (shared strings, like the platforms' exports) of the first `rows` data rows of
   * the CSV files in turn, under the first file's header (monitoring files of several checkpoints: each
   * row names its own period, so their keys stay distinct).
   */
  async xlsx({csv, out, rows}) {
    const start = performance.now();
    const limit = Number(rows);
    let writer: XlsxTableWriter | null = null;
    let written = 0;
    const numeric = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
    for (const file of csv as string[]) {
      if (written >= limit) break;
      const workbook = await readCsv(file);
      await workbook.sheets[0]!.feed(async (n, cells) => {
        if (n === 1) {
          writer ??= new XlsxTableWriter(String(out), {sheetName: "明细", header: {rows: [cells.map((c) => String(c ?? ""))]}}, 1_048_000);
          return;
        }
        if (written >= limit) return;
        written++;
        const pending = writer!.writeRow(cells.map((c) => (typeof c === "string" && numeric.test(c) ? Number(c) : c as string | null)));
        if (pending) await pending;
      });
    }
    await writer!.close();
    return {seconds: seconds(start), rows: written, bytes: statSync(String(out)).size};
  },

  /** DuckDB's own read_csv of the same files, loaded into a table of a fresh database file. */
  async readcsv({files, db}) {
    rmSync(String(db), {force: true});
    const instance = await DuckDBInstance.create(String(db));
    const connection = await instance.connect();
    let rows = 0;
    const start = performance.now();
    for (const [i, file] of (files as string[]).entries()) {
      await connection.run(`CREATE TABLE t${i} AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
    }
    const elapsed = seconds(start);
    for (let i = 0; i < (files as string[]).length; i++) {
      rows += Number((await connection.runAndReadAll(`SELECT count(*) FROM t${i}`)).getRows()[0]![0]);
    }
    // And a scan alone (no table written), for comparison.
    const scanStart = performance.now();
    for (const file of files as string[]) await connection.runAndReadAll(`SELECT count(*) FROM read_csv('${file.replaceAll("'", "''")}')`);
    const scanSeconds = seconds(scanStart);
    connection.closeSync();
    instance.closeSync();
    rmSync(String(db), {force: true});
    rmSync(`${db}.wal`, {force: true});
    return {seconds: elapsed, rows, scanSeconds};
  },

  /** jixiao's ingest into a fresh database file: everything read, normalised, validated and loaded. */
  async ingest({paths, db, parallel, digest}) {
    rmSync(String(db), {force: true});
    rmSync(`${db}.wal`, {force: true});
    const database = await Database.open(String(db));
    const start = performance.now();
    const reports = await ingestPaths(database, paths as string[], undefined, {parallel: Number(parallel ?? 1)});
    const elapsed = seconds(start);
    const loaded = reports.filter((r) => r.status === "loaded");
    const result = {
      seconds: elapsed,
      files: reports.length,
      loadedFiles: loaded.length,
      rows: loaded.reduce((n, r) => n + r.rowsLoaded + r.rowsRejected, 0),
      rowsLoaded: loaded.reduce((n, r) => n + r.rowsLoaded, 0),
      rowsRejected: loaded.reduce((n, r) => n + r.rowsRejected, 0),
      warnings: loaded.reduce((n, r) => n + r.warnings, 0),
      failed: reports.filter((r) => r.status === "unreadable").map((r) => `${basename(r.file)}: ${r.message}`),
      digest: digest ? await rawDigest(database) : undefined,
      memoryLimit: memoryLimit(process.env.JIXIAO_MEMORY_LIMIT)
    };
    database.close();
    return result;
  },

  /** The chosen xlsx library's bare parse: exceljs's streaming reader, every row visited. */
  async exceljs({file}) {
    const start = performance.now();
    let rows = 0;
    let cells = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(String(file), {
      sharedStrings: "cache", styles: "cache", worksheets: "emit", hyperlinks: "ignore", entries: "ignore"
    });
    for await (const ws of reader) {
      for await (const row of ws) {
        rows++;
        cells += (row as ExcelJS.Row).cellCount;
      }
    }
    return {seconds: seconds(start), rows, cells};
  },

  /** The fast reader's bare parse (loaders/xlsx/fast), every row visited: what ingest reads with. */
  async fastparse({file}) {
    const start = performance.now();
    let rows = 0;
    await readSheetRows(String(file), 0, () => {
      rows++;
    }, {dates: true});
    return {seconds: seconds(start), rows};
  },

  /**
   * The scoring step (buildMarts with the MOF policy) against a bare GROUP BY project aggregate over
   * the same indicator table, and the indicator-scoring model alone.
   */
  async score({db}) {
    const database = await Database.open(String(db));
    const indicators = await database.value<number>("SELECT count(*) FROM goal_indicators");
    const bare: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await database.run(
        "CREATE OR REPLACE TEMP TABLE bench_bare AS SELECT year, project_code, count(*) AS n, sum(weight) AS weight, avg(target_value) AS target FROM goal_indicators GROUP BY year, project_code"
      );
      // To the millisecond: at small scales it takes less than 10 ms, and the ratio divides by it.
      bare.push(Math.round(performance.now() - start) / 1000);
    }
    await database.run("DROP TABLE bench_bare");
    bare.sort((a, b) => a - b);
    const policy = loadPolicy("mof");
    const start = performance.now();
    const summary = await buildMarts(database, policy);
    const elapsed = seconds(start);
    const modelStart = performance.now();
    await database.run(`CREATE OR REPLACE TEMP TABLE bench_indicator_scores AS ${readModel("marts/indicator_scores", policy)}`);
    const modelSeconds = seconds(modelStart);
    const scored = await database.value<number>("SELECT count(*) FROM bench_indicator_scores");
    await database.run("DROP TABLE bench_indicator_scores");
    const projects = await database.value<number>("SELECT count(*) FROM marts.project_scores");
    database.close();
    // Where the time went: the slowest models, and the assertions.
    const slowest = [...summary.tables].sort((a, b) => b.seconds - a.seconds).slice(0, 5).map((t) => ({model: t.table, rows: t.rows, seconds: Math.round(t.seconds * 100) / 100}));
    return {seconds: elapsed, indicators, scored, projects, bareSeconds: bare[1], bareRuns: bare, indicatorModelSeconds: modelSeconds,
      memoryLimit: memoryLimit(process.env.JIXIAO_MEMORY_LIMIT),
      assertionsOk: summary.ok, assertionSeconds: Math.round(summary.assertionSeconds * 100) / 100, slowest};
  },

  /**
   * The report site built against a database (`scripts/build-site.ts build`), one build at a time
   * (scripts/site-build-lock.ts, shared with the tests), then the data each page ships.
   */
  async site({db, out, timeoutSeconds}) {
    const release = await acquireSiteBuildLock(30 * 60_000);
    try {
      rmSync(String(out), {recursive: true, force: true});
      const start = performance.now();
      let timedOut = false;
      // scripts/build-site.ts reports the data files it made before Framework runs: "site data: N files (D departments), X MB in S s".
      let dataSeconds: number | null = null;
      const code = await new Promise<number>((res, rej) => {
        // Its own process group, so that a build over the time limit is stopped with its loaders.
        const child = spawn(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "scripts", "build-site.ts"), "build"], {
          cwd: PROJECT_ROOT,
          env: {...process.env, JIXIAO_DB: String(db), JIXIAO_SITE_OUTPUT: String(out), OBSERVABLE_TELEMETRY_DISABLE: "true", NO_COLOR: "1"},
          stdio: ["ignore", "pipe", "pipe"],
          detached: true
        });
        child.stdout.on("data", (chunk: Buffer) => {
          const text = chunk.toString();
          process.stdout.write(text);
        });
        child.stderr.on("data", (chunk: Buffer) => {
          const text = chunk.toString();
          const data = /site data: .* in ([\d.]+) s/.exec(text);
          if (data) dataSeconds = Number(data[1]);
          process.stderr.write(text);
        });
        const limit = Number(timeoutSeconds ?? 0);
        const timer = limit > 0 ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid!, "SIGTERM");
          } catch {
            child.kill("SIGTERM");
          }
        }, limit * 1000) : null;
        child.on("error", rej);
        child.on("close", (c) => {
          if (timer) clearTimeout(timer);
          res(c ?? 1);
        });
      });
      const elapsed = seconds(start);
      if (timedOut) {
        const pages = Number((await import("../src/report-data/departments.ts").then((m) => m.departmentPaths(String(db)))).length) + 10;
        return {seconds: elapsed, timedOut: true, dataSeconds, pagesExpected: pages, ...pageData(String(out))};
      }
      if (code !== 0) throw new Error(`site build failed with exit code ${code}`);
      return {seconds: elapsed, dataSeconds, ...pageData(String(out))};
    } finally {
      release();
    }
  }
};

/**
 * The data each built page ships: the `_file/…` attachments its HTML registers (Framework lists a
 * page's files there), summed per page. Also the largest single file.
 */
export function pageData(out: string): {pages: number; largestPage: string; largestPageBytes: number; largestFile: string; largestFileBytes: number; dataBytes: number} {
  const files = existsSync(out) ? listFiles(out) : [];
  const size = new Map(files.map((f) => [relative(out, f), statSync(f).size]));
  let largestPage = "";
  let largestPageBytes = 0;
  let pages = 0;
  for (const file of files.filter((f) => f.endsWith(".html"))) {
    pages++;
    const html = readFileSync(file, "utf8");
    const referenced = new Set<string>();
    for (const match of html.matchAll(/(?:\.\.\/|\.\/|\/)*(_file\/[^"'`\s)]+)/g)) referenced.add(match[1]!);
    let bytes = 0;
    for (const path of referenced) bytes += size.get(path) ?? 0;
    if (bytes > largestPageBytes) {
      largestPageBytes = bytes;
      largestPage = relative(out, file);
    }
  }
  let largestFile = "";
  let largestFileBytes = 0;
  let dataBytes = 0;
  for (const [path, bytes] of size) {
    if (!path.startsWith("_file/")) continue;
    dataBytes += bytes;
    if (bytes > largestFileBytes) {
      largestFileBytes = bytes;
      largestFile = path;
    }
  }
  return {pages, largestPage, largestPageBytes, largestFile, largestFileBytes, dataBytes};
}

async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  const step = name ? steps[name] : undefined;
  if (!step || !json) throw new Error(`usage: bench/steps.ts <${Object.keys(steps).join("|")}> '<json>'`);
  const args = JSON.parse(json) as Args;
  const result = await step(args);
  const usage = process.resourceUsage();
  writeFileSync(args.resultFile, JSON.stringify({...result, peakRssMb: Math.round(usage.maxRSS / 1024), cpuSeconds: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1e5) / 10}));
}

if (process.argv[1] && basename(process.argv[1]) === "steps.ts") {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
