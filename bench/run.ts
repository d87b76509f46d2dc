/**
 * `npm run bench`: generates sample data at several scales and measures, each step in its own process,
 * every figure next to a reference measured in the same run on the same data:
 *   - CSV ingest of the indicator file (goals.csv)      vs DuckDB's own read_csv of that file into a table
 *   - xlsx ingest of one flat sheet                      vs exceljs's streaming reader parsing that file
 *     (also with DuckDB held to XLSX_MEMORY_LIMIT, as JIXIAO_MEMORY_LIMIT does: its buffers spill to disk)
 *   - ingest of a folder of per-county exports: one thread held to one core (the single-core rate), one
 *     thread with DuckDB free to use every core, and one worker per core (same database content, checked)
 *   - the scoring step (buildMarts)                      vs a bare GROUP BY project over the indicator table
 *   - the site build, and the data its largest page ships
 * and writes a markdown table (with the machine's cores, memory and load) to docs/performance.md.
 *
 *   npx tsx bench/run.ts [--quick] [--scales county,province,national] [--out docs/performance.md]
 *                        [--work bench/out/work] [--resume] [--skip site,folder-serial,…] [--full]
 *
 * --quick       one small scale (300 projects) for CI: finishes in about a minute or two
 * --scales      tiny | quick | county | city | province | national (comma-separated; default county,city,province)
 * --resume      reuse data and figures already in --work (a long run can be continued after a stop)
 * --skip        steps to leave out: xlsx, csv, folder-single-core, folder-serial, folder-parallel, score, site
 * --full        also run the one-thread folder ingests at province and national scale (skipped there by default: slow)
 * --site-timeout  stop a site build after this many seconds and report how far it got (default 1200)
 * --memory-limit  also score with DuckDB held to this much memory (JIXIAO_MEMORY_LIMIT, e.g. 2GB): the
 *               build spills to disk instead; reported next to the unbounded run
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {availableParallelism} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {memoryLimit} from "../src/db/database.ts";
import {canPinToOneCore, load1, machine, PROJECT_ROOT, runStep, type StepResult} from "./lib.ts";
import {renderReport, type ScaleResults} from "./report.ts";

/** DuckDB's memory limit for the second xlsx ingest: a bounded ingest of the same sheet. */
export const XLSX_MEMORY_LIMIT = "512MB";

export interface ScaleSpec {
  name: string;
  /** Projects per year given to the sample generator. */
  projects: number;
  /** Rows of the flat xlsx sheet. */
  xlsxRows: number;
  /** Per-county exports the CSV folder is cut into. */
  parts: number;
}

export const SCALES: Record<string, ScaleSpec> = {
  tiny: {name: "tiny", projects: 60, xlsxRows: 2_000, parts: 3},
  quick: {name: "quick", projects: 300, xlsxRows: 20_000, parts: 4},
  county: {name: "county", projects: 800, xlsxRows: 1_000_000, parts: 8},
  city: {name: "city", projects: 10_000, xlsxRows: 200_000, parts: 25},
  province: {name: "province", projects: 100_000, xlsxRows: 1_000_000, parts: 125},
  national: {name: "national", projects: 1_000_000, xlsxRows: 1_000_000, parts: 125}
};

/** Scales whose one-thread folder ingest is left out unless --full (it only repeats the parallel one, slower). */
const LARGE = new Set(["province", "national"]);

const STEP_NAMES = ["xlsx", "csv", "folder-single-core", "folder-serial", "folder-parallel", "score", "site"] as const;
type StepName = (typeof STEP_NAMES)[number];

export interface BenchOptions {
  scales: string[];
  out: string;
  work: string;
  resume: boolean;
  skip: Set<StepName>;
  full: boolean;
  /** A site build still running after this many seconds is stopped and reported as such (0: no limit). */
  siteTimeout: number;
  /** JIXIAO_MEMORY_LIMIT for a second, memory-bounded scoring run (null: not run). */
  memoryLimit: string | null;
  years: number[];
  seed: number;
  log: (line: string) => void;
}

export function parseArgs(argv: string[]): BenchOptions {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i === -1) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (const arg of argv) {
    if (arg.startsWith("--") && !["--quick", "--scales", "--out", "--work", "--resume", "--skip", "--full", "--site-timeout", "--memory-limit", "--quiet", "--help"].includes(arg)) {
      throw new Error(`unknown option ${arg}`);
    }
  }
  const quick = argv.includes("--quick");
  const scales = (value("--scales") ?? (quick ? "quick" : "county,city,province")).split(",").map((s) => s.trim()).filter(Boolean);
  for (const s of scales) if (!SCALES[s]) throw new Error(`unknown scale ${s} (${Object.keys(SCALES).join(", ")})`);
  const skip = new Set((value("--skip") ?? "").split(",").map((s) => s.trim()).filter(Boolean) as StepName[]);
  for (const s of skip) if (!STEP_NAMES.includes(s)) throw new Error(`unknown step ${s} (${STEP_NAMES.join(", ")})`);
  const quiet = argv.includes("--quiet");
  return {
    scales,
    out: resolve(value("--out") ?? (quick ? join(PROJECT_ROOT, "bench", "out", "performance-quick.md") : join(PROJECT_ROOT, "docs", "performance.md"))),
    work: resolve(value("--work") ?? join(PROJECT_ROOT, "bench", "out", "work")),
    resume: argv.includes("--resume"),
    skip,
    full: argv.includes("--full"),
    siteTimeout: Number(value("--site-timeout") ?? 1200),
    memoryLimit: memoryLimit(value("--memory-limit")),
    years: [2024],
    seed: 20240101,
    log: quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`)
  };
}

function readResults(file: string): ScaleResults["steps"] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ScaleResults["steps"]) : {};
}

/** Runs (or, with --resume, continues) one scale's steps; figures are saved after each step. */
async function runScale(spec: ScaleSpec, options: BenchOptions): Promise<ScaleResults> {
  const dir = join(options.work, spec.name);
  mkdirSync(dir, {recursive: true});
  const resultsFile = join(dir, "results.json");
  const steps = options.resume ? readResults(resultsFile) : {};
  const save = () => writeFileSync(resultsFile, JSON.stringify(steps, null, 2));
  const cores = availableParallelism();
  const step = async <T>(key: string, name: string, args: Record<string, unknown>, env?: NodeJS.ProcessEnv, oneCore = false): Promise<StepResult<T>> => {
    const known = steps[key];
    if (known) {
      options.log(`[bench] ${spec.name}: ${key} (kept from an earlier run)`);
      return known as StepResult<T>;
    }
    options.log(`[bench] ${spec.name}: ${key} … (load ${load1()})`);
    const result = await runStep<T>(name, args, {env, oneCore, log: (line) => options.log(`        ${line}`)});
    steps[key] = result as unknown as StepResult;
    save();
    options.log(`[bench] ${spec.name}: ${key} ${result.seconds} s, peak RSS ${result.peakRssMb} MB`);
    return result;
  };

  const csvDir = join(dir, "csv");
  const year = String(options.years[0]);
  await step("generate", "generate", {out: csvDir, projects: spec.projects, seed: options.seed, years: options.years});
  const goals = join(csvDir, year, "goals.csv");

  if (!options.skip.has("csv")) {
    await step("csv-readcsv", "readcsv", {files: [goals], db: join(dir, "readcsv.duckdb")});
    await step("csv-ingest", "ingest", {paths: [goals], db: join(dir, "csv.duckdb"), parallel: 1});
  }
  if (!options.skip.has("xlsx")) {
    const xlsx = join(dir, "flat.xlsx");
    const monitoring = ["monitoring_1-5.csv", "monitoring_1-8.csv", "monitoring_1-9.csv"].map((f) => join(csvDir, year, f)).filter(existsSync);
    await step("xlsx-write", "xlsx", {csv: monitoring, out: xlsx, rows: spec.xlsxRows});
    await step("xlsx-exceljs", "exceljs", {file: xlsx});
    await step("xlsx-fastparse", "fastparse", {file: xlsx});
    await step("xlsx-ingest", "ingest", {paths: [xlsx], db: join(dir, "xlsx.duckdb"), parallel: 1}, {JIXIAO_MEMORY_LIMIT: ""});
    await step("xlsx-ingest-bounded", "ingest", {paths: [xlsx], db: join(dir, "xlsx.duckdb"), parallel: 1}, {JIXIAO_MEMORY_LIMIT: XLSX_MEMORY_LIMIT});
  }
  const folder = join(dir, "counties");
  const scoredDb = join(dir, "folder.duckdb");
  const wantsFolder = (["folder-single-core", "folder-serial", "folder-parallel", "score", "site"] as const).some((s) => !options.skip.has(s));
  if (wantsFolder) {
    await step("split", "split", {src: csvDir, dst: folder, parts: spec.parts});
    const oneThread = !LARGE.has(spec.name) || options.full;
    // The single-core rate the parallel ingest is judged against: the one-thread ingest with its whole
    // process (DuckDB's threads too) held to one core.
    if (!options.skip.has("folder-single-core") && oneThread && canPinToOneCore) {
      await step("folder-single-core", "ingest", {paths: [folder], db: join(dir, "folder-serial.duckdb"), parallel: 1, digest: true}, undefined, true);
    }
    if (!options.skip.has("folder-serial") && oneThread) {
      await step("folder-serial", "ingest", {paths: [folder], db: join(dir, "folder-serial.duckdb"), parallel: 1, digest: true});
    }
    // The database the scoring step and the site use: the whole folder, loaded on all cores.
    await step("folder-parallel", "ingest", {paths: [folder], db: scoredDb, parallel: cores, digest: true});
  }
  if (!options.skip.has("score")) {
    await step("score", "score", {db: scoredDb}, {JIXIAO_MEMORY_LIMIT: ""});
    if (options.memoryLimit) await step("score-bounded", "score", {db: scoredDb}, {JIXIAO_MEMORY_LIMIT: options.memoryLimit});
  }
  if (!options.skip.has("site")) await step("site", "site", {db: scoredDb, out: join(dir, "site"), timeoutSeconds: options.siteTimeout});
  return {scale: spec, cores, steps};
}

export async function runBench(options: BenchOptions): Promise<{markdown: string; results: ScaleResults[]}> {
  const started = new Date();
  const results: ScaleResults[] = [];
  for (const name of options.scales) results.push(await runScale(SCALES[name]!, options));
  const markdown = renderReport({machine: machine(), started, finished: new Date(), results, command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim()});
  mkdirSync(dirname(options.out), {recursive: true});
  writeFileSync(options.out, markdown);
  options.log(`[bench] wrote ${options.out}`);
  return {markdown, results};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  if (argv.includes("--help")) {
    process.stdout.write(readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1, 23).map((l) => l.replace(/^ \* ?/, "")).join("\n") + "\n");
  } else {
    runBench(parseArgs(argv)).then(
      ({markdown}) => process.stdout.write(markdown),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
      }
    );
  }
}
