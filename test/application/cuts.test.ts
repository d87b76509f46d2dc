// The cut list (扣减清单): formatted for review, safe against formula injection, and re-imported as decisions.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {ingestPaths} from "../../loaders/ingest.ts";
import {CUT_LIST_COLUMNS, cutListRows, writeCutList, writeCutListWorkbook} from "../../src/application/cutList.ts";
import type {Database, Row} from "../../src/db/database.ts";
import {installCutReview} from "../../src/report/figures.ts";
import {EXAMPLES, scoredDatabase, tempDir} from "../report/support.ts";

let db: Database;
let dir: string;
let file: string;
let sheet: ExcelJS.Worksheet;

const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
const column = (label: string) => header(sheet).indexOf(label) + 1;

beforeAll(async () => {
  db = await scoredDatabase([EXAMPLES]);
  dir = tempDir("jixiao-cuts-");
  file = join(dir, "cuts.xlsx");
  await writeCutList(db, file, 2023);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  sheet = workbook.getWorksheet("扣减清单")!;
}, 180_000);

afterAll(() => db?.close());

describe("cut list", () => {
  test("keeps the header in row 1 with every column the reviewer and the loader need", () => {
    expect(header(sheet)).toEqual(CUT_LIST_COLUMNS.map((c) => c.header));
    for (const label of ["年度", "主管部门", "项目编码", "项目名称", "全年预算数（万元）", "复核得分", "最终等级", "扣减比例", "扣减金额（万元）",
      "封顶原因", "低效无效情形", "建议处理", "审核决定", "审核意见", "审定扣减金额（万元）", "审核人"]) {
      expect(header(sheet)).toContain(label);
    }
  });

  test("lists each project with a cut, by department, with its reasons", () => {
    const projects = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => {
      const code = row.getCell(column("项目编码")).value;
      if (n > 1 && code) projects.set(String(code), row);
    });
    // shared/examples/README.md: cuts of 10% / 30% on 002-01, 002-02, 003-02, 004-01
    expect([...projects.keys()].sort()).toEqual(["2023-002-01", "2023-002-02", "2023-003-02", "2023-004-01"]);
    const veto = projects.get("2023-003-02")!;
    expect(veto.getCell(column("最终等级")).value).toBe("差");
    expect(veto.getCell(column("扣减比例")).value).toBe(0.3);
    expect(veto.getCell(column("扣减金额（万元）")).value).toBe(18);
    expect(String(veto.getCell(column("封顶原因")).value)).toContain("一票否决");
    expect(String(veto.getCell(column("建议处理")).value)).toContain("收回");
    expect(String(projects.get("2023-004-01")!.getCell(column("低效无效情形")).value)).toContain("执行率");
    expect(projects.get("2023-002-02")!.getCell(column("复核得分")).value).toBe(99.6);
  });

  test("is formatted: 万元 and % formats, frozen header, filter, widths, a choice list for 审核决定", () => {
    const first = sheet.getRow(2);
    expect(first.getCell(column("全年预算数（万元）")).numFmt).toBe("#,##0.00");
    expect(first.getCell(column("扣减金额（万元）")).numFmt).toBe("#,##0.00");
    expect(first.getCell(column("扣减比例")).numFmt).toBe("0%");
    expect(sheet.views[0]).toMatchObject({state: "frozen", ySplit: 1});
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(column("项目名称")).width).toBeGreaterThanOrEqual(20);
    const validation = first.getCell(column("审核决定")).dataValidation;
    expect(validation.type).toBe("list");
    expect(validation.formulae).toEqual(['"同意,不同意,调整"']);
    expect(JSON.stringify(sheet.getRow(1).getCell(column("审核决定")).note)).toContain("请选择：同意 / 不同意 / 调整");
    expect(sheet.getRow(2).getCell(column("审定扣减金额（万元）")).dataValidation).toMatchObject({type: "decimal", operator: "greaterThanOrEqual"});
  });

  test("closes each department with a 合计 line and the list with 总计", () => {
    const totals: {label: unknown; department: unknown; cut: unknown}[] = [];
    sheet.eachRow((row) => {
      const label = row.getCell(1).value;
      if (label === "合计" || label === "总计") totals.push({label, department: row.getCell(2).value, cut: row.getCell(column("扣减金额（万元）")).value});
    });
    expect(totals.map((t) => [t.label, t.department, (t.cut as {result: number}).result])).toEqual([
      ["合计", "示例县交通运输局", 25], ["合计", "示例县农业农村局", 18], ["合计", "示例县民政局", 9], ["总计", "", 52]
    ]);
    expect((totals[0]!.cut as {formula: string}).formula).toMatch(/^SUM\(O\d+:O\d+\)$/);
  });

  test("writes text that looks like a formula as plain text", async () => {
    const hostile = ["=HYPERLINK(\"http://example.invalid/\",\"点击\")", "+1+1", "-2+3", "@SUM(A1)", "=1+1"];
    const rows: Row[] = hostile.map((name, i) => ({
      year: 2023, department: "@部门", project_code: `X-${i}`, project_name: name, unit_name: "=单位", budget_wan: 10, total_score: 50,
      grade: "差", final_grade: "差", cap_reasons: "-理由", low_efficiency_reasons: "+理由", actions: "削减或取消", deduction_rate: 0.3,
      deduction_from: "本项目", deduction_wan: 3, recover_wan: 0, decision: null, decided_input_wan: null, note: "=备注", reviewer: null
    }));
    const path = join(dir, "hostile.xlsx");
    await writeCutListWorkbook(rows, path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const ws = workbook.getWorksheet("扣减清单")!;
    hostile.forEach((name, i) => {
      const cell = ws.getRow(i + 2).getCell(column("项目名称"));
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(name);
      for (const label of ["主管部门", "实施单位", "封顶原因", "低效无效情形", "审核意见"]) {
        expect(ws.getRow(i + 2).getCell(column(label)).type).toBe(ExcelJS.ValueType.String);
      }
    });
    // the only formulas in the file are our own totals
    const formulas: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) formulas.push(String(cell.formula));
    }));
    expect(formulas.every((f) => /^(SUM|SUMIF)\(/.test(f))).toBe(true);
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });
});

describe("cut list round trip", () => {
  test("decisions filled in the returned file land in cut_decisions and in the cut review", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const ws = workbook.getWorksheet("扣减清单")!;
    const decisions: Record<string, [string, number | null, string]> = {
      "2023-002-01": ["同意", null, "按规定扣减"],
      "2023-002-02": ["调整", 2.5, "审计问题已部分整改"],
      "2023-003-02": ["不同意", null, "另行收回"],
      "2023-004-01": ["同意", null, ""]
    };
    ws.eachRow((row, n) => {
      const code = String(row.getCell(column("项目编码")).value ?? "");
      const decision = decisions[code];
      if (n === 1 || !decision) return;
      row.getCell(column("审核决定")).value = decision[0];
      if (decision[1] !== null) row.getCell(column("审定扣减金额（万元）")).value = decision[1];
      if (decision[2]) row.getCell(column("审核意见")).value = decision[2];
      row.getCell(column("审核人")).value = "李审核";
    });
    const returned = join(dir, "cuts-reviewed.xlsx");
    await workbook.xlsx.writeFile(returned);

    const [report] = await ingestPaths(db, [returned]);
    expect(report!.status).toBe("loaded");
    expect(report!.rowsRejected).toBe(0);
    expect(report!.sheets.map((s) => s.table)).toEqual(["cut_decisions"]);
    const rows = await db.all("SELECT year, project_code, decision, CAST(decided_cut_wan AS DOUBLE) AS decided, note, reviewer FROM cut_decisions ORDER BY project_code");
    expect(rows).toEqual(Object.entries(decisions).map(([code, [decision, decided, note]]) => ({
      year: 2023, project_code: code, decision, decided, note: note || null, reviewer: "李审核"
    })));

    await installCutReview(db);
    const review = await db.all("SELECT project_code, proposed_cut_wan, decided_cut_wan, status FROM cut_review WHERE year = 2023 ORDER BY project_code");
    expect(review).toEqual([
      {project_code: "2023-002-01", proposed_cut_wan: 20, decided_cut_wan: 20, status: "同意"},
      {project_code: "2023-002-02", proposed_cut_wan: 5, decided_cut_wan: 2.5, status: "调整"},
      {project_code: "2023-003-02", proposed_cut_wan: 18, decided_cut_wan: 0, status: "不同意"},
      {project_code: "2023-004-01", proposed_cut_wan: 9, decided_cut_wan: 9, status: "同意"}
    ]);
    // a second export starts from the decisions already taken
    const again = await cutListRows(db, 2023);
    expect(again.find((r) => r.project_code === "2023-002-02")).toMatchObject({decision: "调整", decided_input_wan: 2.5, reviewer: "李审核"});
  });
});
