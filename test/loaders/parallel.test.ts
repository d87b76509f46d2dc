// Parallel ingest (loaders/parallel.ts) must leave the database exactly as one-by-one ingest does:
// same rows in the same physical order, same rejects, same imports, same reports.
import {copyFileSync, mkdirSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it, vi} from "vitest";
import {Database} from "../../src/db/database.ts";
import {ingestPaths, type BulkSettings, type FileReport} from "../../loaders/ingest.ts";
import {ImportWriter} from "../../loaders/load/writer.ts";
import {generateSample} from "../../scripts/sample/index.ts";
import {RAW_TABLES} from "../helpers/db.ts";
import {EXAMPLES, tempDir, writeCsv, writeXlsx} from "../helpers/files.ts";

/** Every raw table in physical order (no ORDER BY), without the import time. */
async function content(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of RAW_TABLES) {
    const columns = await db.all<{column_name: string}>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $t AND column_name <> 'imported_at' ORDER BY ordinal_position",
      {t: table}
    );
    out[table] = await db.allJson(`SELECT ${columns.map((c) => `"${c.column_name}"`).join(", ")} FROM "${table}"`);
  }
  return out;
}

type Outcome = {reports: FileReport[][]; content: Record<string, unknown[]>};

/** Ingests each list of paths in turn into a fresh database. */
async function ingestWith(paths: string[][], parallel: number, bulk?: BulkSettings): Promise<Outcome> {
  const db = await Database.open(":memory:");
  try {
    const reports: FileReport[][] = [];
    for (const batch of paths) reports.push(await ingestPaths(db, batch, undefined, {parallel, bulk}));
    return {reports, content: await content(db)};
  } finally {
    db.close();
  }
}

async function ingestBoth(paths: string[][], bulk?: BulkSettings): Promise<{serial: Outcome; parallel: Outcome}> {
  return {serial: await ingestWith(paths, 1, bulk), parallel: await ingestWith(paths, 2, bulk)};
}

describe("parallel ingest", () => {
  let sample: string;
  beforeAll(async () => {
    sample = join(tempDir("jixiao-parallel-"), "sample");
    await generateSample({out: sample, scale: 150, years: [2022, 2023], seed: 11, format: "mixed", progress: false});
  });

  it("loads the example exports exactly as one-by-one ingest, and re-imports nothing", async () => {
    const {serial, parallel} = await ingestBoth([[EXAMPLES], [EXAMPLES]]);
    expect(parallel.reports).toEqual(serial.reports);
    expect(parallel.content).toEqual(serial.content);
    expect(parallel.reports[0]!.map((r) => r.status)).toEqual(Array(8).fill("loaded"));
    expect(parallel.reports[1]!.map((r) => r.status)).toEqual(Array(8).fill("unchanged"));
    expect(parallel.content.goal_indicators).toHaveLength(39);
  });

  it("loads a generated sample (xlsx, UTF-8 and GB18030 CSV, forms) exactly as one-by-one ingest", async () => {
    const {serial, parallel} = await ingestBoth([[sample]]);
    expect(parallel.reports).toEqual(serial.reports);
    expect(parallel.content).toEqual(serial.content);
    expect(parallel.content.goal_indicators!.length).toBeGreaterThan(1000);
    expect(parallel.content.selfeval_indicators!.length).toBeGreaterThan(100);
  });

  it("leaves the same rows in the same order when the bulk normaliser takes the rows (CSV straight into the main tables here, staged by workers)", async () => {
    const dir = tempDir("jixiao-parallel-bulk-");
    const header = ["年度", "项目编码", "一级指标", "二级指标", "三级指标", "指标方向", "指标值", "计量单位", "权重"];
    const rows: (string | number | null)[][] = Array.from({length: 120}, (_, i) => [2024, `B-${i % 50}`, "产出指标", "数量指标", `指标${i % 70}`, "≥", i % 9 === 0 ? "95%以上" : String(90 + (i % 10)), "%", 10]);
    // Repeated keys (rejected after the first, whichever path each row took), a total row, a blank row.
    rows.push([2024, "B-1", "产出指标", "数量指标", "指标1", "≥", "95", "%", 10], ["合计", null, null, null, null, null, null, null, null], []);
    writeCsv(join(dir, "bulk_goals.csv"), [header, ...rows]);
    // Every .xlsx streamed by the fast reader too: the sample's forms have merged cells, found at the end of
    // their sheets, and are read again by exceljs, in a worker as on the main thread.
    const bulk: BulkSettings = {after: 50, csvBytes: 0, chunkRows: 500, xlsxBytes: 0};
    const {serial, parallel} = await ingestBoth([[sample, dir]], bulk);
    expect(parallel.reports).toEqual(serial.reports);
    expect(parallel.content).toEqual(serial.content);
    const goals = serial.reports[0]!.find((r) => r.file.endsWith("bulk_goals.csv"))!;
    expect([goals.rowsLoaded, goals.rowsRejected]).toEqual([120, 1]);
  });

  it("keeps file order for what depends on it: replacements by key, a form found by name, bad files", async () => {
    const dir = tempDir("jixiao-parallel-order-");
    const header = ["年度", "项目编码", "项目名称", "全年预算数"];
    writeCsv(join(dir, "a_projects.csv"), [header, [2023, "X-9", "养老服务补贴", 30], [2023, "X-10", "旧名称", 5]]);
    // The same project keys again, in 元 and GB18030: replaces the rows above, in this order only.
    writeCsv(join(dir, "b_projects.csv"), [["年度", "项目编码", "项目名称", "全年预算数（元）"], [2023, "X-10", "新名称", 70000], [2023, "X-10", "重复", 1]], "gb18030");
    await writeXlsx(join(dir, "c_form.xlsx"), [{
      name: "养老服务补贴",
      rows: [
        ["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "养老服务补贴"], ["主管部门", "民政局", null, "实施单位", "民政局本级"],
        ["项目资金（万元）", null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["项目资金（万元）", "年度资金总额", 30, 30, 27, 10, "90%", 9],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["绩效指标", "产出指标", "数量指标", "补贴人数", "≥300人", "310人", 90, 90, null],
        ["总分", null, null, null, null, null, 100, 99]
      ]
    }]);
    writeCsv(join(dir, "d_empty.csv"), []);
    writeCsv(join(dir, "e_notes.txt"), [["not a table"]]);
    mkdirSync(join(dir, "f"));
    copyFileSync(join(dir, "a_projects.csv"), join(dir, "f", "same_as_a.csv"));
    const {serial, parallel} = await ingestBoth([[dir]]);
    expect(parallel.reports).toEqual(serial.reports);
    expect(parallel.content).toEqual(serial.content);
    expect(parallel.reports[0]!.map((r) => r.status)).toEqual(["loaded", "loaded", "loaded", "unreadable", "skipped", "unchanged"]);
    expect(parallel.content.selfeval_totals).toEqual([expect.objectContaining({project_code: "X-9"})]);
    expect(parallel.content.projects).toEqual([
      expect.objectContaining({project_code: "X-9"}),
      expect.objectContaining({project_code: "X-10", project_name: "新名称", budget_wan: "7.000000"})
    ]);
  });
  it("loads files that are ready in one transaction; on a failure rolls it back and loads them one by one", async () => {
    const dir = tempDir("jixiao-parallel-batch-");
    const header = ["年度", "项目编码", "项目名称", "全年预算数"];
    // Each file also replaces the previous file's row of B-shared: order matters inside a transaction too.
    for (let i = 0; i < 10; i++) writeCsv(join(dir, `p${i}.csv`), [header, [2023, `B-${i}`, `项目${i}`, i + 1], [2023, "B-shared", `共用${i}`, 1]]);
    const realWrite = ImportWriter.prototype.write;
    const realRun = Database.prototype.run;
    let loads = 0;
    let p3Loads = 0;
    // The first file's load waits until the workers have read the rest, so that they share its
    // transaction; the fourth file's first load fails.
    const write = vi.spyOn(ImportWriter.prototype, "write").mockImplementation(async function (this: ImportWriter, sheets) {
      if (loads++ === 0) await new Promise((res) => setTimeout(res, 2000));
      if (this.file.fileName === "p3.csv" && p3Loads++ === 0) throw new Error("simulated failure");
      return realWrite.call(this, sheets);
    });
    const statements: string[] = [];
    const run = vi.spyOn(Database.prototype, "run").mockImplementation(async function (this: Database, sql, params) {
      statements.push(sql);
      return realRun.call(this, sql, params);
    });
    let parallel: Outcome;
    try {
      parallel = await ingestWith([[dir]], 2);
    } finally {
      run.mockRestore();
      write.mockRestore();
    }
    expect(p3Loads).toBe(2);
    expect(statements.filter((s) => s === "ROLLBACK")).toHaveLength(1);
    expect(statements.filter((s) => s === "COMMIT").length).toBeLessThan(10);
    const serial = await ingestWith([[dir]], 1);
    expect(parallel.reports).toEqual(serial.reports);
    expect(parallel.content).toEqual(serial.content);
    expect(parallel.content.projects).toContainEqual(expect.objectContaining({project_code: "B-shared", project_name: "共用9"}));
  });
});
