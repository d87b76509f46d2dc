// A scored DuckDB built from a small generated county (several years), for site and report tests.
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Database} from "../../src/db/database.ts";
import {loadPolicy} from "../../src/policy/loadPolicy.ts";
import {buildMarts} from "../../src/scoring/buildMarts.ts";
import {ingestPaths} from "../../loaders/ingest.ts";
import {generateSample} from "../../scripts/sample/index.ts";

export const SAMPLE_YEARS = [2021, 2022, 2023, 2024];

/** Generates `projectsPerYear` projects a year into `<dir>/sample`, ingests and scores them; returns the db path. */
export async function createSampleDb(dir = mkdtempSync(join(tmpdir(), "jixiao-sample-")), projectsPerYear = 120): Promise<string> {
  const out = join(dir, "sample");
  await generateSample({out, scale: projectsPerYear, years: SAMPLE_YEARS, seed: 7, progress: false});
  const path = join(dir, "jixiao.duckdb");
  const db = await Database.open(path);
  try {
    await ingestPaths(db, [out]);
    await buildMarts(db, loadPolicy("mof"));
  } finally {
    db.close();
  }
  return path;
}
