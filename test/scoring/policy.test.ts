import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {inlinePolicy, loadPolicy, mof, Policy, policySql, resolvePolicy, sqlLiteral, storedPolicy, xinjiang} from "../../src/policy/index.ts";
import {build, examplesDb, macroDb} from "./helpers.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jixiao-policy-"));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("presets", () => {
  test("mof holds the RULES.md defaults", () => {
    expect(mof.execution).toEqual({weight: 10, includeCarryover: true});
    expect([mof.levels.output.weight, mof.levels.benefit.weight, mof.levels.satisfaction.weight]).toEqual([50, 30, 10]);
    expect(mof.grades.bands).toEqual({excellent: 90, good: 80, fair: 60});
    expect(Object.values(mof.grades.labels)).toEqual(["优", "良", "中", "差"]);
    expect(mof.indicators.overAchievement).toEqual({ratio: 1.5, deductionShare: 0});
    expect(mof.application.cutRates).toEqual({excellent: 0, good: 0, fair: 0.1, poor: 0.3});
    expect(mof.selfScore.gapThreshold).toBe(5);
    expect(mof.exante.majorInvestmentWan).toBe(200);
  });

  test("xinjiang uses the region's labels", () => {
    expect(Object.values(xinjiang.grades.labels)).toEqual(["优秀", "良好", "一般", "较差"]);
    expect(xinjiang.grades.bands).toEqual(mof.grades.bands);
  });

  test("loadPolicy by preset name", () => {
    expect(loadPolicy()).toBe(mof);
    expect(loadPolicy("xinjiang")).toBe(xinjiang);
  });
});

describe("override files", () => {
  test("deep-merges a partial override over the named preset", () => {
    const policy = loadPolicy(file("county.json", {extends: "xinjiang", grades: {bands: {good: 75}}, application: {cutRates: {fair: 0.15}}}));
    expect(policy.grades.bands).toEqual({excellent: 90, good: 75, fair: 60});
    expect(policy.grades.labels.excellent).toBe("优秀");
    expect(policy.application.cutRates).toEqual({excellent: 0, good: 0, fair: 0.15, poor: 0.3});
    expect(policy.name).toBe("xinjiang+county.json");
  });

  test("defaults to mof when extends is absent; arrays replace", () => {
    const policy = loadPolicy(file("types.json", {coverage: {keyEvaluationBudgetTypes: ["一般公共预算"]}}));
    expect(policy.coverage.keyEvaluationBudgetTypes).toEqual(["一般公共预算"]);
    expect(policy.grades.labels.excellent).toBe("优");
  });

  test.each([
    [{grades: {bands: {excellent: "ninety"}}}, "grades.bands.excellent"],
    [{application: {cutRates: {poor: 1.5}}}, "application.cutRates.poor"],
    [{grades: {bandz: {}}}, "bandz"],
    [{grades: {bands: {good: 95}}}, "grades.bands"],
    [{monitoring: {failureBasis: "vibes"}}, "monitoring.failureBasis"]
  ])("a bad file names the bad field (%j)", (content, field) => {
    const path = file("bad.json", content);
    expect(() => loadPolicy(path)).toThrow(field);
    expect(() => loadPolicy(path)).toThrow(path);
  });

  test("unknown preset, unreadable file and broken JSON are clear errors", () => {
    expect(() => loadPolicy(file("x.json", {extends: "atlantis"}))).toThrow(/unknown preset.*atlantis/);
    expect(() => loadPolicy(join(dir, "missing.json"))).toThrow(/neither a preset/);
    expect(() => loadPolicy(file("broken.json", "{not json"))).toThrow(/not JSON/);
  });

  test("resolvePolicy takes an in-memory override", () => {
    expect(resolvePolicy({selfScore: {gapThreshold: 3}}).selfScore.gapThreshold).toBe(3);
  });

  test("a policy stored by an earlier build keeps its values and takes fields added since from its base preset", () => {
    const older = (policy: Policy) => {
      const {goalCompletion: _, rateUnits: __, ...rectification} = policy.monitoring.rectification;
      return JSON.stringify({...policy, monitoring: {...policy.monitoring, rectification: {...rectification, gapPoints: 15}}});
    };
    const custom = resolvePolicy({extends: "xinjiang", grades: {bands: {good: 75}}}, "ourcounty.json");
    expect(() => Policy.parse(JSON.parse(older(custom)))).toThrow(/goalCompletion/);
    const read = storedPolicy(older(custom));
    expect(read.name).toBe("xinjiang+ourcounty.json");
    expect(read.grades).toEqual(custom.grades);
    expect(read.monitoring.rectification).toEqual({...xinjiang.monitoring.rectification, gapPoints: 15});
    expect(storedPolicy(JSON.stringify(custom))).toEqual(custom);
    expect(() => storedPolicy("[]")).toThrow(/expected a JSON object/);
  });
});

describe("policy reaches SQL as one validated macro", () => {
  test("strings are escaped, numbers typed", () => {
    expect(sqlLiteral("a'b")).toBe("'a''b'");
    expect(sqlLiteral(1.5)).toBe("CAST(1.5 AS DOUBLE)");
    expect(sqlLiteral({max_grade: "fair"})).toBe("{'max_grade': 'fair'}");
    expect(sqlLiteral([])).toBe("CAST([] AS VARCHAR[])");
    expect(() => sqlLiteral(Number.NaN)).toThrow(/invalid number/);
  });

  test("policy().path references are inlined by snake_case path; a typo is an error naming it", () => {
    expect(inlinePolicy("SELECT policy().caps.audit.max_grade, policy().grades.bands.good", mof)).toBe("SELECT 'fair', CAST(80 AS DOUBLE)");
    expect(() => inlinePolicy("SELECT policy().grades.bands.great", mof)).toThrow("policy().grades.bands.great");
  });

  test("policySql rejects an invalid policy", () => {
    const broken = {...mof, grades: {...mof.grades, bands: {...mof.grades.bands, fair: -1}}} as Policy;
    expect(() => policySql(broken)).toThrow();
  });

  test("a quote in a label survives into SQL", async () => {
    const policy = resolvePolicy({grades: {labels: {excellent: "优'秀"}}});
    const db = await macroDb(policy);
    try {
      expect(await db.value("SELECT grade_of(95)")).toBe("优'秀");
    } finally {
      db.close();
    }
  });
});

describe("policy overrides change results", () => {
  test("moving the 良 band to 75 turns 78.94 into 良 and drops the cut to the score rule", async () => {
    const db = await examplesDb();
    try {
      await build(db, resolvePolicy({grades: {bands: {good: 75}}, application: {scoreBelow: {enabled: false}}}));
      const [row] = await db.all("SELECT grade, final_grade, deduction_rate FROM marts.project_scores WHERE project_code = '2023-002-01'");
      expect(row).toEqual({grade: "良", final_grade: "良", deduction_rate: 0});
    } finally {
      db.close();
    }
  });

  test("a cut rate of 20% for 中 doubles the cut", async () => {
    const db = await examplesDb();
    try {
      await build(db, resolvePolicy({application: {cutRates: {fair: 0.2}}}));
      const [row] = await db.all("SELECT deduction_rate, deduction_wan FROM marts.project_scores WHERE project_code = '2023-002-01'");
      expect(row).toEqual({deduction_rate: 0.2, deduction_wan: 40});
    } finally {
      db.close();
    }
  });

  test("xinjiang labels flow into every mart", async () => {
    const db = await examplesDb();
    try {
      await build(db, xinjiang);
      const rows = await db.all("SELECT project_code, grade, final_grade FROM marts.project_scores ORDER BY project_code");
      expect(rows.map((r) => r.final_grade)).toEqual(["优秀", "一般", "一般", "优秀", "较差", "较差", "优秀"]);
      expect(await db.value("SELECT policy_name FROM marts.build_info")).toBe("xinjiang");
    } finally {
      db.close();
    }
  });

  test("turning a cap off keeps the grade", async () => {
    const db = await examplesDb();
    try {
      await build(db, resolvePolicy({caps: {audit: {enabled: false}}}));
      expect(await db.value("SELECT final_grade FROM marts.project_scores WHERE project_code = '2023-002-02'")).toBe("优");
    } finally {
      db.close();
    }
  });

  test("an over-achievement deduction share deducts from flagged indicators", async () => {
    const db = await examplesDb();
    try {
      await build(db, resolvePolicy({indicators: {overAchievement: {deductionShare: 0.1}}}));
      const [row] = await db.all("SELECT score, over_achievement_deduction FROM marts.indicator_scores WHERE indicator = '补贴发放户数'");
      expect(row).toEqual({score: 27, over_achievement_deduction: 3});
      expect(await db.value("SELECT total_score FROM marts.project_scores WHERE project_code = '2023-003-01'")).toBe(97);
    } finally {
      db.close();
    }
  });
});
