import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Database} from "../../src/db/database.ts";
import {explainProject} from "../../src/explain/explainProject.ts";
import {build, examplesDb} from "./helpers.ts";

let db: Database;
beforeAll(async () => {
  db = await examplesDb();
  await build(db);
});
afterAll(() => db.close());

describe("explainProject", () => {
  test("tells the whole trail of 2023-002-01 in Chinese", async () => {
    const text = await explainProject(db, "2023-002-01", 2023);
    for (const piece of [
      "项目 2023-002-01 农村公路建设项目",
      "总分 78.94，等级 中，最终等级 中，下年度扣减 10%（20 万元）",
      "反向指标：实际值 40 ≥ 2 × 目标值 20，得 0 分",
      "定性指标「部分达成年度指标并具有一定效果」",
      "正向指标：得分 = 实际值 85 ÷ 目标值 90 × 分值 10 = 9.44",
      "预算执行率 = 全年执行数 130 ÷ 全年预算数 200 = 65%",
      "总分 = 预算执行得分 6.5 + 绩效指标得分合计 72.44（8 个指标）= 78.94",
      "自评总分 92 − 重算总分 78.94 = 13.06，差额超过 5 分 → 自评虚高",
      "红色预警",
      "下年度预算扣减 = 本年预算 200 × 10% = 20 万元",
      "v = 36，红灯",
      "= 72 → 黄灯",
      "[PMKPI.indicator.reverse；selfeval_forms.xlsx · 2023-002-01 · 第 16 行]"
    ]) expect(text).toContain(piece);
  });

  test("names caps, the final grade, low-efficiency reasons and sources", async () => {
    const veto = await explainProject(db, "2023-003-02");
    expect(veto).toContain("一票否决");
    expect(veto).toContain("最终等级 差");
    expect(veto).toContain("S4.cap.veto；findings.csv · 第 3 行");
    expect(veto).toContain("收回");
    const low = await explainProject(db, "2023-004-01");
    expect(low).toContain("年末预算执行率 40% < 50%");
    expect(low).toContain("S1.low.grade");
  });

  test("an unknown project is a clear error", async () => {
    await expect(explainProject(db, "nope")).rejects.toThrow(/no scored project nope/);
  });
});
