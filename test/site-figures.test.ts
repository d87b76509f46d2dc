// The 总览, 趋势, 绩效目标 and 数据质量 loaders' SQL, checked against the marts directly on a generated
// county: whatever the pages sum or show must equal the same figure asked of DuckDB another way.
import {rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {ingestPaths} from "../loaders/ingest.ts";
import {Database, type Row} from "../src/db/database.ts";
import {queryAsArrow} from "../src/report-data/arrow.ts";
import {reportSql} from "../src/report-data/sql/reportSql.ts";
import {pivotYears, sumGroups, sumRows} from "../reports/components/cube.js";
import {OVERVIEW_MEASURES, gradeCounts, overviewFigures} from "../reports/components/overviewFigures.js";
import {SAMPLE_YEARS, createSampleDb} from "./support/sample-db.ts";

/** Every query a loader of these pages runs (reports/data/{overview,trends,goals,quality}-*.arrow.ts, imports.arrow.ts). */
const QUERIES = [
  "overview_cube", "overview_grades", "trends_groups", "goals_by_dept", "goals_rules", "goals_rule_counts", "goals_projects",
  "quality_imports", "quality_sheets", "quality_rules", "quality_rejects"
];

let path: string;
let db: Database;

/** A GB18030 project list whose three data rows are all rejected: rejects with errors, nothing loaded, marts unchanged. */
async function ingestBadFile(dbPath: string): Promise<void> {
  const file = join(dirname(dbPath), "坏数据.csv");
  const rows = [
    ["年度", "主管部门", "项目编码", "项目名称", "全年预算数（万元）", "全年执行数（万元）"],
    [2024, "教育局", "BAD-1", "坏项目一", "十万", 5],
    [2024, "教育局", "BAD-2", "坏项目二", "约二十", 6],
    [2024, "教育局", "BAD-3", "坏项目三", "N/A", 1]
  ];
  writeFileSync(file, rows.map((r) => r.join(",")).join("\r\n") + "\r\n");
  const writer = await Database.open(dbPath);
  try {
    await ingestPaths(writer, [file]);
  } finally {
    writer.close();
  }
}

beforeAll(async () => {
  path = await createSampleDb(undefined, 60);
  await ingestBadFile(path);
  db = await Database.open(path, {readOnly: true});
}, 600_000);

afterAll(() => {
  db?.close();
  if (path) rmSync(dirname(path), {recursive: true, force: true});
});

const rows = (name: string): Promise<Row[]> => db.all(reportSql(name));
const one = async (sql: string, params?: Record<string, string | number>): Promise<Row> => (await db.all(sql, params))[0]!;
const round2 = (x: unknown): number => Math.round(Number(x ?? 0) * 100) / 100;

describe("loader queries", () => {
  test.each(QUERIES)("%s states its grain and becomes Arrow", async (name) => {
    expect(reportSql(name)).toMatch(/^-- one row per /);
    const table = await queryAsArrow(reportSql(name), undefined, {db: path});
    expect(table.numRows).toBeGreaterThan(0);
  });
});

describe("总览 (overview_cube)", () => {
  test.each(SAMPLE_YEARS)("year %i: totals equal the marts", async (year) => {
    const cube = (await rows("overview_cube")).filter((d) => d.year === year);
    const fig = overviewFigures(cube);
    const p = await one(
      `SELECT count(*) AS projects, sum(budget_wan) AS budget_wan, sum(executed_wan) AS executed_wan,
              count(DISTINCT coalesce(unit_code, unit_name)) AS units,
              count(*) FILTER (WHERE has_selfeval) AS selfeval,
              count(*) FILTER (WHERE mismatch_warning) AS mismatch, count(*) FILTER (WHERE inflated) AS inflated,
              count(*) FILTER (WHERE capped) AS capped, coalesce(sum(deduction_wan), 0) AS deduction_wan,
              count(*) FILTER (WHERE deduction_wan > 0) AS cut_projects
       FROM marts.project_scores WHERE year = $year`,
      {year}
    );
    expect(fig.projects).toBe(p.projects);
    expect(round2(fig.budget_wan)).toBe(round2(p.budget_wan));
    expect(round2(fig.executed_wan)).toBe(round2(p.executed_wan));
    expect(fig.units).toBe(p.units);
    expect(fig.selfeval_projects).toBe(p.selfeval);
    expect(fig.mismatch_projects).toBe(p.mismatch);
    expect(fig.inflated_projects).toBe(p.inflated);
    expect(fig.capped_projects).toBe(p.capped);
    expect(round2(fig.deduction_wan)).toBe(round2(p.deduction_wan));
    expect(fig.cut_projects).toBe(p.cut_projects);

    // coverage as marts.coverage counts it
    const c = await one(
      `SELECT sum(project_count) AS projects, sum(goal_projects) AS goals, sum(monitored_projects) AS monitored, sum(selfeval_projects) AS selfeval
       FROM marts.coverage WHERE year = $year`,
      {year}
    );
    expect([fig.projects, fig.goal_projects, fig.monitored_projects, fig.selfeval_projects]).toEqual([c.projects, c.goals, c.monitored, c.selfeval]);

    // cuts as marts.application applies them
    const a = await one("SELECT coalesce(sum(deduction_wan), 0) AS cut FROM marts.application WHERE year = $year", {year});
    expect(round2(fig.deduction_wan)).toBe(round2(a.cut));

    const warned = await one("SELECT count(DISTINCT project_code) AS n FROM marts.monitoring WHERE year = $year AND rectification_warning", {year});
    expect(fig.rectification_projects).toBe(warned.n);

    const low = await one(
      `SELECT count(*) AS n, coalesce(sum(p.budget_wan), 0) AS wan
       FROM (SELECT DISTINCT year, project_code FROM marts.low_efficiency WHERE year = $year) l
       JOIN marts.project_scores p USING (year, project_code)`,
      {year}
    );
    expect(fig.low_efficiency_projects).toBe(low.n);
    expect(round2(fig.low_efficiency_wan)).toBe(round2(low.wan));

    const grades = await db.all<{rank: number | null; n: number}>(
      "SELECT final_grade_rank AS rank, count(*) AS n FROM marts.project_scores WHERE year = $year GROUP BY ALL",
      {year}
    );
    const counts = gradeCounts(fig, (await rows("overview_grades")) as {grade_rank: number; label: string; band: string}[]);
    for (const g of counts) expect(g.projects, `grade ${g.label}`).toBe(grades.find((r) => r.rank === g.rank)?.n ?? 0);
    const top = grades.filter((r) => r.rank != null && r.rank <= 2).reduce((s, r) => s + r.n, 0);
    expect(fig.top_share).toBeCloseTo(top / grades.filter((r) => r.rank != null).reduce((s, r) => s + r.n, 0), 12);
  });

  test("a department and fund kind filter sums to the same as a WHERE clause", async () => {
    const year = SAMPLE_YEARS.at(-1)!;
    const cube = (await rows("overview_cube")).filter((d) => d.year === year);
    const byDept = sumGroups(cube, ["department"], ["projects"]).sort((a, b) => Number(b.projects) - Number(a.projects));
    const department = String(byDept[0]!.department);
    const fundKind = String(cube.find((d) => d.department === department)!.fund_kind);
    const fig = overviewFigures(cube.filter((d) => d.department === department && d.fund_kind === fundKind));
    const p = await one(
      `SELECT count(*) AS projects, sum(budget_wan) AS budget_wan, count(DISTINCT coalesce(unit_code, unit_name)) AS units
       FROM marts.project_scores WHERE year = $year AND coalesce(department, dept_code) = $department AND fund_kind = $fund_kind`,
      {year, department, fund_kind: fundKind}
    );
    expect(fig.projects).toBe(p.projects);
    expect(fig.units).toBe(p.units);
    expect(round2(fig.budget_wan)).toBe(round2(p.budget_wan));
  });

  test("the grade labels are the policy's", async () => {
    const grades = await rows("overview_grades");
    const labels = await db.all<{rank: number; label: string}>(
      "SELECT DISTINCT final_grade_rank AS rank, final_grade AS label FROM marts.project_scores WHERE final_grade_rank IS NOT NULL"
    );
    for (const {rank, label} of labels) expect(grades.find((g) => g.grade_rank === rank)?.label).toBe(label);
  });
});

describe("趋势 (trends_groups)", () => {
  test("the whole county each year equals the marts", async () => {
    const all = (await rows("trends_groups")).filter((d) => d.dimension === "all");
    expect(all.map((d) => d.year)).toEqual(SAMPLE_YEARS);
    for (const d of all) {
      const p = await one(
        `SELECT count(*) AS projects, avg(total_score) AS avg_score,
                sum(execution_executed_wan) FILTER (WHERE execution_budget_wan > 0) / sum(execution_budget_wan) FILTER (WHERE execution_budget_wan > 0) AS execution_rate,
                count(*) FILTER (WHERE final_grade_rank <= 2) / count(final_grade_rank) AS top_share,
                coalesce(sum(deduction_wan), 0) AS deduction_wan
         FROM marts.project_scores WHERE year = $year`,
        {year: Number(d.year)}
      );
      expect(d.projects).toBe(p.projects);
      expect(Number(d.avg_score)).toBeCloseTo(Number(p.avg_score), 9);
      expect(Number(d.execution_rate)).toBeCloseTo(Number(p.execution_rate), 9);
      expect(Number(d.top_share)).toBeCloseTo(Number(p.top_share), 12);
      expect(round2(d.deduction_wan)).toBe(round2(p.deduction_wan));
    }
  });

  test("each breakdown partitions the county: projects, budget and cuts add up", async () => {
    const groups = await rows("trends_groups");
    const all = groups.filter((d) => d.dimension === "all");
    for (const dimension of ["department", "fund_kind", "function"]) {
      const sums = sumGroups(groups.filter((d) => d.dimension === dimension), ["year"], ["projects", "budget_wan", "deduction_wan", "top_projects", "graded_projects"]);
      expect(sums.map((d) => [d.year, d.projects, round2(d.budget_wan), round2(d.deduction_wan), d.top_projects, d.graded_projects]), dimension).toEqual(
        all.map((d) => [d.year, d.projects, round2(d.budget_wan), round2(d.deduction_wan), d.top_projects, d.graded_projects])
      );
    }
  });

  test("department groups use the department key of marts.coverage", async () => {
    const year = SAMPLE_YEARS.at(-1)!;
    const depts = (await rows("trends_groups")).filter((d) => d.dimension === "department" && d.year === year);
    const coverage = await db.all<{department: string; project_count: number}>(
      "SELECT department, project_count FROM marts.coverage WHERE year = $year ORDER BY department",
      {year}
    );
    expect(depts.map((d) => [d.group_name, d.projects]).sort()).toEqual(coverage.map((d) => [d.department, d.project_count]).sort());
  });

  test("functional classes are named by the first three digits of the function code", async () => {
    const names = (await rows("trends_groups")).filter((d) => d.dimension === "function").map((d) => String(d.group_name));
    for (const name of names) expect(name).toMatch(/^(\d{3} \S+|（未填）)$/);
    expect(names.some((n) => n.startsWith("213 农林水支出"))).toBe(true);
  });

  test("pivotYears spreads one measure over year columns", () => {
    const table = pivotYears(
      [{year: 2023, group_name: "甲", x: 1}, {year: 2024, group_name: "甲", x: 2}, {year: 2024, group_name: "乙", x: 3}],
      {row: "group_name", value: "x", years: [2023, 2024]}
    );
    expect(table).toEqual([{group_name: "甲", 2023: 1, 2024: 2}, {group_name: "乙", 2023: null, 2024: 3}]);
  });
});

describe("绩效目标 (goals_*)", () => {
  test.each(SAMPLE_YEARS)("year %i: department counts equal marts.goal_quality", async (year) => {
    const depts = (await rows("goals_by_dept")).filter((d) => d.year === year);
    const t = sumRows(depts, ["projects", "goal_projects", "flagged_projects", "no_goals", "too_few_level3", "low_quantifiable", "level1_incomplete", "sanity_failures"]);
    const g = await one(
      `SELECT count(*) AS projects, count(*) FILTER (WHERE has_goals) AS goal_projects, count(*) FILTER (WHERE len(flags) > 0) AS flagged,
              count(*) FILTER (WHERE no_goals) AS no_goals, count(*) FILTER (WHERE too_few_level3) AS too_few,
              count(*) FILTER (WHERE has_goals AND quantifiable_share_low) AS low_quantifiable,
              count(*) FILTER (WHERE has_goals AND NOT level1_complete) AS level1,
              count(*) FILTER (WHERE cost_direction_count > 0 OR percent_over_count > 0 OR missing_unit_count > 0) AS sanity
       FROM marts.goal_quality WHERE year = $year`,
      {year}
    );
    expect(t).toEqual({
      projects: g.projects, goal_projects: g.goal_projects, flagged_projects: g.flagged, no_goals: g.no_goals, too_few_level3: g.too_few,
      low_quantifiable: g.low_quantifiable, level1_incomplete: g.level1, sanity_failures: g.sanity
    });
    // 三级指标 ≤ 7 (policy mof) and 可量化占比 ≤ 70%, straight from the columns
    const raw = await one(
      `SELECT count(*) FILTER (WHERE level3_count <= 7) AS few, count(*) FILTER (WHERE has_goals AND coalesce(quantifiable_share <= 0.7, TRUE)) AS low
       FROM marts.goal_quality WHERE year = $year`,
      {year}
    );
    expect([t.too_few_level3, t.low_quantifiable]).toEqual([raw.few, raw.low]);
  });

  test("rule counts and the project list agree with the flags", async () => {
    const counts = await rows("goals_rule_counts");
    const flags = await db.all<{rule_id: string; n: number}>("SELECT f.rule_id, count(*) AS n FROM marts.goal_quality, unnest(flags) AS u(f) GROUP BY 1 ORDER BY 1");
    const summed = sumGroups(counts, ["rule_id"], ["projects"]).sort((a, b) => String(a.rule_id).localeCompare(String(b.rule_id)));
    expect(summed.map((d) => [d.rule_id, d.projects])).toEqual(flags.map((d) => [d.rule_id, d.n]));
    const known = (await rows("goals_rules")).map((r) => r.rule_id);
    for (const {rule_id} of flags) expect(known, `label for ${rule_id}`).toContain(rule_id);

    const projects = await rows("goals_projects");
    const flagged = await one("SELECT count(*) AS n FROM marts.goal_quality WHERE len(flags) > 0");
    expect(projects.length).toBe(flagged.n);
    for (const p of projects) expect(String(p.issues).split("；").length).toBe(p.issue_count);
  });
});

describe("数据质量 (quality_*)", () => {
  test("rules count every reject; the list holds them all here", async () => {
    const rules = await rows("quality_rules");
    const total = await one("SELECT count(*) AS n, count(*) FILTER (WHERE severity = 'error') AS errors FROM rejects");
    expect(sumRows(rules, ["issues"]).issues).toBe(total.n);
    expect(Number(total.errors)).toBeGreaterThanOrEqual(3);
    const rejects = await rows("quality_rejects");
    expect(rejects.length).toBe(total.n);
    // errors first, and every row names its file, rule and message
    expect(rejects[0]!.severity).toBe("error");
    const bad = rejects.filter((d) => d.file_name === "坏数据.csv");
    expect(bad.map((d) => [d.row_number, d.column_name, d.value, d.rule])).toEqual([
      [2, "全年预算数（万元）", "十万", "amount.not_number"],
      [3, "全年预算数（万元）", "约二十", "amount.not_number"],
      [4, "全年预算数（万元）", "N/A", "amount.not_number"]
    ]);
    for (const d of rejects) expect(d.message).toBeTruthy();
  });

  test("sheets add up to their imports", async () => {
    const sheets = await rows("quality_sheets");
    const imports = await rows("quality_imports");
    const bySheet = sumGroups(sheets, ["import_id"], ["rows_loaded", "rows_rejected"]);
    for (const i of imports) {
      const s = bySheet.find((d) => d.import_id === i.import_id);
      expect([s?.rows_loaded ?? 0, s?.rows_rejected ?? 0], String(i.file_name)).toEqual([i.rows_loaded, i.rows_rejected]);
    }
    expect(sheets.every((d) => d.table_label && !/[a-z]/.test(String(d.table_label)))).toBe(true);
  });
});

test("overview measures are all in the cube", async () => {
  const [first] = await rows("overview_cube");
  for (const m of OVERVIEW_MEASURES) expect(first, m).toHaveProperty(m);
});
