import {readFileSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Database} from "../src/db/database.ts";
import {exportPartitioned} from "../src/export/partitioned.ts";
import {exportTable} from "../src/export/table.ts";
import {loadPolicy} from "../src/policy/loadPolicy.ts";
import {buildMarts} from "../src/scoring/buildMarts.ts";
import {ingestPaths} from "../loaders/ingest.ts";
import {EXAMPLES, tempDir} from "./helpers/files.ts";

const CONTRACT = "year,project_code,project_name,department,budget_wan,executed_wan,execution_rate,execution_score,indicator_score,total_score,grade,final_grade,cap_reasons,reported_score,deduction_rate,deduction_wan".split(",");

describe("exports", () => {
  let db: Database;
  const dir = tempDir();
  beforeAll(async () => {
    db = await Database.open(":memory:");
    await ingestPaths(db, [EXAMPLES]);
    await db.run("UPDATE projects SET project_name = '=HYPERLINK(\"http://x\")' WHERE project_code = '2023-004-02'");
    await buildMarts(db, loadPolicy("mof"));
  });
  afterAll(() => db.close());

  it("project-scores CSV keeps the contract columns and guards formulas", async () => {
    const out = join(dir, "ps.csv");
    const {rows} = await exportTable(db, "project-scores", {format: "csv", out, year: 2023});
    expect(rows).toBe(7);
    const text = readFileSync(out, "utf8");
    expect(text.startsWith("\ufeff")).toBe(true);
    const header = text.slice(1).split("\r\n")[0]!.split(",");
    for (const column of CONTRACT) expect(header).toContain(column);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toMatch(/2023,2023-002-01,农村公路建设项目,示例县交通运输局,[^\n]*/);
  });

  it("xlsx is formatted and writes formula-like text as text", async () => {
    const out = join(dir, "ps.xlsx");
    await exportTable(db, "project-scores", {format: "xlsx", out});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({state: "frozen", ySplit: 1});
    const header = (ws.getRow(1).values as string[]).slice(1);
    const nameCol = header.indexOf("project_name") + 1;
    const cells = [];
    for (let r = 2; r <= ws.rowCount; r++) cells.push(ws.getRow(r).getCell(nameCol));
    const injected = cells.find((c) => String(c.value).startsWith("=HYPERLINK"));
    expect(injected?.type).toBe(ExcelJS.ValueType.String);
    expect(wb.getWorksheet("说明")).toBeDefined();
  });

  it("json rows are plain values", async () => {
    const out = join(dir, "ps.json");
    await exportTable(db, "project-scores", {format: "json", out});
    const rows = JSON.parse(readFileSync(out, "utf8")) as Record<string, unknown>[];
    expect(rows.find((r) => r.project_code === "2023-001-01")).toMatchObject({total_score: 97.25, budget_wan: 100, grade: "优"});
  });

  it("names the exportable tables when asked for an unknown one", async () => {
    await expect(exportTable(db, "nope", {format: "csv", out: join(dir, "x.csv")})).rejects.toThrow(/project-scores/);
  });

  it("writes Hive-partitioned Parquet that reads back whole", async () => {
    const out = join(dir, "parquet");
    const results = await exportPartitioned(db, out);
    expect(results.find((r) => r.table === "project_scores")?.partitionBy).toEqual(["year", "dept_code"]);
    const back = await db.value<number>(`SELECT count(*) FROM read_parquet('${out}/project_scores/**/*.parquet', hive_partitioning = true) WHERE year = 2023 AND dept_code = '002'`);
    expect(back).toBe(2);
  });
});
