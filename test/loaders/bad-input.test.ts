import {copyFileSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {Database} from "../../src/db/database.ts";
import {ingestPaths} from "../../loaders/ingest.ts";
import {count, snapshot} from "../helpers/db.ts";
import {EXAMPLES, tempDir, writeCsv, writeXlsx} from "../helpers/files.ts";

const PROJECT_HEADER = ["年度", "主管部门", "项目编码", "项目名称", "全年预算数（万元）", "全年执行数（万元）"];

describe("bad input", () => {
  let db: Database;
  let dir: string;
  let before: Record<string, string>;
  beforeEach(async () => {
    db = await Database.open(":memory:");
    await ingestPaths(db, [join(EXAMPLES, "goals.xlsx")]);
    before = await snapshot(db);
    dir = tempDir();
  });
  afterEach(() => db.close());

  async function unreadable(file: string, pattern: RegExp): Promise<void> {
    const [report] = await ingestPaths(db, [file]);
    expect(report?.status).toBe("unreadable");
    expect(report?.message).toMatch(pattern);
    expect(await snapshot(db)).toEqual(before);
  }

  it("a truncated xlsx fails clearly and changes nothing", async () => {
    const bytes = readFileSync(join(EXAMPLES, "projects.xlsx"));
    writeFileSync(join(dir, "truncated.xlsx"), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await unreadable(join(dir, "truncated.xlsx"), /损坏|截断/);
  });

  it("a text file renamed .xlsx fails clearly", async () => {
    writeFileSync(join(dir, "notes.xlsx"), "这不是表格，只是一段说明文字。\n");
    await unreadable(join(dir, "notes.xlsx"), /不是有效的 Excel/);
  });

  it("an old binary .xls is named as such", async () => {
    writeFileSync(join(dir, "old.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await unreadable(join(dir, "old.xls"), /97-2003/);
  });

  it("a CSV in an encoding that is neither UTF-8 nor GB18030 is not silently loaded", async () => {
    // UTF-16 without a byte-order mark: its NUL bytes mark it as not a text CSV.
    writeFileSync(join(dir, "utf16.csv"), Buffer.from("年度,项目编码\n", "utf16le"));
    await unreadable(join(dir, "utf16.csv"), /二进制|编码/);
  });

  it("a GB18030 file read as garbage is not recognised rather than loaded wrongly", async () => {
    // Big5 bytes decode as GB18030 without error but give no known header.
    writeFileSync(join(dir, "big5.csv"), Buffer.from([0xa6, 0x7e, 0xab, 0xd7, 0x2c, 0xb6, 0xb5, 0xa5, 0xd8, 0x0a]));
    await unreadable(join(dir, "big5.csv"), /无法识别/);
  });

  it("a sheet missing a required column is not recognised", async () => {
    writeCsv(join(dir, "no_code.csv"), [["年度", "项目名称", "全年预算数"], [2023, "某项目", 10]]);
    await unreadable(join(dir, "no_code.csv"), /无法识别/);
  });

  it("an empty workbook fails clearly", async () => {
    await writeXlsx(join(dir, "empty.xlsx"), [{name: "Sheet1", rows: []}]);
    await unreadable(join(dir, "empty.xlsx"), /没有任何数据/);
  });

  it("an empty sheet beside a good one is a warning", async () => {
    await writeXlsx(join(dir, "two.xlsx"), [
      {name: "空表", rows: []},
      {name: "项目", rows: [PROJECT_HEADER, [2023, "教育局", "P-1", "项目一", 10, 5]]}
    ]);
    const [report] = await ingestPaths(db, [join(dir, "two.xlsx")]);
    expect(report?.status).toBe("loaded");
    expect(await count(db, "rejects", "rule = 'sheet.empty' AND severity = 'warning'")).toBe(1);
  });

  it("rejects duplicate project codes and non-numeric amounts, loading the good rows", async () => {
    writeCsv(join(dir, "projects.csv"), [
      PROJECT_HEADER,
      [2023, "教育局", "P-1", "项目一", 10, 5],
      [2023, "教育局", "P-1", "项目一（重复）", 12, 6],
      [2023, "教育局", "P-2", "项目二", "十万", 5],
      [2023, "教育局", "P-3", "项目三", "1,234.5", "１００"],
      [null, null, null, null, null, null],
      ["合计", null, null, null, 1256.5, 116]
    ], "gb18030");
    const [report] = await ingestPaths(db, [join(dir, "projects.csv")]);
    expect(report).toMatchObject({status: "loaded", rowsLoaded: 2, rowsRejected: 2, encoding: "gb18030"});
    const rejects = await db.all("SELECT source_row, column_name, value, rule, severity, message FROM rejects WHERE severity = 'error' ORDER BY source_row");
    expect(rejects).toEqual([
      {source_row: 3, column_name: "项目编码", value: "P-1", rule: "duplicate.key", severity: "error", message: expect.stringContaining("重复")},
      {source_row: 4, column_name: "全年预算数（万元）", value: "十万", rule: "amount.not_number", severity: "error", message: "金额不是数字"}
    ]);
    expect(await db.value("SELECT budget_wan::VARCHAR FROM projects WHERE project_code = 'P-3'")).toBe("1234.500000");
  });

  it("keeps warnings apart from errors", async () => {
    writeCsv(join(dir, "goals.csv"), [
      ["年度", "项目编码", "三级指标", "指标值", "度量单位", "分值"],
      [2023, "P-1", "覆盖率", "≥120%", null, 10],
      [2023, "P-1", "受益人数", "≥500", "人", null]
    ], "utf-8-bom");
    const [report] = await ingestPaths(db, [join(dir, "goals.csv")]);
    expect(report).toMatchObject({status: "loaded", rowsLoaded: 2, rowsRejected: 0});
    const rules = await db.all("SELECT rule FROM rejects WHERE severity = 'warning' ORDER BY rule");
    expect(rules.map((r) => r.rule)).toEqual(["percent.above_100", "weight.missing"]);
  });

  it("skips files that are not spreadsheets and lists them", async () => {
    writeFileSync(join(dir, "说明.md"), "# 说明\n");
    writeFileSync(join(dir, "报告.pdf"), "%PDF-1.4\n");
    copyFileSync(join(EXAMPLES, "findings.csv"), join(dir, "findings.csv"));
    const reports = await ingestPaths(db, [dir]);
    expect(reports.map((r) => [r.file.split("/").pop(), r.status])).toEqual([
      ["findings.csv", "loaded"], ["报告.pdf", "skipped"], ["说明.md", "skipped"]
    ]);
  });
});
