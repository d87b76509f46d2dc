import {afterEach, beforeEach, describe, expect, test} from "vitest";
import type {Database} from "../../src/db/database.ts";
import {mof, resolvePolicy} from "../../src/policy/index.ts";
import {ASSERTIONS, readModel} from "../../src/scoring/buildMarts.ts";
import {congressFigures} from "../../src/report/figures.ts";
import {addProject, build, freshDb, insert, projectRow} from "./helpers.ts";

// Each test gets a fresh in-memory database.
let db: Database;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

/** A project scoring exactly `indicatorScore` on a 90-point indicator, fully executed (execution 10). */
const scoring = (indicatorScore: number, extra: Parameters<typeof addProject>[1] = {}) =>
  addProject(db, {indicators: [["完成数", "ge", 90, indicatorScore, 90]], ...extra});

describe("grade band boundaries", () => {
  test.each([
    [80, 90, "优"],
    [79.99, 89.99, "良"],
    [70, 80, "良"],
    [69.99, 79.99, "中"],
    [50, 60, "中"],
    [49.99, 59.99, "差"]
  ])("indicators %d + execution 10 = %d → %s", async (indicatorScore, total, grade) => {
    await scoring(indicatorScore);
    await build(db);
    const row = await projectRow(db);
    expect(row.total_score).toBeCloseTo(total, 6);
    expect(row.grade).toBe(grade);
    expect(row.final_grade).toBe(grade);
  });

  test("80/70/60 bands from the policy", async () => {
    await scoring(65);
    await build(db, resolvePolicy({grades: {bands: {excellent: 80, good: 70, fair: 60}}}));
    expect((await projectRow(db)).grade).toBe("良");
  });
});

describe("execution", () => {
  test("spending above the budget scores at most the weight, the rate is kept", async () => {
    await scoring(90, {budget: 100, executed: 130});
    await build(db);
    const row = await projectRow(db);
    expect(row.execution_rate).toBeCloseTo(1.3, 9);
    expect(row.execution_score).toBe(10);
    expect(row.total_score).toBe(100);
  });

  test("budget 0 → execution score 0 and a yellow warning", async () => {
    await scoring(90, {budget: 0, executed: 0});
    await build(db);
    expect(await projectRow(db)).toMatchObject({execution_score: 0, budget_zero_warning: true, mismatch_warning: false, warning_level: "yellow"});
  });

  test("carry-over out of the denominator when the policy says so", async () => {
    await scoring(90, {budget: 100, executed: 60, carryover: 20, carryoverExecuted: 0});
    await build(db, resolvePolicy({execution: {includeCarryover: false}}));
    const row = await projectRow(db);
    expect(row.execution_rate).toBeCloseTo(0.75, 9);
    expect(row.execution_score).toBe(7.5);
  });

  test("a project known only from its self-evaluation still gets a row", async () => {
    await insert(db, "selfeval_totals", [{year: 2023, project_code: "S1", project_name: "自评项目", dept_name: "自评局", budget_wan: 50, executed_wan: 25, reported_score: 60}]);
    await insert(db, "selfeval_indicators", [{year: 2023, project_code: "S1", indicator: "数量", direction: "ge", target_value: 10, actual_value: 10, weight: 90, score: 90}]);
    await build(db);
    expect(await projectRow(db, "S1")).toMatchObject({project_name: "自评项目", department: "自评局", execution_score: 5, indicator_score: 90, total_score: 95});
  });
});

describe("indicator edges in the mart", () => {
  test("manual deduction is subtracted with floor 0; missing actual and missing weight score 0 and are flagged", async () => {
    await addProject(db, {indicators: [["扣分", "ge", 10, 10, 30], ["缺值", "ge", 10, null, 30], ["无分值", "ge", 10, 10, null], ["其余", "ge", 10, 10, 30]]});
    await db.run("UPDATE selfeval_indicators SET deduction = 40 WHERE indicator = '扣分'");
    await build(db);
    const rows = await db.all("SELECT indicator, score, missing_actual, no_weight, rule_id FROM marts.indicator_scores ORDER BY indicator");
    const by = Object.fromEntries(rows.map((r) => [r.indicator, r]));
    expect(by["扣分"]).toMatchObject({score: 0});
    expect(by["缺值"]).toMatchObject({score: 0, missing_actual: true, rule_id: "PMKPI.indicator.missing_actual"});
    expect(by["无分值"]).toMatchObject({score: 0, no_weight: true, rule_id: "PMKPI.indicator.no_weight"});
    expect((await projectRow(db)).indicator_score).toBe(30);
  });

  test("a qualitative score outside its band falls to the tier's lower bound and is flagged", async () => {
    await addProject(db, {indicators: [["定性", "qual", "达成年度指标", "部分达成年度指标并具有一定效果", 20, 18], ["其余", "ge", 10, 10, 70]]});
    await build(db);
    const [row] = await db.all("SELECT score, qualitative_out_of_band FROM marts.indicator_scores WHERE indicator = '定性'");
    expect(row).toEqual({score: 12, qualitative_out_of_band: true});
    expect(await db.value("SELECT count(*) FROM marts.explanations WHERE rule_id = 'PMKPI.indicator.qualitative_band'")).toBe(1);
  });

  test("a not-applicable indicator is dropped and its level rescaled", async () => {
    await addProject(db, {indicators: [["不适用项", "ge", 10, "不适用", 30], ["半完成", "ge", 10, 5, 60]]});
    await build(db);
    const rows = await db.all("SELECT indicator, effective_weight, score, not_applicable FROM marts.indicator_scores ORDER BY indicator");
    const by = Object.fromEntries(rows.map((r) => [r.indicator, r]));
    expect(by["不适用项"]).toMatchObject({not_applicable: true, score: null, effective_weight: 0});
    expect(by["半完成"]).toMatchObject({effective_weight: 90, score: 45});
  });
});

describe("caps", () => {
  const finding = (source: string, extra: Record<string, string | boolean | null> = {}) =>
    insert(db, "findings", [{year: 2023, project_code: "P1", source, description: "问题", severity: "一般", rectified: false, ...extra}]);

  test.each([
    ["audit → at most 中", "审计", {}, "中", "S4.cap.audit"],
    ["supervision → at most 中", "监督检查", {}, "中", "S4.cap.audit"],
    ["major problem → 差", "审计", {severity: "重大"}, "差", "S4.cap.major"],
    ["truthfulness 不属实 → 差", "真实性核查", {verification: "不属实"}, "差", "S4.cap.veto"]
  ] as const)("%s", async (_name, source, extra, finalGrade, ruleId) => {
    await scoring(90);
    await finding(source, extra);
    await build(db);
    const row = await projectRow(db);
    expect(row.total_score).toBe(100);
    expect(row.grade).toBe("优");
    expect(row.final_grade).toBe(finalGrade);
    expect(row.capped).toBe(true);
    expect(row.cap_rule_ids).toContain(ruleId);
    expect(row.cap_reasons).toBeTruthy();
  });

  test("truthfulness 属实 and a 绩效监控 finding do not cap", async () => {
    await scoring(90);
    await finding("真实性核查", {verification: "属实"});
    await finding("绩效监控");
    await build(db);
    expect(await projectRow(db)).toMatchObject({final_grade: "优", capped: false, cap_reasons: null});
  });

  test("a cap never raises a grade", async () => {
    await scoring(40);
    await finding("审计");
    await build(db);
    expect(await projectRow(db)).toMatchObject({grade: "差", final_grade: "差", capped: false});
  });

  test("a rectified audit finding is exempt only when the policy says so", async () => {
    await scoring(90);
    await finding("审计", {rectified: true});
    await build(db);
    expect((await projectRow(db)).final_grade).toBe("中");
    await build(db, resolvePolicy({caps: {audit: {exemptRectified: true}}}));
    expect((await projectRow(db)).final_grade).toBe("优");
  });

  test("veto: funds to recover, cut 30%, action 收回", async () => {
    await scoring(90, {budget: 80, executed: 80});
    await finding("真实性核查", {verification: "不属实"});
    await build(db);
    expect(await projectRow(db)).toMatchObject({recover_wan: 80, deduction_rate: 0.3, deduction_wan: 24});
    expect(await db.value("SELECT action FROM marts.application")).toBe("收回");
  });

  test("two failed monitoring reviews in a row without rectification → at most 中", async () => {
    await scoring(90);
    const checkpoint = (month: number, review: number, rectified: boolean | null) => ({
      year: 2023, period: `1-${month}月`, month, project_code: "P1", budget_wan: 100, executed_wan: 50, review_score: review, rectified
    });
    await insert(db, "monitoring", [checkpoint(5, 50, false), checkpoint(8, 55, null)]);
    await build(db);
    const rows = await db.all("SELECT month, rectification_warning, failed_unrectified, consecutive_failures FROM marts.monitoring ORDER BY month");
    expect(rows.map((r) => r.consecutive_failures)).toEqual([1, 2]);
    expect(rows.every((r) => r.rectification_warning)).toBe(true);
    expect(await projectRow(db)).toMatchObject({final_grade: "中", cap_rule_ids: ["S1.cap.monitoring"]});
  });

  test("a rectified failure breaks the run", async () => {
    await scoring(90);
    const checkpoint = (month: number, review: number, rectified: boolean) => ({
      year: 2023, period: `1-${month}月`, month, project_code: "P1", budget_wan: 100, executed_wan: 50, review_score: review, rectified
    });
    await insert(db, "monitoring", [checkpoint(5, 50, true), checkpoint(8, 55, false)]);
    await build(db);
    expect((await db.all("SELECT consecutive_failures FROM marts.monitoring ORDER BY month")).map((r) => r.consecutive_failures)).toEqual([0, 1]);
    expect((await projectRow(db)).final_grade).toBe("优");
  });
});

describe("goal quality: a form's 年度资金总额 against 当年财政拨款 + 上年结转 + 其他资金 (±0.1 万元)", () => {
  const fundBlock = async (total: number, fiscal: number | null, carryover: number | null, other: number | null) => {
    await scoring(90);
    await db.run("UPDATE selfeval_totals SET budget_wan = $t, fiscal_budget_wan = $f, carryover_budget_wan = $c, other_budget_wan = $o",
      {t: total, f: fiscal, c: carryover, o: other});
    await build(db);
    const [row] = await db.all("SELECT fund_total_off, list_transform(flags, lambda x: x.message) AS messages FROM marts.goal_quality");
    return row!;
  };

  test("100 against 60 + 20 + 15 = 95: 5 万元 apart → flagged, with the sum written out", async () => {
    const row = await fundBlock(100, 60, 20, 15);
    expect(row.fund_total_off).toBe(true);
    expect(row.messages).toContain("资金总额 100 万元 ≠ 当年财政拨款 60 + 上年结转 20 + 其他资金 15 = 95 万元（相差超过 0.1 万元）");
    expect(await db.value("SELECT count(*) FROM marts.explanations WHERE rule_id = 'LOCAL.goal.fund_total'")).toBe(1);
  });

  test("0.1 万元 apart is within the tolerance; 0.11 is not", async () => {
    expect((await fundBlock(100, 79.9, 20, null)).fund_total_off).toBe(false);
    db.close();
    db = await freshDb();
    expect((await fundBlock(100, 79.89, 20, null)).fund_total_off).toBe(true);
  });

  test("no split on the form (a flat export) → nothing to check", async () => {
    expect((await fundBlock(100, null, 20, null)).fund_total_off).toBe(false);
  });
});

describe("monitoring warnings", () => {
  test("review below 60 or execution vs goal completion more than 20 points apart → rectification warning", async () => {
    await scoring(90);
    await insert(db, "monitoring", [
      // 10% spent, 60% of the indicator done: 50 points apart
      {year: 2023, period: "1-5月", month: 5, project_code: "P1", budget_wan: 100, executed_wan: 10,
       indicator: "完成数", direction: "ge", target_value: 90, progress_value: 54},
      // 50% spent, 50% done, review 59 → warning from the review alone
      {year: 2023, period: "1-8月", month: 8, project_code: "P1", budget_wan: 100, executed_wan: 50,
       indicator: "完成数", direction: "ge", target_value: 90, progress_value: 45, review_score: 59}
    ]);
    await build(db);
    const rows = await db.all("SELECT month, execution_goal_gap_points, review_failed, gap_too_wide, rectification_warning, project_light FROM marts.monitoring ORDER BY month");
    expect(rows[0]).toMatchObject({execution_goal_gap_points: 50, gap_too_wide: true, review_failed: false, rectification_warning: true});
    expect(rows[1]).toMatchObject({gap_too_wide: false, review_failed: true, rectification_warning: true});
    expect(rows[0]!.project_light).toBe("red");
  });

  describe("goal completion: indicators that accrue against the year's target, rates and caps on schedule", () => {
    // 1-6月 (time progress 6/12), 30% spent: a count at 30% of its target, a rate at its target, a cap kept
    const checkpoint = async (policy = mof) => {
      await scoring(90);
      const row = {year: 2023, period: "1-6月", month: 6, project_code: "P1", budget_wan: 100, executed_wan: 30};
      await insert(db, "monitoring", [
        {...row, indicator: "培训人次", direction: "ge", target_value: 200, unit: "人次", progress_value: 60},
        {...row, indicator: "合格率", direction: "ge", target_value: 90, unit: "%", progress_value: 90},
        {...row, indicator: "投诉次数", direction: "le", target_value: 5, unit: "次", progress_value: 2},
        {...row, indicator: "验收结论", direction: "qual", progress_raw: "达成"}
      ]);
      await build(db, policy);
      return db.all("SELECT indicator, accrues, completion_pct, to_date_pct FROM marts.monitoring_indicators ORDER BY source_row");
    };
    const projectCheckpoint = () => db.all("SELECT goal_completion_pct, execution_goal_gap_points, gap_too_wide, warning_reasons FROM marts.monitoring");

    test("schedule (default): 30, 100 × 6/12 and 100 × 6/12 average 43.33 against 30% spent → 13.33 points, no warning", async () => {
      expect(await checkpoint()).toEqual([
        {indicator: "培训人次", accrues: true, completion_pct: 30, to_date_pct: 30},
        {indicator: "合格率", accrues: false, completion_pct: 100, to_date_pct: 50},
        {indicator: "投诉次数", accrues: false, completion_pct: 100, to_date_pct: 50},
        {indicator: "验收结论", accrues: false, completion_pct: null, to_date_pct: null}
      ]);
      expect(await projectCheckpoint()).toEqual([{goal_completion_pct: 43.33, execution_goal_gap_points: 13.33, gap_too_wide: false, warning_reasons: []}]);
    });

    test("annual: 30, 100 and 100 average 76.67 → 46.67 points, a warning that names the basis", async () => {
      await checkpoint(resolvePolicy({monitoring: {rectification: {goalCompletion: "annual"}}}));
      const [row] = await projectCheckpoint();
      expect(row).toMatchObject({goal_completion_pct: 76.67, execution_goal_gap_points: 46.67, gap_too_wide: true});
      expect(row!.warning_reasons).toEqual(["预算执行率 30% 与目标完成率 76.67% 相差 46.67 个百分点 > 20"]);
      expect(await db.value("SELECT formula FROM marts.explanations WHERE rule_id = 'S4.monitor.rectification'")).toBe(
        "1-6月：预算执行率 30% 与目标完成率 76.67% 相差 46.67 个百分点 > 20 → 通知整改。目标完成率为各定量指标累计完成 ÷ 年度目标的平均"
      );
    });

    test("a unit the policy counts as a rate stops accruing: (30 × 6/12 + 50 + 50) / 3 = 38.33", async () => {
      await checkpoint(resolvePolicy({monitoring: {rectification: {rateUnits: ["%", "人次"]}}}));
      expect(await projectCheckpoint()).toMatchObject([{goal_completion_pct: 38.33, execution_goal_gap_points: 8.33}]);
    });
  });

  test("Q3: spending below 60% with ≥ 200万元 unspent → interview and recover", async () => {
    await scoring(90, {budget: 1000, executed: 1000});
    await insert(db, "monitoring", [
      {year: 2023, period: "1-9月", month: 9, project_code: "P1", budget_wan: 1000, executed_wan: 500},
      {year: 2023, period: "1-5月", month: 5, project_code: "P1", budget_wan: 1000, executed_wan: 100}
    ]);
    await build(db);
    const rows = await db.all("SELECT month, late_spending FROM marts.monitoring ORDER BY month");
    expect(rows).toEqual([{month: 5, late_spending: false}, {month: 9, late_spending: true}]);
    expect(await db.value("SELECT count(*) FROM marts.explanations WHERE rule_id = 'LOCAL.monitor.late_spending'")).toBe(1);
  });

  test("project light is the worst of execution and indicators", async () => {
    await scoring(90);
    await insert(db, "monitoring", [
      {year: 2023, period: "1-6月", month: 6, project_code: "P1", budget_wan: 100, executed_wan: 50, indicator: "完成数", direction: "ge", target_value: 90, progress_value: 20},
      {year: 2023, period: "1-6月", month: 6, project_code: "P1", budget_wan: 100, executed_wan: 50, indicator: "成本", direction: "le", target_value: 10, progress_value: 8}
    ]);
    await build(db);
    const [row] = await db.all("SELECT execution_light, indicator_light, project_light FROM marts.monitoring");
    expect(row).toEqual({execution_light: "green", indicator_light: "red", project_light: "red"});
  });
});

describe("result application and low efficiency", () => {
  test("must-keep project: the cut moves to the department's other budget", async () => {
    await scoring(60, {mustKeep: true, budget: 200, executed: 200});
    await build(db);
    expect(await projectRow(db)).toMatchObject({final_grade: "中", deduction_rate: 0.1, deduction_wan: 20, deduction_from: "部门其他预算"});
    const [app] = await db.all("SELECT project_cut_wan, department_cut_wan FROM marts.application");
    expect(app).toEqual({project_cut_wan: 0, department_cut_wan: 20});
    expect(await db.value("SELECT count(*) FROM marts.explanations WHERE rule_id = 'S1.cut.must_keep'")).toBe(1);
  });

  test("score below 80 two years running", async () => {
    await scoring(65, {year: 2022});
    await scoring(65, {year: 2023});
    await build(db);
    const rows = await db.all("SELECT year, rule_id FROM marts.low_efficiency WHERE rule_id = 'S1.low.score_years'");
    expect(rows).toEqual([{year: 2023, rule_id: "S1.low.score_years"}]);
  });

  test("carry-over idle two years running → recover", async () => {
    await scoring(90, {year: 2022, carryover: 30, carryoverExecuted: 0});
    await scoring(90, {year: 2023, carryover: 30, carryoverExecuted: 0});
    await build(db);
    expect(await db.all("SELECT year, rule_id, recover_wan FROM marts.low_efficiency")).toEqual([{year: 2023, rule_id: "S1.low.idle_carryover", recover_wan: 30}]);
    const [app] = await db.all("SELECT action, recover_wan FROM marts.application WHERE year = 2023");
    expect(app).toEqual({action: "收回", recover_wan: 30});
  });

  test("likely overlap: same functional class, near-identical names, different units", async () => {
    await scoring(90, {code: "A", unit: "U1", name: "农村饮水安全巩固提升工程"});
    await scoring(90, {code: "B", unit: "U2", name: "农村饮水安全巩固提升项目"});
    await scoring(90, {code: "C", unit: "U3", name: "城市道路照明维护"});
    await build(db);
    const rows = await db.all("SELECT project_code, related_project_code FROM marts.low_efficiency WHERE rule_id = 'S1.low.overlap' ORDER BY project_code");
    expect(rows).toEqual([{project_code: "A", related_project_code: "B"}, {project_code: "B", related_project_code: "A"}]);
    expect(await db.value("SELECT action FROM marts.application WHERE project_code = 'A'")).toBe("调整");
  });

  test("likely overlap stays within one budget: two counties' same-named projects are not duplicates", async () => {
    await scoring(90, {code: "A", unit: "U1", region: "650001", name: "农村饮水安全巩固提升工程"});
    await scoring(90, {code: "B", unit: "U2", region: "650002", name: "农村饮水安全巩固提升工程"});
    await scoring(90, {code: "C", unit: "U3", region: "650002", name: "农村饮水安全巩固提升项目"});
    await build(db);
    const rows = await db.all("SELECT project_code, related_project_code FROM marts.low_efficiency WHERE rule_id = 'S1.low.overlap' ORDER BY project_code");
    expect(rows).toEqual([{project_code: "B", related_project_code: "C"}, {project_code: "C", related_project_code: "B"}]);
  });
});

describe("spot-check", () => {
  test("the draw is reproducible and moves with the seed", async () => {
    for (let i = 0; i < 30; i++) await scoring(90, {code: `P${String(i).padStart(2, "0")}`, budget: 10 + i, executed: 10 + i});
    await build(db);
    const draw = async () => (await db.all("SELECT project_code FROM marts.spot_check WHERE selected ORDER BY project_code")).map((r) => r.project_code);
    const first = await draw();
    expect(first).toHaveLength(3);
    await build(db);
    expect(await draw()).toEqual(first);
    const seeds = [];
    for (const seed of [1, 2, 3, 4]) {
      await build(db, resolvePolicy({spotCheck: {seed}}));
      seeds.push((await draw()).join());
    }
    expect(new Set([first.join(), ...seeds]).size).toBeGreaterThan(1);
  });
});

describe("assertions", () => {
  test("pass on a clean build and catch a tampered row", async () => {
    await scoring(90);
    const summary = await build(db);
    expect(summary.assertions.map((a) => a.name)).toEqual([...ASSERTIONS]);
    await db.run("UPDATE marts.indicator_scores SET score = score + 5");
    expect(await db.all(readModel("assertions/indicator_score_within_weight", mof))).toHaveLength(1);
    expect(await db.all(readModel("assertions/total_equals_parts", mof))).toHaveLength(1);
    await db.run("INSERT INTO marts.project_scores SELECT * FROM marts.project_scores");
    expect(await db.all(readModel("assertions/project_scores_unique", mof))).toHaveLength(1);
    await db.run("UPDATE marts.project_scores SET final_grade_rank = 3, cap_reasons = NULL");
    expect((await db.all(readModel("assertions/capped_grade_has_reason", mof))).length).toBeGreaterThan(0);
  });
});

describe("which raw rows count", () => {
  test("of a key's rows the latest import's wins, then its first source row (indicators and checkpoints)", async () => {
    await scoring(90);
    // goal indicator: an older import with another target, and the newer import twice (rows 9 and 7)
    const goal = {year: 2023, project_code: "P1", level1: "产出指标", level2: "数量指标", indicator: "完成数", direction: "ge", unit: "个", weight: 90};
    await insert(db, "goal_indicators", [
      {...goal, target_value: 45, import_id: 0, source_row: 3},
      {...goal, target_value: 180, import_id: 2, source_row: 9},
      {...goal, target_value: 100, import_id: 2, source_row: 7},
      {...goal, target_value: 360, import_id: 2, source_row: null}
    ]);
    // monitoring: the same indicator at one checkpoint in two imports, and twice in the newer one
    const checkpoint = {year: 2023, period: "1-6月", month: 6, project_code: "P1", budget_wan: 100, executed_wan: 50, indicator: "完成数", direction: "ge", target_value: 90};
    await insert(db, "monitoring", [
      {...checkpoint, progress_value: 90, import_id: 1, source_row: 2},
      {...checkpoint, progress_value: 10, import_id: 3, source_row: 5},
      {...checkpoint, progress_value: 40, import_id: 3, source_row: 4}
    ]);
    await build(db);
    expect(await db.all("SELECT target_value, score FROM marts.indicator_scores")).toEqual([{target_value: 100, score: 81}]);
    expect(await db.all("SELECT progress_value, source_row FROM marts.monitoring_indicators")).toEqual([{progress_value: 40, source_row: 4}]);
    expect(await db.all("SELECT executed_wan, indicator_count, source_row FROM marts.monitoring")).toEqual([{executed_wan: 50, indicator_count: 1, source_row: 4}]);
  });

  test("a replaced import no longer counts", async () => {
    await scoring(90);
    await insert(db, "imports", [{import_id: 1, file_path: "old", file_name: "old", file_hash: "x", file_bytes: 0, imported_at: "2024-01-01 00:00:00",
      rows_loaded: 1, rows_rejected: 0, warnings: 0, active: false}]);
    await build(db);
    expect(await db.value("SELECT count(*) FROM marts.project_scores")).toBe(0);
  });
});

describe("money totals", () => {
  // 0.001 + 1.004 is 1.0049999999999999 in binary: rounding that DOUBLE sum gives 1.00, and another order of
  // addition could give a different last digit. Totals are summed as the DECIMAL amounts were loaded.
  test("the 人大 report and the coverage mart sum 万元 exactly and round half away from zero", async () => {
    expect(await db.value("SELECT round(0.001::DOUBLE + 1.004::DOUBLE, 2)")).toBe(1);
    await addProject(db, {code: "P1", budget: 0.001, executed: 0.001});
    await addProject(db, {code: "P2", budget: 1.004, executed: 1.004});
    await build(db);
    const figures = await congressFigures(db, {year: 2023, evalYear: 2023});
    expect(figures.get("budget_types")!.rows).toMatchObject([{budget_type: "一般公共预算", projects: 2, funds_wan: 1.01}]);
    expect(await db.value("SELECT sum(budget_wan) FROM marts.coverage WHERE year = 2023")).toBe(1.005);
  });
});
