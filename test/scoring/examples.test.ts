import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Database} from "../../src/db/database.ts";
import type {MartSummary} from "../../src/scoring/buildMarts.ts";
import {build, examplesDb} from "./helpers.ts";

// /work/shared/examples/expected/project_scores.csv (hand-computed with the default policy), verbatim.
const EXPECTED_CSV = `project_code,execution_rate,execution_score,indicator_score,total_score,grade,final_grade,deduction_rate,reported_score
2023-001-01,1,10,87.25,97.25,优,优,0,98
2023-002-01,0.65,6.5,72.44,78.94,中,中,0.1,92
2023-002-02,0.96,9.6,90,99.6,优,中,0.1,99.6
2023-003-01,1,10,90,100,优,优,0,100
2023-003-02,1,10,90,100,优,差,0.3,100
2023-004-01,0.4,4,41.78,45.78,差,差,0.3,45.78
2023-004-02,0,0,90,90,优,优,0,90`;

const [header, ...lines] = EXPECTED_CSV.split("\n");
const columns = header!.split(",");
const expected = lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [columns[i]!, v])));
const numeric = ["execution_rate", "execution_score", "indicator_score", "total_score", "deduction_rate", "reported_score"];

let db: Database;
let summary: MartSummary;

beforeAll(async () => {
  db = await examplesDb();
  summary = await build(db);
});
afterAll(() => db.close());

describe("project_scores reproduces the hand-computed examples", () => {
  test("one row per project, all seven", async () => {
    expect(await db.value("SELECT count(*) FROM marts.project_scores")).toBe(7);
  });

  test.each(expected)("$project_code", async (row) => {
    const [actual] = await db.all("SELECT * FROM marts.project_scores WHERE project_code = $code", {code: row.project_code!});
    expect(actual).toBeDefined();
    for (const column of numeric) expect(actual![column], column).toBeCloseTo(Number(row[column]), 2);
    expect(actual!.grade).toBe(row.grade);
    expect(actual!.final_grade).toBe(row.final_grade);
  });

  test("the export contract has its columns in this spelling", async () => {
    const names = (await db.all("SELECT column_name FROM information_schema.columns WHERE table_schema = 'marts' AND table_name = 'project_scores'"))
      .map((r) => r.column_name);
    for (const column of ["year", "project_code", "project_name", "department", "budget_wan", "executed_wan", "execution_rate", "execution_score",
      "indicator_score", "total_score", "grade", "final_grade", "cap_reasons", "reported_score", "deduction_rate", "deduction_wan"]) {
      expect(names).toContain(column);
    }
  });

  test("every SQL assertion passes", () => {
    expect(summary.ok).toBe(true);
    expect(summary.assertions.map((a) => a.failures)).toEqual(summary.assertions.map(() => 0));
  });
});

describe("flags of the examples README", () => {
  test("goal quality: too few level-3 indicators for 2023-001-01 (7) and 2023-003-01 (4), not for 2023-002-01 (8)", async () => {
    const rows = await db.all("SELECT project_code, level3_count, too_few_level3 FROM marts.goal_quality ORDER BY project_code");
    const by = Object.fromEntries(rows.map((r) => [r.project_code, r]));
    expect(by["2023-001-01"]).toMatchObject({level3_count: 7, too_few_level3: true});
    expect(by["2023-003-01"]).toMatchObject({level3_count: 4, too_few_level3: true});
    expect(by["2023-002-01"]).toMatchObject({level3_count: 8, too_few_level3: false});
  });

  test("inflated self-score: 2023-002-01 reported 92 vs recomputed 78.94", async () => {
    const [row] = await db.all("SELECT reported_score, total_score, score_gap, self_score_flag, inflated FROM marts.project_scores WHERE project_code = '2023-002-01'");
    expect(row).toMatchObject({reported_score: 92, total_score: 78.94, score_gap: 13.06, self_score_flag: "自评虚高", inflated: true});
    const flagged = await db.all("SELECT project_code FROM marts.project_scores WHERE inflated");
    expect(flagged.map((r) => r.project_code)).toEqual(["2023-002-01"]);
  });

  test("mismatch warning (red) for 2023-002-01; budget 0 warning (yellow) for 2023-004-02", async () => {
    const rows = await db.all("SELECT project_code, mismatch_warning, budget_zero_warning, warning_level FROM marts.project_scores ORDER BY project_code");
    const by = Object.fromEntries(rows.map((r) => [r.project_code, r]));
    expect(by["2023-002-01"]).toMatchObject({mismatch_warning: true, warning_level: "red"});
    expect(by["2023-004-02"]).toMatchObject({budget_zero_warning: true, mismatch_warning: false, warning_level: "yellow"});
    expect(by["2023-001-01"]).toMatchObject({mismatch_warning: false, budget_zero_warning: false, warning_level: null});
  });

  test("monitoring lights: 36 red, 72 yellow, 67.5 yellow, 48 red", async () => {
    const rows = await db.all(
      "SELECT project_code, month, execution_index, execution_light, indicator_light FROM marts.monitoring ORDER BY project_code, month"
    );
    const key = (code: string, month: number) => rows.find((r) => r.project_code === code && r.month === month)!;
    expect(key("2023-002-01", 5)).toMatchObject({execution_index: 36, execution_light: "red", indicator_light: "yellow"});
    expect(key("2023-002-01", 8)).toMatchObject({execution_index: 67.5, execution_light: "yellow"});
    expect(key("2023-004-01", 5)).toMatchObject({execution_index: 48, execution_light: "red"});
    const [indicator] = await db.all("SELECT progress_index, light FROM marts.monitoring_indicators WHERE project_code = '2023-002-01' AND month = 5");
    expect(indicator).toMatchObject({progress_index: 72, light: "yellow"});
  });

  test("over-achievement 1.8 flagged on 补贴发放户数, no deduction by default", async () => {
    const [row] = await db.all("SELECT completion_ratio, over_achievement, over_achievement_deduction, score FROM marts.indicator_scores WHERE indicator = '补贴发放户数'");
    expect(row).toMatchObject({completion_ratio: 1.8, over_achievement: true, over_achievement_deduction: 0, score: 30});
    expect(await db.value("SELECT count(*) FROM marts.indicator_scores WHERE over_achievement")).toBe(1);
  });

  test("qualitative tiers: 部分达成 14 in [12, 16), 未达成 10 in [0, 12)", async () => {
    const rows = await db.all("SELECT indicator, qualitative_tier, score, qualitative_out_of_band FROM marts.indicator_scores WHERE direction = 'qual' ORDER BY indicator");
    const by = Object.fromEntries(rows.map((r) => [r.indicator, r]));
    expect(by["带动沿线农户增收"]).toMatchObject({qualitative_tier: "partial", score: 14, qualitative_out_of_band: false});
    expect(by["高龄老人生活保障水平"]).toMatchObject({qualitative_tier: "failed", score: 10, qualitative_out_of_band: false});
  });

  test("coverage: 交通运输局 80% department evaluation, three departments short of 20%", async () => {
    const rows = await db.all("SELECT department, dept_evaluation_share, dept_evaluated_wan, budget_wan, dept_evaluation_ok, goal_coverage FROM marts.coverage ORDER BY department");
    const transport = rows.find((r) => r.department === "示例县交通运输局")!;
    expect(transport).toMatchObject({dept_evaluated_wan: 200, budget_wan: 250, dept_evaluation_ok: true});
    expect(transport.dept_evaluation_share).toBeCloseTo(0.8, 6);
    expect(rows.filter((r) => !r.dept_evaluation_ok)).toHaveLength(3);
    expect(rows.every((r) => r.goal_coverage === 1)).toBe(true);
  });

  test("key evaluations: one, short of 10; budget types missing", async () => {
    const [row] = await db.all("SELECT * FROM marts.key_evaluations WHERE year = 2023");
    expect(row).toMatchObject({key_evaluation_count: 1, key_evaluation_short: 9, count_ok: false, key_evaluation_wan: 80, funds_ok: null});
    expect(row!.budget_types_missing).toEqual(["政府性基金预算", "国有资本经营预算"]);
  });

  test("caps carry their reasons and rule ids", async () => {
    const rows = await db.all("SELECT project_code, capped, cap_rule_ids, cap_reasons, recover_wan FROM marts.project_scores WHERE capped ORDER BY project_code");
    expect(rows.map((r) => [r.project_code, r.cap_rule_ids])).toEqual([
      ["2023-002-02", ["S4.cap.audit"]],
      ["2023-003-02", ["S4.cap.veto"]]
    ]);
    expect(rows[0]!.cap_reasons).toContain("审计");
    expect(rows[1]!.cap_reasons).toContain("一票否决");
    expect(rows[1]!.recover_wan).toBe(60);
  });

  test("low efficiency: 2023-004-01 for grade 差 and execution 40% < 50%", async () => {
    const rows = await db.all("SELECT project_code, rule_id FROM marts.low_efficiency ORDER BY project_code, rule_id");
    expect(rows.filter((r) => r.project_code === "2023-004-01").map((r) => r.rule_id)).toEqual(["S1.low.execution", "S1.low.grade"]);
    expect(rows.some((r) => r.project_code === "2023-004-02")).toBe(false);
  });

  test("application: cut amounts from the final grade", async () => {
    const rows = await db.all("SELECT project_code, action, deduction_rate, deduction_wan, deduction_from FROM marts.application ORDER BY project_code");
    const by = Object.fromEntries(rows.map((r) => [r.project_code, r]));
    expect(by["2023-002-01"]).toMatchObject({action: "督促改进", deduction_rate: 0.1, deduction_wan: 20, deduction_from: "本项目"});
    expect(by["2023-002-02"]).toMatchObject({deduction_wan: 5});
    expect(by["2023-003-02"]).toMatchObject({action: "收回", deduction_rate: 0.3, deduction_wan: 18});
    expect(by["2023-004-01"]).toMatchObject({action: "削减或取消", deduction_wan: 9});
    expect(by["2023-001-01"]).toMatchObject({action: "优先保障", deduction_wan: 0, deduction_from: null});
  });

  test("ex-ante: the 200万元 new road project has no third-party assessment", async () => {
    const rows = await db.all("SELECT project_code FROM marts.exante WHERE major_without_third_party");
    expect(rows.map((r) => r.project_code)).toEqual(["2023-002-01"]);
  });

  test("spot-check draws the policy share, favouring the inflated self-score", async () => {
    const rows = await db.all("SELECT project_code FROM marts.spot_check WHERE selected");
    expect(rows.map((r) => r.project_code)).toEqual(["2023-002-01"]);
  });

  test("explanations carry source file and row for every indicator", async () => {
    const rows = await db.all(
      "SELECT subject, rule_id, formula, source_file, source_sheet, source_row FROM marts.explanations WHERE project_code = '2023-001-01' AND subject = '人均培训成本'"
    );
    expect(rows).toEqual([{
      subject: "人均培训成本",
      rule_id: "PMKPI.indicator.reverse",
      formula: "反向指标：目标值 2000 < 实际值 2300 < 2 × 目标值，得分 = (1 − (2300 − 2000) ÷ 2000) × 分值 5 = 4.25",
      source_file: "selfeval_forms.xlsx",
      source_sheet: "2023-001-01",
      source_row: 16
    }]);
  });
});
