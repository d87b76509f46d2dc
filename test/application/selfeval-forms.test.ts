// Publication of 项目支出绩效自评表: the written forms read back through the loader reproduce the
// self-evaluation rows, and the public version leaves out 涉密 projects entirely.
import {copyFileSync, readdirSync} from "node:fs";
import {basename, join} from "node:path";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {ingestPaths} from "../../loaders/ingest.ts";
import {actualText, publishSelfEval, targetText} from "../../src/application/selfevalForms.ts";
import {Database} from "../../src/db/database.ts";
import {EXAMPLES, scoredDatabase, tempDir} from "../report/support.ts";

const CLASSIFIED = {code: "2023-001-01", name: "职业技能培训项目"};

let db: Database;
let exportsDir: string;

beforeAll(async () => {
  // The example exports, with one project marked 涉密.
  exportsDir = tempDir("jixiao-exports-");
  for (const file of readdirSync(EXAMPLES)) copyFileSync(join(EXAMPLES, file), join(exportsDir, file));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(EXAMPLES, "projects.xlsx"));
  const ws = workbook.worksheets[0]!;
  const headerRow = ws.getRow(3);
  let codeCol = 0;
  let secretCol = 0;
  headerRow.eachCell((cell, col) => {
    if (cell.value === "项目编码") codeCol = col;
    if (cell.value === "涉密") secretCol = col;
  });
  ws.eachRow((row) => {
    if (row.getCell(codeCol).value === CLASSIFIED.code) row.getCell(secretCol).value = "是";
  });
  await workbook.xlsx.writeFile(join(exportsDir, "projects.xlsx"));
  db = await scoredDatabase([exportsDir]);
  expect(await db.value("SELECT count(*) FROM projects WHERE classified")).toBe(1);
}, 180_000);

afterAll(() => db?.close());

const INDICATOR_COLUMNS = "year, project_code, level1, level2, indicator, direction, target_value, target_text, unit, weight, actual_value, actual_text, score, deviation_note";

async function allCellText(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const out = [basename(file)];
  for (const ws of workbook.worksheets) {
    out.push(ws.name);
    ws.eachRow((row) => row.eachCell((cell) => out.push(JSON.stringify(cell.value))));
  }
  return out;
}

describe("publish selfeval", () => {
  test("writes one workbook per department in the standard form layout", async () => {
    const out = tempDir("jixiao-publish-");
    const result = await publishSelfEval(db, {year: 2023, out, public: false});
    expect(result.projects).toBe(7);
    expect(result.files.map((f) => basename(f)).sort()).toEqual([
      "2023年度项目支出绩效自评表_示例县交通运输局.xlsx", "2023年度项目支出绩效自评表_示例县农业农村局.xlsx",
      "2023年度项目支出绩效自评表_示例县教育局.xlsx", "2023年度项目支出绩效自评表_示例县民政局.xlsx"
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(result.files.find((f) => f.includes("交通运输局"))!);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["2023-002-01", "2023-002-02"]);
    const ws = workbook.getWorksheet("2023-002-01")!;
    const cells = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    expect(cells(1)[0]).toBe("项目支出绩效自评表");
    expect(cells(2)[0]).toBe("（2023年度）");
    expect(cells(3).slice(0, 2)).toEqual(["项目名称", "农村公路建设项目"]);
    expect(cells(4)).toEqual(expect.arrayContaining(["主管部门", "示例县交通运输局", "实施单位", "示例县公路养护中心"]));
    expect(cells(5)).toEqual(expect.arrayContaining(["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]));
    expect(cells(6).slice(1, 8)).toEqual(["年度资金总额", 180, 200, 130, 10, 0.65, 6.5]);
    expect(cells(12)).toEqual(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]);
    expect(cells(13).slice(1, 8)).toEqual(["产出指标", "数量指标", "新建农村公路里程", "≥10公里", "8公里", 20, 16]);
    expect(cells(21)[0]).toBe("总分");
    expect(cells(21).slice(6, 8)).toEqual([100, 92]);
    expect(ws.model.merges).toEqual(expect.arrayContaining(["A1:I1", "A2:I2", "B3:I3", "A5:A9", "A10:A11", "A12:A20"]));
  });

  test("the written forms read back through the loader reproduce the self-evaluation rows", async () => {
    const out = tempDir("jixiao-publish-");
    await publishSelfEval(db, {year: 2023, out, public: false});
    const fresh = await Database.open(":memory:");
    try {
      const reports = await ingestPaths(fresh, [out]);
      expect(reports.every((r) => r.status === "loaded" && r.rowsRejected === 0 && r.warnings === 0)).toBe(true);
      const original = await db.all(
        `SELECT ${INDICATOR_COLUMNS.replace("score", "reported_score AS score")} FROM intermediate.int_indicators WHERE year = 2023 AND in_selfeval ORDER BY project_code, indicator`
      );
      const readBack = await fresh.all(`SELECT ${INDICATOR_COLUMNS} FROM selfeval_indicators ORDER BY project_code, indicator`);
      expect(original).toHaveLength(39);
      expect(readBack).toEqual(original);
      const totals = "project_code, project_name, CAST(budget_wan AS DOUBLE) AS budget, CAST(executed_wan AS DOUBLE) AS executed, reported_score";
      expect(await fresh.all(`SELECT ${totals} FROM selfeval_totals ORDER BY project_code`)).toEqual(
        await db.all(`SELECT project_code, project_name, budget_wan AS budget, executed_wan AS executed,
                       coalesce(reported_score, total_score) AS reported_score FROM marts.project_scores WHERE year = 2023 ORDER BY project_code`)
      );
    } finally {
      fresh.close();
    }
  });

  test("--public leaves out classified projects: no name or code of one in any file", async () => {
    const out = tempDir("jixiao-public-");
    const result = await publishSelfEval(db, {year: 2023, out, public: true});
    expect(result.projects).toBe(6);
    expect(result.withheld).toBe(1);
    // 教育局 had only the classified project: no file for it at all
    expect(result.files.some((f) => f.includes("教育局"))).toBe(false);
    for (const file of result.files) {
      const text = (await allCellText(file)).join("\n");
      expect(text).not.toContain(CLASSIFIED.code);
      expect(text).not.toContain(CLASSIFIED.name);
    }
    const fresh = await Database.open(":memory:");
    try {
      await ingestPaths(fresh, [out]);
      expect(await fresh.value("SELECT count(DISTINCT project_code) FROM selfeval_totals")).toBe(6);
      expect(await fresh.value("SELECT count(*) FROM selfeval_indicators WHERE project_code = $c", {c: CLASSIFIED.code})).toBe(0);
    } finally {
      fresh.close();
    }
  });
});

describe("form cells", () => {
  test.each([
    [{direction: "ge", target_value: 500, unit: "人次"}, "≥500人次"],
    [{direction: "eq", target_value: 0, unit: "起"}, "=0起"],
    [{direction: "le", target_value: 2000, unit: "元"}, "≤2000元"],
    [{direction: "ge", target_value: 95, unit: "%"}, "≥95%"],
    [{direction: "lt", target_value: 0.5, unit: null}, "<0.5"],
    [{direction: "qual", target_value: null, target_text: "达成年度指标", unit: null}, "达成年度指标"]
  ])("年度指标值 %j → %s", (row, text) => {
    expect(targetText(row)).toBe(text);
  });
  test.each([
    [{actual_raw: "520人次", actual_value: 520}, "520人次"],
    [{actual_raw: null, actual_text: "部分达成年度指标并具有一定效果"}, "部分达成年度指标并具有一定效果"],
    [{actual_raw: null, actual_text: null, actual_value: 12, unit: "次"}, "12次"],
    [{actual_raw: null, actual_text: null, actual_value: null}, null]
  ])("实际完成值 %j → %s", (row, text) => {
    expect(actualText(row)).toBe(text);
  });
});
