import {readdirSync, readFileSync} from "node:fs";
import {dirname, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {DuckDBValue} from "@duckdb/node-api";
import type {Database, Row} from "../db/database.ts";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");

/** The column every report query adds for its trace: the source files of the rows it read. */
export const TRACE_COLUMN = "source_files";

/** One report query and what it returned: figures by column, one row (a section's figures) or many (a list). */
export interface QueryResult {
  /** The file name without `.sql`, as written in prose fields: `{{goals.projects}}`. */
  id: string;
  /** Repository-relative path of the SQL file. */
  file: string;
  /** The grain line ("one row per …"). */
  grain: string;
  /** The tables it reads, from its `-- sources:` line. */
  sources: string;
  /** True when the query returns exactly one row of figures (grain "one row per report"). */
  single: boolean;
  columns: string[];
  rows: Row[];
  /** Every source file behind the rows, from the trace column. */
  sourceFiles: string[];
}

export type Figures = Map<string, QueryResult>;

export interface QueryFile {
  id: string;
  path: string;
  sql: string;
  grain: string;
  sources: string;
}

/** Reads the `.sql` files of a folder; each must start with its grain and name its sources. */
export function readQueries(folder: string): QueryFile[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => {
      const path = resolve(folder, name);
      const sql = readFileSync(path, "utf8");
      const grain = /^-- (one row per .*)$/m.exec(sql.split("\n")[0] ?? "")?.[1];
      if (!grain) throw new Error(`report query ${name} does not start with its grain ("-- one row per …")`);
      const sources = /^-- sources: (.*)$/m.exec(sql)?.[1]?.trim();
      if (!sources) throw new Error(`report query ${name} does not name its sources ("-- sources: …")`);
      return {id: name.slice(0, -4), path, sql: sql.trim().replace(/;\s*$/, ""), grain, sources};
    });
}

/** Only the `$name` parameters a statement uses are bound (DuckDB rejects unused ones). */
export function paramsFor(sql: string, params: Record<string, DuckDBValue>): Record<string, DuckDBValue> {
  const used = new Set([...sql.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
  const out: Record<string, DuckDBValue> = {};
  for (const name of used) {
    if (!(name in params)) throw new Error(`query parameter $${name} has no value`);
    out[name] = params[name] ?? null;
  }
  return out;
}

/** Runs every query of a folder with the given parameters. */
export async function runQueries(db: Database, folder: string, params: Record<string, DuckDBValue>): Promise<Figures> {
  const figures: Figures = new Map();
  for (const query of readQueries(folder)) {
    let rows: Row[];
    try {
      rows = await db.all(query.sql, paramsFor(query.sql, params));
    } catch (error) {
      throw new Error(`report query ${query.id}.sql failed: ${(error as Error).message}`);
    }
    const single = query.grain.startsWith("one row per report");
    if (single && rows.length !== 1) throw new Error(`report query ${query.id}.sql should return one row, returned ${rows.length}`);
    const columns = rows[0] ? Object.keys(rows[0]).filter((c) => c !== TRACE_COLUMN) : [];
    const files = new Set<string>();
    for (const row of rows) {
      const trace = row[TRACE_COLUMN];
      if (Array.isArray(trace)) for (const f of trace) if (typeof f === "string" && f) files.add(f);
    }
    figures.set(query.id, {
      id: query.id,
      file: relative(repoRoot, query.path),
      grain: query.grain,
      sources: query.sources,
      single,
      columns,
      rows,
      sourceFiles: [...files].sort()
    });
  }
  return figures;
}

/** The folder of the congress report's queries. */
export const CONGRESS_QUERIES = resolve(here, "congress");

/** src/application/cut_review.sql, installed as the temp view `cut_review` that report queries read. */
export const CUT_REVIEW_SQL = resolve(here, "..", "application", "cut_review.sql");

export async function installCutReview(db: Database): Promise<void> {
  const sql = readFileSync(CUT_REVIEW_SQL, "utf8").trim().replace(/;\s*$/, "");
  await db.run(`CREATE OR REPLACE TEMP VIEW cut_review AS\n${sql}\n`);
}

/** Fails with a clear message when the marts have not been built yet. */
export async function requireMarts(db: Database): Promise<void> {
  const found = await db.value<number>(
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'marts' AND table_name IN ('application', 'project_scores', 'build_info')"
  );
  if (Number(found) < 3) throw new Error("数据库中还没有评分结果表：请先导入数据（npx jixiao ingest …）或运行 npx jixiao score");
}

export interface CongressYears {
  /** The report's year: goals set and monitoring done in it. */
  year: number;
  /** The year whose projects were evaluated and whose results are applied (default: the year before). */
  evalYear: number;
}

/** Every figure of the report to the people's congress, computed in SQL from the marts and raw tables. */
export async function congressFigures(db: Database, years: CongressYears): Promise<Figures> {
  await requireMarts(db);
  await installCutReview(db);
  return runQueries(db, CONGRESS_QUERIES, {year: years.year, eval_year: years.evalYear});
}
