// The loader queries of the 绩效监控 / 绩效评价 / 结果应用 / 部门 pages (src/report-data/sql/*.sql), run
// against a generated county and checked against the marts they summarise: the site's figures add up.
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {Database, type Row} from "../src/db/database.ts";
import {lightCounts} from "../reports/components/lightCounts.js";
import {ROW_CAPS} from "../src/report-data/row-caps.ts";
import {reportSql} from "../src/report-data/sql/reportSql.ts";
import {createSampleDb} from "./support/sample-db.ts";

let dir: string;
let db: Database;

/** The row cap of each capped query, as src/report-data/site-files.ts binds it. */
const CAPS: Record<string, number> = {
  monitoring_checkpoints: ROW_CAPS.monitoringCheckpoint,
  evaluation_projects: ROW_CAPS.evaluationYear,
  application_cuts: ROW_CAPS.cutListYear,
  application_low_efficiency: ROW_CAPS.lowEfficiencyYear
};

/** Rows of a report query with the CTEs and row cap the site gives it; detail queries (department_*) get `page`. */
async function report(name: string, params: Record<string, string | number> = {}): Promise<Row[]> {
  const sql = reportSql(name, {cutReview: name === "application_cuts", pages: name === "department_summary" || /^department_(projects|indicators|explanations)$/.test(name)});
  return db.all(sql, {...(CAPS[name] ? {row_cap: CAPS[name]} : {}), ...params});
}

const round2 = (n: unknown) => Math.round(Number(n ?? 0) * 100) / 100;

/** Sums `field` of rows per key; keys and sums rounded to cents for comparison. */
function sums(rows: Row[], key: (row: Row) => string, field: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) out[key(row)] = (out[key(row)] ?? 0) + Number(row[field] ?? 0);
  for (const k of Object.keys(out)) out[k] = round2(out[k]);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jixiao-results-figures-"));
  const path = await createSampleDb(dir);
  db = await Database.open(path);
  // Three reviewers' decisions, as a returned cut list would load them (one of each kind).
  const proposed = await db.all<{year: number; project_code: string; deduction_wan: number}>(
    "SELECT year, project_code, deduction_wan FROM marts.application WHERE deduction_wan > 0 ORDER BY year DESC, project_code LIMIT 3"
  );
  expect(proposed).toHaveLength(3);
  const decisions: [string, number | null][] = [["同意", null], ["不同意", null], ["调整", 1.5]];
  for (const [i, p] of proposed.entries()) {
    await db.run(
      `INSERT INTO cut_decisions VALUES ($year, $code, $decision, $amount, '测试意见', '审核人甲', 999, 'returned.xlsx', '扣减清单', $row, 'hash')`,
      {year: p.year, code: p.project_code, decision: decisions[i]![0], amount: decisions[i]![1], row: i + 2}
    );
  }
}, 600_000);

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe("report queries", () => {
  test("name their grain and sources on the first lines", () => {
    for (const name of [
      "monitoring_checkpoints", "monitoring_lights", "monitoring_departments", "evaluation_projects", "evaluation_caps", "evaluation_coverage",
      "evaluation_key_summary", "evaluation_key_objects", "application_cuts", "application_low_efficiency", "application_dept_totals",
      "department_summary", "department_projects", "department_indicators", "department_explanations"
    ]) {
      const [grain, sources] = reportSql(name).split("\n");
      expect(grain, name).toMatch(/^-- one row per /);
      expect(sources, name).toMatch(/^-- sources: /);
    }
  });

  test("refuse a bad name; a query with its own WITH clause gets the prepended CTEs in front of its own", () => {
    expect(() => reportSql("../schema")).toThrow("invalid report query name: ../schema");
    const sql = reportSql("department_summary", {cutReview: true, pages: true});
    expect(sql).toMatch(/^-- one row per [^\n]*\n(--[^\n]*\n)*WITH cut_review AS \(/);
    expect(sql).toContain("),\npages AS (");
    expect(sql).toMatch(/\),\s*d AS \(/);
  });

  test("a capped list keeps the rows that most need attention and counts all of them", async () => {
    const all = await report("evaluation_projects", {row_cap: 1_000_000});
    const year = Number(all[0]!.year);
    const ofYear = all.filter((r) => r.year === year);
    const capped = (await report("evaluation_projects", {row_cap: 5})).filter((r) => r.year === year);
    expect(capped).toHaveLength(5);
    for (const r of [...ofYear, ...capped]) expect(r.year_projects).toBe(ofYear.length);
    // capped projects come first
    const cappedCount = ofYear.filter((r) => r.capped).length;
    expect(capped.filter((r) => r.capped)).toHaveLength(Math.min(5, cappedCount));
    const checkpoints = await report("monitoring_checkpoints", {row_cap: 3});
    for (const r of checkpoints) expect(Number(r.checkpoint_projects)).toBeGreaterThanOrEqual(3);
    expect(checkpoints.filter((r) => r.year === checkpoints[0]!.year && r.month === checkpoints[0]!.month)).toHaveLength(3);
  });
});

describe("结果应用", () => {
  test("cut totals by department are the sums of marts.application", async () => {
    const totals = await report("application_dept_totals");
    const marts = await db.all("SELECT year, coalesce(department, '（未注明主管部门）') AS department, deduction_wan, project_cut_wan, department_cut_wan, recover_wan FROM marts.application");
    const key = (r: Row) => `${r.year}|${r.department}`;
    for (const field of ["deduction_wan", "project_cut_wan", "department_cut_wan", "recover_wan"]) {
      expect(sums(totals, key, field), field).toEqual(sums(marts, key, field));
    }
    expect(totals.reduce((s, r) => s + Number(r.projects), 0)).toBe(marts.length);
    // some cuts at all, and some moved to the department's other budget, or the check proves little
    expect(round2(totals.reduce((s, r) => s + Number(r.deduction_wan), 0))).toBeGreaterThan(0);
  });

  test("the cut list holds every cut, recovery and low-efficiency project, and sums to the totals", async () => {
    const cuts = await report("application_cuts");
    const expected = await db.all<{year: number; project_code: string}>(
      `SELECT year, project_code FROM marts.application
       WHERE coalesce(deduction_wan, 0) > 0 OR coalesce(recover_wan, 0) > 0 OR len(low_efficiency_rules) > 0 ORDER BY ALL`
    );
    const listed = cuts.map((r) => `${r.year}|${r.project_code}`).sort();
    expect(listed).toEqual(expected.map((r) => `${r.year}|${r.project_code}`).sort());
    const byYear = sums(cuts, (r) => String(r.year), "deduction_wan");
    const totals = sums(await report("application_dept_totals"), (r) => String(r.year), "deduction_wan");
    expect(byYear).toEqual(totals);
  });

  test("the cut list shows reviewers' decisions as cut_review reads them", async () => {
    const decided = (await report("application_cuts")).filter((r) => r.review_status != null && r.review_status !== "待审核");
    expect(decided.map((r) => r.review_status).sort()).toEqual(["不同意", "同意", "调整"]);
    for (const r of decided) {
      expect(r.reviewer).toBe("审核人甲");
      const expectedCut = r.review_status === "同意" ? round2(r.deduction_wan) : r.review_status === "调整" ? 1.5 : 0;
      expect(round2(r.decided_cut_wan), String(r.review_status)).toBe(expectedCut);
    }
  });

  test("low-efficiency reasons are marts.low_efficiency row for row, each rule named", async () => {
    const rows = await report("application_low_efficiency");
    expect(rows.length).toBe(await db.value<number>("SELECT count(*) FROM marts.low_efficiency"));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.rule_name, String(r.rule_id)).not.toMatch(/^S1\./);
  });
});

describe("绩效监控", () => {
  test("one row per project and checkpoint, lights in the site's spelling", async () => {
    const rows = await report("monitoring_checkpoints");
    expect(rows.length).toBe(await db.value<number>("SELECT count(*) FROM marts.monitoring"));
    const lights = new Set(rows.flatMap((r) => [r.execution_light, r.indicator_light, r.project_light]));
    for (const light of lights) expect([null, "红", "黄", "绿", "蓝"]).toContain(light);
    const warned = rows.filter((r) => r.rectification_warning);
    expect(warned.length).toBe(await db.value<number>("SELECT count(*) FROM marts.monitoring WHERE rectification_warning"));
    for (const r of warned) expect(r.warning_reasons, String(r.project_code)).toBeTruthy();
  });

  test("light counts add up to projects (执行灯, 项目灯) and indicators (指标灯) per checkpoint", async () => {
    const lights = lightCounts(await report("monitoring_lights")) as Row[];
    const key = (r: Row) => `${r.year}|${r.month}|${r.kind}`;
    const counted = sums(lights, key, "n");
    const expected: Record<string, number> = {};
    for (const r of await db.all("SELECT year, month, count(*) AS n FROM marts.monitoring GROUP BY ALL")) {
      expected[`${r.year}|${r.month}|执行灯`] = Number(r.n);
      expected[`${r.year}|${r.month}|项目灯`] = Number(r.n);
    }
    for (const r of await db.all("SELECT year, month, count(*) AS n FROM marts.monitoring_indicators GROUP BY ALL")) {
      expected[`${r.year}|${r.month}|指标灯`] = Number(r.n);
    }
    expect(counted).toEqual(expected);
    const red = lights.filter((r) => r.kind === "项目灯" && r.light === "红").reduce((s, r) => s + Number(r.n), 0);
    expect(red).toBe(await db.value<number>("SELECT count(*) FROM marts.monitoring WHERE project_light = 'red'"));
  });

  test("department budget and spending to date are the checkpoint sums", async () => {
    const rows = await report("monitoring_departments");
    const key = (r: Row) => `${r.year}|${r.month}`;
    const marts = await db.all("SELECT year, month, budget_wan, executed_wan FROM marts.monitoring");
    expect(sums(rows, key, "budget_wan")).toEqual(sums(marts, key, "budget_wan"));
    expect(sums(rows, key, "executed_wan")).toEqual(sums(marts, key, "executed_wan"));
  });
});

describe("绩效评价", () => {
  test("scored projects, inflated self-scores and the spot-check sample match the marts", async () => {
    const rows = await report("evaluation_projects");
    expect(rows.length).toBe(await db.value<number>("SELECT count(*) FROM marts.project_scores WHERE has_selfeval"));
    expect(rows.filter((r) => r.inflated).length).toBe(await db.value<number>("SELECT count(*) FROM marts.project_scores WHERE inflated"));
    const sampled = rows.filter((r) => r.spot_checked).map((r) => `${r.year}|${r.project_code}`).sort();
    const expected = await db.all("SELECT year, project_code FROM marts.spot_check WHERE selected");
    expect(sampled).toEqual(expected.map((r) => `${r.year}|${r.project_code}`).sort());
    expect(sampled.length).toBeGreaterThan(0);
  });

  test("every cap is listed with its reason; the binding one lowered the grade", async () => {
    const caps = await report("evaluation_caps");
    expect(caps.length).toBe(await db.value<number>("SELECT count(*) FROM marts.caps"));
    for (const c of caps) expect(c.reason).toBeTruthy();
    const lowered = new Set(caps.filter((c) => c.lowered_grade).map((c) => `${c.year}|${c.project_code}`));
    const capped = await db.all("SELECT year, project_code FROM marts.project_scores WHERE capped");
    expect([...lowered].sort()).toEqual(capped.map((r) => `${r.year}|${r.project_code}`).sort());
  });

  test("department-evaluation coverage and key evaluations are the marts' figures", async () => {
    const coverage = await report("evaluation_coverage");
    expect(coverage.length).toBe(await db.value<number>("SELECT count(*) FROM marts.coverage"));
    for (const r of coverage) expect(r.dept_evaluation_ok).toBe(Number(r.budget_wan) <= 0 || Number(r.dept_evaluation_share) >= Number(r.required_share));
    const summary = await report("evaluation_key_summary");
    const objects = await report("evaluation_key_objects");
    for (const s of summary) {
      const ofYear = objects.filter((o) => o.year === s.year);
      expect(ofYear.length, String(s.year)).toBe(Number(s.key_evaluation_count));
      expect(round2(ofYear.reduce((sum, o) => sum + Number(o.funds_wan ?? 0), 0)), String(s.year)).toBe(round2(s.key_evaluation_wan));
    }
  });
});

describe("部门", () => {
  test("the department summary counts each department's projects and final grades", async () => {
    const summary = await report("department_summary");
    const expected = await db.all(
      "SELECT year, coalesce(dept_code, department) AS code, count(*) AS n, count(final_grade) AS graded FROM marts.project_scores GROUP BY ALL"
    );
    expect(summary.length).toBe(expected.length);
    for (const e of expected) {
      const row = summary.find((r) => r.year === e.year && r.dept_code === e.code);
      expect(row, `${e.year} ${e.code}`).toBeDefined();
      expect(row!.projects).toBe(e.n);
      expect(Number(row!.grade_1) + Number(row!.grade_2) + Number(row!.grade_3) + Number(row!.grade_4)).toBe(e.graded);
    }
  });

  test("a department's detail holds its own projects, indicators and trail, and no one else's", async () => {
    const codes = await db.all<{code: string}>("SELECT DISTINCT coalesce(dept_code, department) AS code FROM marts.project_scores ORDER BY code");
    expect(codes.length).toBeGreaterThan(1);
    for (const {code} of codes) {
      const own = await db.all("SELECT year, project_code FROM marts.project_scores WHERE coalesce(dept_code, department) = $code", {code});
      const ownKeys = own.map((r) => `${r.year}|${r.project_code}`).sort();
      const projects = await report("department_projects", {page: code});
      expect(projects.map((r) => `${r.year}|${r.project_code}`).sort(), code).toEqual(ownKeys);
      const owned = new Set(ownKeys);
      const indicators = await report("department_indicators", {page: code});
      for (const r of indicators) expect(owned.has(`${r.year}|${r.project_code}`), code).toBe(true);
      const trail = await report("department_explanations", {page: code});
      for (const r of trail) expect(owned.has(`${r.year}|${r.project_code}`), code).toBe(true);
      const expectedTrail = await db.value<number>(
        `SELECT count(*) FROM marts.explanations e JOIN marts.project_scores p USING (year, project_code)
         WHERE coalesce(p.dept_code, p.department) = $code`,
        {code}
      );
      expect(trail.length, code).toBe(expectedTrail);
      expect(indicators.length, code).toBe(
        await db.value<number>(
          `SELECT count(*) FROM marts.indicator_scores i JOIN marts.project_scores p USING (year, project_code)
           WHERE coalesce(p.dept_code, p.department) = $code`,
          {code}
        )
      );
    }
  });

  test("trail sections follow explainProject's order and show file names, not folders", async () => {
    const codes = await db.all<{code: string}>("SELECT DISTINCT coalesce(dept_code, department) AS code FROM marts.project_scores ORDER BY code LIMIT 1");
    const trail = await report("department_explanations", {page: codes[0]!.code});
    const sections = [...new Set(trail.map((r) => `${r.section_order} ${r.section}`))].sort();
    expect(sections).toEqual(expect.arrayContaining(["1 绩效指标", "2 预算执行", "3 总分与等级"]));
    for (const r of trail) if (r.source_file) expect(String(r.source_file)).not.toContain("/");
    for (const r of trail.filter((t) => t.section_order === 1)) expect(r.indicator).toBeTruthy();
  });

  test("one 行政区划: a page per department; several: a page per 行政区划 holding its departments, linked at each", async () => {
    const pages = await db.all<{page_key: string; page_kind: string; dept_code: string}>(reportSql("department_pages"));
    expect(new Set(pages.map((p) => p.page_kind))).toEqual(new Set(["departments"]));
    for (const p of pages) expect(p.page_key).toBe(p.dept_code);
    for (const r of await report("department_summary")) expect(r.page_path).toBe(`departments/${r.dept_code}`);
    // two 行政区划, as a city's roll-up would hold: the first half of the departments in one, the rest in the other
    const codes = [...new Set(pages.map((p) => p.dept_code))].sort();
    const half = codes.slice(0, Math.ceil(codes.length / 2));
    await db.run("CREATE TABLE saved_regions AS SELECT year, project_code, region_code, region_name FROM intermediate.int_projects");
    try {
      for (const code of codes) {
        const [region, name] = half.includes(code) ? ["650001", "甲县"] : ["650002", "乙县"];
        await db.run(
          `UPDATE intermediate.int_projects r SET region_code = $region, region_name = $name FROM marts.project_scores p
           WHERE p.year = r.year AND p.project_code = r.project_code AND coalesce(p.dept_code, p.department) = $code`,
          {region, name, code}
        );
      }
      const byRegion = await db.all<{page_key: string; page_kind: string; dept_code: string; region_name: string}>(reportSql("department_pages"));
      expect(new Set(byRegion.map((p) => p.page_key))).toEqual(new Set(["650001", "650002"]));
      for (const p of byRegion) {
        expect(p.page_kind).toBe("regions");
        expect(p.page_key).toBe(half.includes(p.dept_code) ? "650001" : "650002");
      }
      for (const r of await report("department_summary")) {
        expect(r.page_path).toBe(`regions/${half.includes(String(r.dept_code)) ? "650001" : "650002"}?dept=${encodeURIComponent(String(r.dept_code))}`);
        expect(r.region_name).toBe(half.includes(String(r.dept_code)) ? "甲县" : "乙县");
      }
      // a region's detail holds every project of its departments
      const projects = await report("department_projects", {page: "650001"});
      expect(new Set(projects.map((r) => r.dept_code))).toEqual(new Set(half));
      const all = await db.all<{code: string}>("SELECT coalesce(dept_code, department) AS code FROM marts.project_scores");
      expect(projects.length).toBe(all.filter((r) => half.includes(r.code)).length);
    } finally {
      await db.run(
        `UPDATE intermediate.int_projects r SET region_code = s.region_code, region_name = s.region_name FROM saved_regions s
         WHERE s.year = r.year AND s.project_code = r.project_code`
      );
      await db.run("DROP TABLE saved_regions");
    }
  });
});
