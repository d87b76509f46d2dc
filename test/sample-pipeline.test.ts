// The generated county, end to end: every file loads, every mart is populated for every year, the
// assertions hold, and `explain` reads well for a capped, a vetoed and a cut project.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Database} from "../src/db/database.ts";
import {explainProject} from "../src/explain/explainProject.ts";
import {createSampleDb, SAMPLE_YEARS} from "./support/sample-db.ts";

describe("the generated sample through ingest and scoring", () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(await createSampleDb(), {readOnly: true});
  }, 300_000);
  afterAll(() => db?.close());

  it("loads every generated file without errors", async () => {
    expect(await db.value("SELECT count(*) FROM rejects WHERE severity = 'error'")).toBe(0);
    expect(await db.value("SELECT count(DISTINCT year) FROM projects")).toBe(SAMPLE_YEARS.length);
  });

  it("populates every mart for every year", async () => {
    const marts = await db.all<{table_name: string}>(
      `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'marts' AND column_name = 'year'`
    );
    expect(marts.length).toBeGreaterThanOrEqual(10);
    for (const {table_name} of marts) {
      const years = await db.all<{year: number}>(`SELECT DISTINCT year FROM marts."${table_name}" ORDER BY year`);
      expect(years.map((y) => y.year), table_name).toEqual(SAMPLE_YEARS);
    }
    expect(await db.value("SELECT sum(failing_rows) FROM marts.assertion_results")).toBe(0);
  });

  it("explains a capped, a vetoed and a cut project", async () => {
    const pick = async (where: string) =>
      (await db.all<{project_code: string; year: number}>(`SELECT project_code, year FROM marts.project_scores WHERE ${where} ORDER BY year, project_code LIMIT 1`))[0]!;
    const vetoed = await pick("list_contains(cap_rule_ids, 'S4.cap.veto')");
    const capped = await pick("list_contains(cap_rule_ids, 'S4.cap.audit')");
    const cut = await pick("deduction_wan > 0 AND NOT capped");
    const vetoText = await explainProject(db, vetoed.project_code, vetoed.year);
    expect(vetoText).toMatch(/一票否决/);
    expect(vetoText).toMatch(/最终等级 差/);
    const capText = await explainProject(db, capped.project_code, capped.year);
    expect(capText).toMatch(/审计/);
    expect(capText).toMatch(/至多评为中/);
    const cutText = await explainProject(db, cut.project_code, cut.year);
    expect(cutText).toMatch(/扣减比例 \d+%/);
    expect(cutText).toMatch(/万元/);
  });
});
