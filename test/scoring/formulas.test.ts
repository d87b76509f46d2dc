import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Database} from "../../src/db/database.ts";
import {macroDb} from "./helpers.ts";

// The production macros, called directly: the formula under test IS the formula that scores.
let db: Database;
beforeAll(async () => {
  db = await macroDb();
});
afterAll(() => db.close());

const scalar = (sql: string) => db.value(`SELECT ${sql}`);

describe("indicator_score [PMKPI]", () => {
  test.each([
    // positive
    ["ge", 500, 520, 20, 20],
    ["ge", 80, 72, 20, 18],
    ["ge", 90, 85, 10, 9.44],
    ["gt", 10, 10, 5, 5],
    ["ge", 100, 0, 10, 0],
    ["ge", 0, 5, 10, 10],
    ["ge", 0, -1, 10, 0],
    ["ge", 1000, 1800, 30, 30],
    // equal
    ["eq", 0, 0, 10, 10],
    ["eq", 0, 1, 10, 0],
    ["eq", 0, -2, 10, 10],
    ["eq", 100, 100, 15, 15],
    ["eq", 100, 95, 20, 19],
    ["eq", 100, 120, 20, 20],
    // reverse: at t, between t and 2t, exactly 2t, beyond
    ["le", 2000, 2000, 5, 5],
    ["le", 2000, 1500, 5, 5],
    ["le", 2000, 2300, 5, 4.25],
    ["le", 20, 30, 10, 5],
    ["lt", 4, 3.8, 5, 5],
    ["le", 20, 40, 5, 0],
    ["le", 20, 55, 5, 0],
    ["le", 0, 0, 5, 5],
    ["le", 0, 1, 5, 0]
  ] as const)("%s t=%d a=%d w=%d → %d", async (direction, target, actual, weight, expected) => {
    expect(await scalar(`indicator_score('${direction}', ${target}, ${actual}, ${weight})`)).toBeCloseTo(expected, 6);
  });

  test("rounds half away from zero on the decimal value", async () => {
    // 1/3 × 10 = 3.333… → 3.33; 2/3 × 10 → 6.67; 0.6 × 4.175 … stays exact through DECIMAL
    expect(await scalar("indicator_score('ge', 3, 1, 10)")).toBe(3.33);
    expect(await scalar("indicator_score('ge', 3, 2, 10)")).toBe(6.67);
    expect(await scalar("round2(1.005)")).toBe(1.01);
  });

  test.each([
    ["ge", 500, 520, "full"], ["ge", 80, 72, "ratio"], ["ge", 0, -1, "zero"], ["eq", 0, 0, "full"], ["eq", 0, 1, "zero"],
    ["le", 2000, 2000, "full"], ["le", 2000, 2300, "reverse_ratio"], ["le", 20, 40, "zero"], ["ge", 10, null, null]
  ] as const)("case %s t=%d a=%s → %s", async (direction, target, actual, expected) => {
    expect(await db.value("SELECT indicator_case($d, $t, $a)", {d: direction, t: target, a: actual})).toBe(expected);
  });

  test("names its rule and fills the numbers into the formula", async () => {
    const formula = (d: string, t: number, a: number, w: number) =>
      scalar(`indicator_formula('${d}', indicator_case('${d}', ${t}, ${a}), ${t}, ${a}, ${w}, indicator_score('${d}', ${t}, ${a}, ${w}))`);
    expect(await formula("le", 2000, 2300, 5)).toBe("反向指标：目标值 2000 < 实际值 2300 < 2 × 目标值，得分 = (1 − (2300 − 2000) ÷ 2000) × 分值 5 = 4.25");
    expect(await formula("ge", 80, 72, 20)).toBe("正向指标：得分 = 实际值 72 ÷ 目标值 80 × 分值 20 = 18");
    expect(await formula("le", 20, 40, 5)).toBe("反向指标：实际值 40 ≥ 2 × 目标值 20，得 0 分");
    expect(await formula("eq", 0, 0, 10)).toBe("等于型指标（目标值 0）：实际值 0 ≤ 0，得满分 10");
    expect(await scalar("indicator_rule('eq', 0)")).toBe("PMKPI.indicator.equal_zero");
    expect(await scalar("indicator_rule('lt', 5)")).toBe("PMKPI.indicator.reverse");
    expect(await scalar("indicator_rule('gt', 5)")).toBe("PMKPI.indicator.positive");
  });
});

describe("qualitative tiers [PMKPI][MOF10]", () => {
  test.each([
    ["达成年度指标", "achieved"],
    ["部分达成年度指标并具有一定效果", "partial"],
    ["未达成年度指标且效果较差", "failed"],
    ["基本达成", "partial"],
    ["未完成", "failed"],
    ["其他", null],
    ["", null]
  ] as const)("%s → %s", async (text, tier) => {
    expect(await db.value("SELECT qualitative_tier($t)", {t: text})).toBe(tier);
  });

  test.each([
    // tier, reported, weight → score, in band
    ["achieved", 5, 5, 5, true],
    ["achieved", 4, 5, 4, true],
    ["achieved", 3.9, 5, 4, false],
    ["partial", 14, 20, 14, true],
    ["partial", 12, 20, 12, true],
    ["partial", 16, 20, 12, false],
    ["partial", 17, 20, 12, false],
    ["failed", 10, 20, 10, true],
    ["failed", 0, 20, 0, true],
    ["failed", 12, 20, 0, false],
    ["partial", null, 20, 12, null]
  ] as const)("%s reported %s of %d → %d", async (tier, reported, weight, score, inBand) => {
    const [row] = await db.all("SELECT qualitative_score($t, $r, $w) AS score, qualitative_in_band($t, $r, $w) AS in_band", {t: tier, r: reported, w: weight});
    expect(row!.score).toBeCloseTo(score, 6);
    expect(row!.in_band).toBe(inBand);
  });

  test("the formula text names the tier, its band and the choice", async () => {
    expect(await scalar("qualitative_formula('partial', 14, 20, 14)"))
      .toBe("定性指标「部分达成年度指标并具有一定效果」：档位 [60%, 80%) × 分值 20 = [12, 16)，自评 14 在档内，采用 14");
    expect(await scalar("qualitative_formula('achieved', NULL, 5, 4)")).toContain("未填自评得分，取档位下限 4");
  });
});

describe("budget execution [PMKPI]", () => {
  test.each([
    [200, 130, 0.65, 6.5],
    [50, 48, 0.96, 9.6],
    [100, 120, 1.2, 10],
    [30, 12, 0.4, 4],
    [0, 0, 0, 0],
    [0, 5, 0, 0],
    [null, 5, 0, 0]
  ] as const)("budget %s executed %s → rate %d score %d", async (budget, executed, rate, score) => {
    const [row] = await db.all(`SELECT execution_rate(${budget}, ${executed}) AS rate, execution_score(${budget}, ${executed}) AS score`);
    expect(row!.rate).toBeCloseTo(rate, 9);
    expect(row!.score).toBeCloseTo(score, 9);
  });
});

describe("grades [MOF10]", () => {
  test.each([
    [100, "优"], [90, "优"], [89.99, "良"], [80, "良"], [79.99, "中"], [60, "中"], [59.99, "差"], [0, "差"]
  ] as const)("%d → %s", async (score, grade) => {
    expect(await scalar(`grade_of(${score})`)).toBe(grade);
  });

  test("cut rate follows the final grade, at least the minimum below 80", async () => {
    expect(await scalar("cut_rate(1, 95)")).toBe(0);
    expect(await scalar("cut_rate(3, 99.6)")).toBe(0.1);
    expect(await scalar("cut_rate(4, 100)")).toBe(0.3);
    expect(await scalar("cut_rate(3, 70)")).toBe(0.1);
  });
});

describe("monitoring lights [PMKPI]", () => {
  test.each([
    [200, 30, 5, 36, "red"],
    [200, 90, 8, 67.5, "yellow"],
    [30, 6, 5, 48, "red"],
    [100, 50, 5, 120, "green"],
    // exact band edges: 60 is yellow, 80 is green
    [100, 25, 5, 60, "yellow"],
    [120, 40, 5, 80, "green"]
  ] as const)("budget %d spent %d at month %d → v %d %s", async (budget, spent, month, v, light) => {
    const [row] = await db.all(`SELECT execution_progress(${budget}, ${spent}, ${month}) AS v, execution_light(execution_progress(${budget}, ${spent}, ${month})) AS light`);
    expect(row).toEqual({v, light});
  });

  test.each([
    ["ge", 10, 3, null, 5, "yellow"],
    ["ge", 10, 6, null, 8, "green"],
    ["ge", 12, 2, null, 5, "red"],
    ["ge", 12, 6, null, 5, "blue"],
    ["le", 20, 18, null, 5, "green"],
    ["le", 20, 25, null, 5, "red"],
    ["qual", null, null, "达成年度指标", 5, "green"],
    ["qual", null, null, "部分达成年度指标并具有一定效果", 5, "yellow"],
    ["qual", null, null, "未达成年度指标且效果较差", 5, "red"]
  ] as const)("%s target %s progress %s %s at %d → %s", async (direction, target, progress, text, month, light) => {
    expect(await db.value("SELECT indicator_light($d, $t, $p, $x, $m)", {d: direction, t: target, p: progress, x: text, m: month})).toBe(light);
  });

  test("indicator progress index v = progress / (target / 12 × m) × 100", async () => {
    expect(await scalar("indicator_progress(10, 3, 5)")).toBe(72);
    expect(await scalar("indicator_progress(800, 300, 5)")).toBe(90);
    expect(await scalar("time_progress(6)")).toBe(0.5);
  });
});
