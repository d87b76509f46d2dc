import {readFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {ident, type Database, type Row} from "../db/database.ts";
import {Policy} from "../policy/policy.ts";
import {inlinePolicy, policySql} from "../policy/policySql.ts";

const here = dirname(fileURLToPath(import.meta.url));

/** DuckDB schemas the build owns, dropped and recreated on every build. */
export const SCHEMAS = ["staging", "intermediate", "marts", "audit"] as const;

/** Models in build order; `<schema>/<table>` names the file `src/scoring/<schema>/<table>.sql`. */
export const MODELS = [
  "staging/stg_projects",
  "staging/stg_goal_indicators",
  "staging/stg_selfeval_indicators",
  "staging/stg_selfeval_totals",
  "staging/stg_monitoring",
  "staging/stg_evaluations",
  "staging/stg_findings",
  "staging/stg_dept_overall",
  "intermediate/int_projects",
  "intermediate/int_indicators",
  "marts/indicator_scores",
  "marts/monitoring_indicators",
  "marts/monitoring",
  "marts/caps",
  "marts/project_scores",
  "marts/goal_quality",
  "marts/coverage",
  "marts/key_evaluations",
  "marts/exante",
  "marts/low_efficiency",
  "marts/application",
  "marts/spot_check",
  "marts/explanations"
] as const;

/**
 * Models kept as views. The explanation texts are rendered when read (one project at a time), not for
 * every row at build. The staging models of the three per-indicator tables only trim and map their raw
 * rows: as views they are folded into the models that read them, instead of copying every indicator and
 * monitoring row into a table the build's one transaction holds in memory.
 */
export const VIEWS: ReadonlySet<string> = new Set([
  "staging/stg_goal_indicators", "staging/stg_selfeval_indicators", "staging/stg_monitoring", "marts/explanations"
]);

/** Singular tests: each file is a SELECT of failing rows; failing rows are kept in `audit.<name>`. */
export const ASSERTIONS = [
  "indicator_score_within_weight",
  "execution_score_within_weight",
  "total_equals_parts",
  "capped_grade_has_reason",
  "project_scores_unique",
  "indicator_scores_unique",
  "explanations_complete"
] as const;

export interface AssertionResult {
  name: string;
  failures: number;
  /** Up to five failing rows. */
  sample: Row[];
}

export interface MartSummary {
  policy: string;
  /**
   * Each model with its build seconds and row count; a view's rows are not counted (that would render
   * the whole explain trail: a fifth of the build at province scale).
   */
  tables: {table: string; kind: "table" | "view"; rows: number | null; seconds: number}[];
  assertions: AssertionResult[];
  /** Seconds the assertions took together. */
  assertionSeconds: number;
  /** True when every assertion returned zero rows. */
  ok: boolean;
}

/** The SQL of a model or assertion file with the policy's values inlined; its first line must state the grain. */
export function readModel(path: string, policy: Policy): string {
  const sql = readFileSync(resolve(here, `${path}.sql`), "utf8");
  if (!/^-- one row per /.test(sql)) throw new Error(`model ${path}.sql does not start with its grain ("-- one row per …")`);
  return inlinePolicy(sql, policy).trim().replace(/;\s*$/, "");
}

/** Creates (or replaces) the policy() macro and the formula macros of macros.sql, policy values inlined. */
export async function installMacros(db: Database, policy: Policy): Promise<void> {
  await db.run(policySql(policy));
  await db.run(inlinePolicy(readFileSync(resolve(here, "macros.sql"), "utf8"), policy));
}

/**
 * Rebuilds staging → intermediate → marts over all years in one transaction, then runs the assertions.
 * Scoring happens in SQL over whole tables; nothing is pulled into JS but counts and failing samples.
 */
export async function buildMarts(db: Database, policy: Policy): Promise<MartSummary> {
  const valid = Policy.parse(policy);
  return db.transaction(async () => {
    await installMacros(db, valid);
    for (const schema of SCHEMAS) {
      await db.run(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE; CREATE SCHEMA ${ident(schema)};`);
    }
    const tables: MartSummary["tables"] = [];
    for (const model of MODELS) {
      const [schema, table] = model.split("/") as [string, string];
      const name = `${ident(schema)}.${ident(table)}`;
      const started = performance.now();
      try {
        await db.run(`CREATE ${VIEWS.has(model) ? "VIEW" : "TABLE"} ${name} AS\n${readModel(model, valid)}\n`);
      } catch (error) {
        throw new Error(`model ${model}.sql failed: ${(error as Error).message}`);
      }
      const rows = VIEWS.has(model) ? null : Number(await db.value(`SELECT count(*) FROM ${name}`));
      tables.push({table: `${schema}.${table}`, kind: VIEWS.has(model) ? "view" : "table", rows, seconds: (performance.now() - started) / 1000});
    }
    await db.run(`CREATE TABLE marts.build_info AS SELECT $name AS policy_name, CAST($policy AS JSON) AS policy`, {
      name: valid.name,
      policy: JSON.stringify(valid)
    });

    const assertions: AssertionResult[] = [];
    const assertionsStarted = performance.now();
    for (const assertion of ASSERTIONS) {
      const name = `audit.${ident(assertion)}`;
      await db.run(`CREATE TABLE ${name} AS\n${readModel(`assertions/${assertion}`, valid)}\n`);
      const failures = Number(await db.value(`SELECT count(*) FROM ${name}`));
      const sample = failures > 0 ? await db.all(`SELECT * FROM ${name} LIMIT 5`) : [];
      assertions.push({name: assertion, failures, sample});
    }
    await db.run(
      `CREATE TABLE marts.assertion_results AS SELECT * FROM (VALUES ${assertions.map((_, i) => `($n${i}, $f${i})`).join(", ")}) AS t(assertion, failing_rows)`,
      Object.fromEntries(assertions.flatMap((a, i) => [[`n${i}`, a.name], [`f${i}`, a.failures]]))
    );
    const assertionSeconds = (performance.now() - assertionsStarted) / 1000;
    return {policy: valid.name, tables, assertions, assertionSeconds, ok: assertions.every((a) => a.failures === 0)};
  });
}
