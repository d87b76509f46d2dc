// Seed 002 (库尔勒市 2020 年度预算绩效管理情况报告): exports whose records add up to the seed's figures,
// ingested and scored, must give a report that states exactly those figures.
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Database} from "../../src/db/database.ts";
import {buildCongressReport, type CongressReport} from "../../src/report/congress.ts";
import {congressTemplate, parseProse} from "../../src/report/prose.ts";
import {generateSeed002, SEED002} from "../fixtures/seed002/generate.ts";
import {htmlText, scoredDatabase, squash, tempDir} from "./support.ts";

let db: Database;
let report: CongressReport;
let text: string;

beforeAll(async () => {
  const dir = tempDir("jixiao-seed002-");
  await generateSeed002(dir);
  db = await scoredDatabase([dir]);
  // --year 2020: goals and monitoring of 2020, self-evaluation of 2019 (the default --eval-year)
  report = await buildCongressReport(db, {year: 2020, prose: parseProse(congressTemplate(), "template")});
  text = squash(htmlText(report.html));
}, 600_000);

afterAll(() => db?.close());

describe("seed 002 fixture", () => {
  test("the exports hold the seed's records", async () => {
    expect(await db.value("SELECT count(*) FROM projects WHERE year = 2020")).toBe(SEED002.projects);
    expect(await db.value("SELECT count(DISTINCT unit_code) FROM projects WHERE year = 2020")).toBe(SEED002.units);
    expect(await db.value("SELECT CAST(sum(budget_wan) AS VARCHAR) FROM projects WHERE year = 2020")).toBe("645215.010000");
    expect(await db.value("SELECT CAST(sum(overall_budget_wan) AS VARCHAR) FROM dept_overall WHERE year = 2020")).toBe("769453.000000");
    expect(await db.value("SELECT count(*) FROM projects WHERE year = 2019")).toBe(SEED002.selfevalProjects);
    expect(await db.value("SELECT string_agg(DISTINCT period, '、' ORDER BY period) FROM monitoring WHERE year = 2020")).toBe("1-5月、1-9月");
  });
});

describe("seed 002 report", () => {
  test("编制绩效目标: 178 units, 776 projects, 645,215.01万元 by fund kind", () => {
    expect(text).toContain("2020年，178个预算单位编制了776个项目的绩效目标，涉及金额645,215.01万元，项目绩效目标覆盖率100%");
    expect(text).toContain("其中：专项转移支付300,202.87万元，部门预算项目176,145.19万元，直达资金164,544.54万元，扶贫资金4,322.41万元。");
  });

  test("整体绩效目标: 178 units, 769,453万元, 100%", () => {
    expect(text).toContain("2020年，178个预算单位编制了整体绩效目标，涉及金额769,453.00万元，覆盖率100%");
  });

  test("绩效监控: two rounds (1-5月, 1-9月), coverage 100%", () => {
    expect(text).toContain("共开展项目支出绩效监控2次（1-5月、1-9月），监控项目776个，项目支出绩效监控覆盖率100%");
  });

  test("单位自评: 926 projects of 2019, 446,953.75万元, 100%", () => {
    expect(text).toContain("开展了2019年度项目支出绩效自评工作");
    expect(text).toContain("涉及926个项目446,953.75万元，覆盖率100%");
  });

  test("the figures behind the sentences are the queried ones", () => {
    const figure = (query: string, column: string) => report.queries.get(query)!.rows[0]![column];
    expect(figure("goals", "units")).toBe(178);
    expect(figure("goals", "projects")).toBe(776);
    expect(figure("goals", "funds_wan")).toBe(645215.01);
    expect(report.queries.get("fund_kinds")!.rows.map((r) => [r.fund_kind, r.projects, r.funds_wan])).toEqual(
      SEED002.fundKinds.map((k) => [k.kind, k.projects, k.cents / 100])
    );
    expect(figure("overall_goals", "funds_wan")).toBe(769453);
    expect(figure("overall_goals", "coverage")).toBe(1);
    expect(figure("monitoring", "rounds")).toBe(2);
    expect(figure("monitoring", "coverage")).toBe(1);
    expect(figure("selfeval", "projects")).toBe(926);
    expect(figure("selfeval", "funds_wan")).toBe(446953.75);
    expect(figure("selfeval", "coverage")).toBe(1);
  });
});
