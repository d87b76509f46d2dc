// A scored DuckDB built from a small generated county (several years), for site and report tests.
// Building it takes a while, so it is built once per source tree and cached in the temp folder; each
// caller gets its own copy (tests may write to it, and DuckDB allows one writer per file).
import {createHash} from "node:crypto";
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {Database} from "../../src/db/database.ts";
import {loadPolicy} from "../../src/policy/loadPolicy.ts";
import {buildMarts} from "../../src/scoring/buildMarts.ts";
import {ingestPaths} from "../../loaders/ingest.ts";
import {generateSample} from "../../scripts/sample/index.ts";

export const SAMPLE_YEARS = [2021, 2022, 2023, 2024];
const ROOT = resolve(import.meta.dirname, "..", "..");
const SEED = 7;

/** A hash of everything that shapes the sample database: generator, loaders, scoring, schema. */
function sourceKey(projectsPerYear: number): string {
  const hash = createHash("sha256").update(`${projectsPerYear}/${SEED}/${SAMPLE_YEARS.join(",")}`);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|sql|json)$/.test(entry)) hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of ["scripts/sample", "loaders", "src"]) walk(join(ROOT, dir));
  return hash.digest("hex").slice(0, 16);
}

async function build(path: string, projectsPerYear: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-sample-build-"));
  try {
    const out = join(dir, "sample");
    await generateSample({out, scale: projectsPerYear, years: SAMPLE_YEARS, seed: SEED, progress: false});
    const db = await Database.open(join(dir, "jixiao.duckdb"));
    try {
      await ingestPaths(db, [out]);
      await buildMarts(db, loadPolicy("mof"));
      await db.run("CHECKPOINT");
    } finally {
      db.close();
    }
    renameSync(join(dir, "jixiao.duckdb"), path);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** Waits for a lock directory (another test process may be building the same database). */
async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, {recursive: true, force: true});
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, {recursive: true, force: true});
  }
}

/** Copies a scored sample database (generated, ingested, scored; `projectsPerYear` a year) into `dir`. */
export async function createSampleDb(dir = mkdtempSync(join(tmpdir(), "jixiao-sample-")), projectsPerYear = 120): Promise<string> {
  const cacheDir = join(tmpdir(), "jixiao-sample-cache");
  mkdirSync(cacheDir, {recursive: true});
  const cached = join(cacheDir, `${sourceKey(projectsPerYear)}.duckdb`);
  if (!existsSync(cached)) await withLock(`${cached}.lock`, async () => existsSync(cached) || (await build(cached, projectsPerYear)));
  mkdirSync(dir, {recursive: true});
  const path = join(dir, "jixiao.duckdb");
  copyFileSync(cached, path);
  return path;
}
