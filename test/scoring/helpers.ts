import {readFileSync} from "node:fs";
import {resolve} from "node:path";
import type {DuckDBValue} from "@duckdb/node-api";
import {Database, ident} from "../../src/db/database.ts";
import {mof} from "../../src/policy/presets.ts";
import type {Policy} from "../../src/policy/policy.ts";
import {buildMarts, installMacros, type MartSummary} from "../../src/scoring/buildMarts.ts";

const fixtures = resolve(import.meta.dirname, "../fixtures");

/** A fresh in-memory database with the raw schema; one thread, as the fixtures are tiny. */
export async function freshDb(): Promise<Database> {
  const db = await Database.open(":memory:");
  await db.run("SET threads = 1");
  return db;
}

/** A fresh database holding exactly what the example exports contain. */
export async function examplesDb(): Promise<Database> {
  const db = await freshDb();
  await db.run(readFileSync(resolve(fixtures, "examples.sql"), "utf8"));
  return db;
}

/** A fresh database with only the policy and formula macros, for calling formulas directly. */
export async function macroDb(policy: Policy = mof): Promise<Database> {
  const db = await freshDb();
  await installMacros(db, policy);
  return db;
}

export async function build(db: Database, policy: Policy = mof): Promise<MartSummary> {
  const summary = await buildMarts(db, policy);
  const failed = summary.assertions.filter((a) => a.failures > 0);
  if (failed.length > 0) throw new Error(`assertions failed: ${JSON.stringify(failed)}`);
  return summary;
}

type Value = string | number | boolean | null;

const provenance = (table: string, i: number) => ({
  import_id: 1,
  source_file: `${table}.test`,
  source_sheet: null,
  source_row: i + 2,
  file_hash: "test"
});

/** Inserts rows into a raw table, values bound as parameters; provenance columns default to a test file. */
export async function insert(db: Database, table: string, rows: Record<string, Value>[]): Promise<void> {
  for (const [i, row] of rows.entries()) {
    const full: Record<string, Value> = table === "imports" ? row : {...provenance(table, i), ...row};
    const columns = Object.keys(full);
    const params: Record<string, DuckDBValue> = {};
    columns.forEach((c, n) => (params[`p${n}`] = full[c] as DuckDBValue));
    await db.run(
      `INSERT INTO ${ident(table)} (${columns.map(ident).join(", ")}) VALUES (${columns.map((_, n) => `$p${n}`).join(", ")})`,
      params
    );
  }
}

/** One project with its self-evaluation: a compact way to set up a scenario. */
export interface ProjectSpec {
  code?: string;
  year?: number;
  budget?: number | null;
  executed?: number | null;
  reported?: number | null;
  mustKeep?: boolean;
  dept?: string;
  unit?: string;
  name?: string;
  functionCode?: string;
  /** 行政区划代码 (none: the bureau's own budget) */
  region?: string;
  carryover?: number | null;
  carryoverExecuted?: number | null;
  /** [indicator, direction, target, actual, weight, reported score?] */
  indicators?: [string, string, number | string | null, number | string | null, number | null, number?][];
}

export async function addProject(db: Database, spec: ProjectSpec): Promise<void> {
  const code = spec.code ?? "P1";
  const year = spec.year ?? 2023;
  await insert(db, "projects", [{
    year,
    region_code: spec.region ?? null,
    dept_code: "D1",
    dept_name: spec.dept ?? "测试局",
    unit_code: spec.unit ?? "U1",
    unit_name: `${spec.unit ?? "U1"}单位`,
    project_code: code,
    project_name: spec.name ?? `项目${code}`,
    budget_type: "一般公共预算",
    function_code: spec.functionCode ?? "2010101",
    budget_wan: spec.budget === undefined ? 100 : spec.budget,
    executed_wan: spec.executed === undefined ? 100 : spec.executed,
    carryover_wan: spec.carryover ?? 0,
    must_keep: spec.mustKeep ?? false
  }]);
  await insert(db, "selfeval_totals", [{
    year,
    project_code: code,
    reported_score: spec.reported ?? null,
    carryover_budget_wan: spec.carryover ?? null,
    carryover_executed_wan: spec.carryoverExecuted ?? null
  }]);
  const indicators = spec.indicators ?? [["满分指标", "ge", 1, 1, 90]];
  await insert(db, "goal_indicators", indicators.map(([indicator, direction, target, , weight]) => ({
    year,
    project_code: code,
    level1: "产出指标",
    level2: "数量指标",
    indicator,
    direction,
    target_value: typeof target === "number" ? target : null,
    target_text: typeof target === "string" ? target : null,
    unit: direction === "qual" ? null : "个",
    weight
  })));
  await insert(db, "selfeval_indicators", indicators.map(([indicator, , , actual, , reported]) => ({
    year,
    project_code: code,
    indicator,
    actual_value: typeof actual === "number" ? actual : null,
    actual_text: typeof actual === "string" ? actual : null,
    score: reported ?? null
  })));
}

export async function projectRow(db: Database, code = "P1", year = 2023): Promise<Record<string, unknown>> {
  const rows = await db.all("SELECT * FROM marts.project_scores WHERE project_code = $code AND year = $year", {code, year});
  if (rows.length !== 1) throw new Error(`expected one project_scores row for ${code} ${year}, got ${rows.length}`);
  return rows[0]!;
}
