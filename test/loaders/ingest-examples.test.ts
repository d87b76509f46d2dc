import {copyFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import ExcelJS from "exceljs";
import {Database} from "../../src/db/database.ts";
import {ingestPaths} from "../../loaders/ingest.ts";
import {count, snapshot} from "../helpers/db.ts";
import {EXAMPLES, tempDir, writeCsv, writeXlsx} from "../helpers/files.ts";

describe("ingest of the example exports", () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(":memory:");
  });
  afterAll(() => db.close());

  it("loads every file with no rejects", async () => {
    const reports = await ingestPaths(db, [EXAMPLES]);
    expect(reports.map((r) => r.status)).toEqual(Array(8).fill("loaded"));
    expect(reports.reduce((n, r) => n + r.rowsRejected, 0)).toBe(0);
    expect(await count(db, "projects")).toBe(7);
    expect(await count(db, "goal_indicators")).toBe(39);
    expect(await count(db, "selfeval_indicators")).toBe(24 + 15);
    expect(await count(db, "selfeval_totals")).toBe(7);
    expect(await count(db, "monitoring")).toBe(4);
    expect(await count(db, "evaluations")).toBe(2);
    expect(await count(db, "findings")).toBe(2);
  });

  it("recognises tables by headers and detects GB18030", async () => {
    const sheets = await db.all<{file_name: string; table_name: string; header_row: number}>(
      "SELECT file_name, table_name, header_row FROM import_sheets JOIN imports USING (import_id) ORDER BY file_name, sheet"
    );
    expect(sheets.find((s) => s.file_name === "projects.xlsx")).toMatchObject({table_name: "projects", header_row: 3});
    expect(sheets.find((s) => s.file_name === "selfeval_totals.gbk.csv")?.table_name).toBe("selfeval_totals");
    const names = await db.all("SELECT DISTINCT indicator FROM selfeval_indicators WHERE project_code = '2023-004-01' ORDER BY 1");
    expect(names.map((r) => r.indicator)).toContain("高龄老人生活保障水平");
  });

  it("reads project 2023-001-01's 人均培训成本 from goals and the published form", async () => {
    const [goal] = await db.all(
      "SELECT direction, target_value, unit, weight FROM goal_indicators WHERE project_code = '2023-001-01' AND indicator = '人均培训成本'"
    );
    expect(goal).toEqual({direction: "le", target_value: 2000, unit: "元", weight: 5});
    const [actual] = await db.all(
      "SELECT actual_value, score, direction, target_value, weight FROM selfeval_indicators WHERE project_code = '2023-001-01' AND indicator = '人均培训成本'"
    );
    expect(actual).toEqual({actual_value: 2300, score: 4.25, direction: "le", target_value: 2000, weight: 5});
  });

  it("reads the form's fund block, reported total and qualitative actual", async () => {
    const [total] = await db.allJson(
      "SELECT project_name, budget_wan, executed_wan, reported_score, reported_execution_score FROM selfeval_totals WHERE project_code = '2023-002-01'"
    );
    expect(total).toEqual({project_name: "农村公路建设项目", budget_wan: "200.000000", executed_wan: "130.000000", reported_score: 92, reported_execution_score: 6.5});
    // 其中：当年财政拨款 200, 上年结转资金 0, 其他资金 0
    const [split] = await db.allJson("SELECT fiscal_budget_wan, carryover_budget_wan, other_budget_wan FROM selfeval_totals WHERE project_code = '2023-002-01'");
    expect(split).toEqual({fiscal_budget_wan: "200.000000", carryover_budget_wan: "0.000000", other_budget_wan: "0.000000"});
    const [qual] = await db.all("SELECT direction, actual_text, score FROM selfeval_indicators WHERE indicator = '带动沿线农户增收'");
    expect(qual).toEqual({direction: "qual", actual_text: "部分达成年度指标并具有一定效果", score: 14});
  });

  it("keeps provenance on every row", async () => {
    const [row] = await db.all(
      "SELECT source_sheet, source_row, length(file_hash) AS hash_len FROM projects WHERE project_code = '2023-004-02'"
    );
    expect(row).toEqual({source_sheet: "项目", source_row: 10, hash_len: 64});
  });

  it("re-importing the same files changes nothing", async () => {
    const before = await snapshot(db);
    const reports = await ingestPaths(db, [EXAMPLES]);
    expect(reports.map((r) => r.status)).toEqual(Array(8).fill("unchanged"));
    expect(await snapshot(db)).toEqual(before);
  });

  it("gives the same 万元 amounts for a file written in 元", async () => {
    const source = new ExcelJS.Workbook();
    await source.xlsx.readFile(join(EXAMPLES, "projects.xlsx"));
    const ws = source.worksheets[0]!;
    const rows: (string | number | null)[][] = [["示例县2023年项目支出预算执行表"], ["单位：元"]];
    ws.eachRow((row, n) => {
      if (n < 3) return;
      const values = (row.values as (string | number | null)[]).slice(1).map((v) => v ?? null);
      rows.push(n === 3 ? values.map((v) => String(v).replace("（万元）", "")) : values.map((v, i) => (i >= 12 && i <= 17 && typeof v === "number" ? Math.round(v * 10000) : v)));
    });
    const dir = tempDir();
    await writeXlsx(join(dir, "projects_yuan.xlsx"), [{name: "项目（元）", rows}]);
    const other = await Database.open(":memory:");
    try {
      await ingestPaths(other, [join(dir, "projects_yuan.xlsx")]);
      const yuan = await other.allJson("SELECT project_code, budget_wan, executed_wan, initial_budget_wan FROM projects ORDER BY project_code");
      const wan = await db.allJson("SELECT project_code, budget_wan, executed_wan, initial_budget_wan FROM projects ORDER BY project_code");
      expect(yuan).toEqual(wan);
    } finally {
      other.close();
    }
  });

  it("a later file replaces rows by their whole key, a key with an empty part too", async () => {
    const dir = tempDir();
    const header = ["年度", "监控期", "项目编码", "全年预算数", "1-6月执行数", "三级指标", "年度指标值", "1-6月完成情况"];
    // The execution row of a checkpoint has no indicator: its key's indicator is empty.
    writeCsv(join(dir, "a.csv"), [header, [2024, "1-6月", "P-1", 100, 40, null, null, null], [2024, "1-6月", "P-1", 100, 40, "培训人数", "≥100人", "50人"]]);
    writeCsv(join(dir, "b.csv"), [header, [2024, "1-6月", "P-1", 100, 60, null, null, null]]);
    const fresh = await Database.open(":memory:");
    try {
      const [, second] = await ingestPaths(fresh, [join(dir, "a.csv"), join(dir, "b.csv")]);
      expect(second?.replacedByKey).toEqual({monitoring: 1});
      expect(await fresh.allJson("SELECT import_id, indicator, executed_wan FROM monitoring ORDER BY import_id, indicator NULLS FIRST")).toEqual([
        {import_id: 1, indicator: "培训人数", executed_wan: "40.000000"},
        {import_id: 2, indicator: null, executed_wan: "60.000000"}
      ]);
    } finally {
      fresh.close();
    }
  });

  it("replaces what a file loaded when a corrected version comes", async () => {
    const dir = tempDir();
    const file = join(dir, "projects.xlsx");
    copyFileSync(join(EXAMPLES, "projects.xlsx"), file);
    const fresh = await Database.open(":memory:");
    try {
      await ingestPaths(fresh, [file]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.worksheets[0]!;
      ws.getCell("N5").value = 220; // 2023-002-01 budget corrected from 200 to 220
      ws.spliceRows(10, 1); // 2023-004-02 withdrawn
      await wb.xlsx.writeFile(file);
      const [report] = await ingestPaths(fresh, [file]);
      expect(report?.status).toBe("loaded");
      expect(report?.replacedImportId).toBe(1);
      expect(await count(fresh, "projects")).toBe(6);
      expect(await fresh.value("SELECT budget_wan::VARCHAR FROM projects WHERE project_code = '2023-002-01'")).toBe("220.000000");
      expect(await count(fresh, "imports", "active")).toBe(1);
    } finally {
      fresh.close();
    }
  });
});
