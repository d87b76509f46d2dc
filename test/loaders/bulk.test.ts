// The bulk normaliser (loaders/bulk) must leave exactly the database the TypeScript normaliser leaves:
// the same records, rejects, warnings and import summaries, whichever rows it takes on. Each case is
// ingested three ways: all in TypeScript, all offered to SQL from the first row, and SQL after the
// first 50 records (so that percent scales decided in TypeScript reach the SQL rows) in small chunks.
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterEach, beforeAll, describe, expect, it, vi} from "vitest";
import {ImportWriter} from "../../loaders/load/writer.ts";
import {csvWidth, loadCsvRaw} from "../../loaders/bulk/csv.ts";
import {readCsv} from "../../loaders/read/csv.ts";
import {Database} from "../../src/db/database.ts";
import {ingestPaths, type BulkSettings} from "../../loaders/ingest.ts";
import {generateSample} from "../../scripts/sample/index.ts";
import {RAW_TABLES, snapshot} from "../helpers/db.ts";
import {EXAMPLES, tempDir, writeCsv, writeXlsx} from "../helpers/files.ts";

// Every .xlsx is read whole by exceljs in the first mode, and streamed by the fast reader in the others
// (a workbook with merged cells, such as a form, is then read again by exceljs once they are found).
const MODES: Record<string, BulkSettings> = {
  typescript: {after: Infinity, csvBytes: 0, chunkRows: 1, xlsxBytes: Infinity},
  sql: {after: 0, csvBytes: 0, chunkRows: 100_000, xlsxBytes: 0},
  // Small chunks: many go to DuckDB while the reader parses on and TypeScript batches wait their turn.
  mixed: {after: 50, csvBytes: 0, chunkRows: 37, xlsxBytes: 0}
};

/** Every raw table, the rejects and the import records, sorted (the two paths stage rows in different orders). */
async function content(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of [...RAW_TABLES, "imports", "import_sheets"]) {
    const columns = await db.all<{column_name: string}>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $t AND column_name NOT IN ('imported_at') ORDER BY ordinal_position",
      {t: table}
    );
    out[table] = await db.allJson(`SELECT ${columns.map((c) => `"${c.column_name}"`).join(", ")} FROM "${table}" ORDER BY ALL`);
  }
  return out;
}

type Outcome = {content: Record<string, unknown[]>; statuses: string[]; rowsLoaded: number; rowsInSql: number};

async function ingestEachWay(paths: string[]): Promise<Record<string, Outcome>> {
  const out: Record<string, Outcome> = {};
  for (const [mode, bulk] of Object.entries(MODES)) {
    const db = await Database.open(":memory:");
    // Records the bulk normaliser took, to show it took part.
    const taken = vi.spyOn(ImportWriter.prototype, "insertBulk");
    try {
      const reports = await ingestPaths(db, paths, undefined, {bulk});
      let rowsInSql = 0;
      for (const result of taken.mock.results) rowsInSql += result.type === "return" ? await result.value : 0;
      out[mode] = {
        content: await content(db), statuses: reports.map((r) => `${r.status} ${r.rowsLoaded}/${r.rowsRejected}/${r.warnings}`),
        rowsLoaded: reports.reduce((n, r) => n + r.rowsLoaded, 0), rowsInSql
      };
    } finally {
      taken.mockRestore();
      db.close();
    }
  }
  return out;
}

function expectSame(result: Awaited<ReturnType<typeof ingestEachWay>>): void {
  for (const mode of ["sql", "mixed"]) {
    expect(result[mode]!.statuses, mode).toEqual(result.typescript!.statuses);
    for (const table of Object.keys(result.typescript!.content)) {
      expect(result[mode]!.content[table], `${mode}: ${table}`).toEqual(result.typescript!.content[table]);
    }
  }
}

// Cells in the spellings exports use, plain and awkward: each row is either taken by SQL or left to
// TypeScript, and either way must end the same.
const TARGETS = [
  "≥95%", "≤3天", "=100%", ">90", "<5", ">=80%", "<=2", "=>90", "==5", "520人次", "95%以上", "120万元以内",
  "达成年度指标", "部分达成年度指标并具有一定效果", "不低于90%", "１００％", " 95 ", "95", "0.95", "-0", "1,200", "12.5.1",
  "定性", "", "—", "大于90", "显著提升", "提升10%"
];
const DIRECTIONS = [null, "≥", "≤", "=", "定性", "正向", "反向", "定量", "大于等于", "正 向", "？", "==", "=>"];
const UNITS = [null, "%", "％", "天", "百分比", "人次", " % "];
const WEIGHTS = [10, "10", "10分", "", null, "ten", "-0", "1e-7", 12.5, "０５"];

function goalRows(): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [["2024年度项目绩效目标表"], ["年度", "项目编码", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值"]];
  let n = 0;
  for (const target of TARGETS) {
    for (const direction of DIRECTIONS) {
      const unit = UNITS[n % UNITS.length]!;
      const weight = WEIGHTS[n % WEIGHTS.length]!;
      const year = n % 17 === 0 ? "2024年" : n % 19 === 0 ? "24" : n % 23 === 0 ? null : n % 37 === 0 ? "2024.0" : n % 41 === 0 ? "0024" : n % 43 === 0 ? "2O24" : 2024;
      const code = n % 29 === 0 ? " P 001 " : n % 31 === 0 ? "'P002" : `P${String(n % 40).padStart(3, "0")}`;
      // Cells that start with a wide space, or with a character the white-space test looks at closely.
      const indicator = n % 13 === 0 ? `\u3000指标${n}` : n % 47 === 0 ? `\u00a0指标${n}` : n % 53 === 0 ? `\u2003指标${n}` : n % 59 === 0 ? `\ufeff指标${n}` : n % 61 === 0 ? `\u200b指标${n}` : n % 67 === 0 ? `≥指标${n}` : `指标${n}`;
      rows.push([year, code, "产出指标", n % 11 === 0 ? " 数量 指标 " : "数量指标", indicator, direction, target, unit, weight]);
      n++;
    }
  }
  rows.push(["合计", null, null, null, null, null, null, null, 100]);
  rows.push([" 合 计 ", "", null, null, null, null, null, null, 100]);
  rows.push([null, null, null, null, null, null, null, null, null]);
  rows.push(["注：指标值为全年目标", null]);
  rows.push(["  ", "P001", "产出指标", "数量指标", "重复指标", "≥", "95%", "%", 5]);
  rows.push([2024, "P001", "产出指标", "数量指标", "指标0", "≥", "96%", "%", 5]);
  return rows;
}

/** Percentages written as fractions under a % unit (0.95): TypeScript settles the column's scale, SQL applies it. */
function fractionRows(): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [["年度", "项目编码", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值"]];
  const targets = [0.95, "0.9", 1, "0.333333333333", 0.85, "≥90%", "0.7", 0.999999999999, "达成年度指标", "0.5"];
  for (let i = 0; i < 140; i++) rows.push([2024, `F${i % 30}`, "效益指标", "满意度指标", `满意度${i}`, i % 9 === 0 ? "定性" : "≥", targets[i % targets.length]!, "%", 10]);
  return rows;
}

/** Spreadsheet cells the bulk path must refuse or quote: dates, booleans, exponents, empty text, tabs, line breaks, quotes, a wide row. */
function rawCellRows(): (string | number | boolean | Date | null)[][] {
  const rows: (string | number | boolean | Date | null)[][] = [["年度", "项目编码", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值"]];
  const odd: [number, string | number | boolean | Date][] = [
    [4, "含\t制表符"], [4, "含\n换行"], [4, "含\r\n回车换行"], [4, '含"引号"'], [4, ""], [8, 1e-7], [8, 1e21], [6, 1e21],
    [6, new Date(Date.UTC(2024, 5, 30))], [8, true], [3, '"'], [6, -0], [6, 0.000001]
  ];
  for (let i = 0; i < 130; i++) {
    const row: (string | number | boolean | Date | null)[] = [2024, `R${i % 45}`, "产出指标", "数量指标", `指标${i}`, "≥", 90 + (i % 7), "%", 10];
    const [column, value] = odd[i % odd.length]!;
    if (i % 3 === 0) row[column] = value;
    if (i % 17 === 0) row[24] = "远处的一格";
    rows.push(row);
  }
  return rows;
}

function projectRows(unit = "元"): (string | number | boolean | null)[][] {
  const rows: (string | number | boolean | null)[][] = [
    [`单位：${unit}`],
    ["年度", "行政区划代码", "行政区划", "主管部门编码", "主管部门", "项目编码", "项目名称", "功能分类", "全年预算数", "全年执行数", "是否涉密"]
  ];
  const amounts = ["1234567.89", "1,234.5", "(12.5)", "-300", "0", "00012.50", "12元", "1e3", "", "—", "99999999999999999.99", 1234.5, 0.1, "3.14159265358"];
  const functions = ["2080101 行政运行", "2080101-行政运行", "208 社会保障", "行政运行", " 2130199　其他 ", "12 短编码", null];
  const bools = ["是", "否", "Y", "yes", "√", "×", "无", "有", "maybe", null, true];
  for (let i = 0; i < 60; i++) {
    rows.push([
      i % 13 === 0 ? "2023.0" : 2023, "650001", i % 7 === 0 ? " 某县 " : "某县", "101", "教育局",
      `XM${String(i).padStart(4, "0")}`, i % 9 === 0 ? "  " : `项目　${i}`,
      functions[i % functions.length]!, amounts[i % amounts.length]!, amounts[(i + 3) % amounts.length]!, bools[i % bools.length]!
    ]);
  }
  return rows;
}

/**
 * Self-evaluation totals with the code first: a row whose first cell reads as a note (注…) is one only if
 * it has two cells or fewer, and a cell of white space only does not count, whichever space it is.
 */
function noteRows(): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [["项目编码", "年度", "项目名称", "自评得分"]];
  const spaces = [" ", "\u00a0", "\u1680", "\u2003", "\u200a", "\u2028", "\u202f", "\u205f", "\u3000", "\ufeff", "\u200b", "≥"];
  for (let i = 0; i < 120; i++) rows.push(i % 3 ? [i % 2 ? `注${i}` : `S${i}`, 2024, spaces[(i >> 1) % spaces.length]!, null] : [`S${i}`, 2024, `项目${i}`, 90]);
  return rows;
}

function monitoringRows(): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
    ["年度", "监控期", "项目编码", "三级指标", "年度指标值", "1-5月完成情况", "全年预计完成值", "偏差原因", "是否整改"]
  ];
  const periods = ["1-5月", "1至9月", "5月", "截至5月底", "13月", "", "1—8月", 6, null, "1-12月", "1-05月", "1-13月", "1-0月", "2-5月"];
  const progress = ["45%", "0.45", "45", "达成", "部分完成", "４５", "45%以上", null, "—", "-5", "5.", "1234567890123", "0.1234567", "-0.5%"];
  for (let i = 0; i < 81; i++) {
    rows.push([2024, periods[i % periods.length]!, `P${i % 20}`, `指标${i}`, i % 2 ? "≥90%" : "100", progress[i % progress.length]!, progress[(i + 4) % progress.length]!, i % 5 ? null : "进度滞后", i % 3 ? "是" : "否"]);
  }
  return rows;
}

describe("bulk normaliser", () => {
  afterEach(() => vi.restoreAllMocks());
  let dir: string;
  beforeAll(() => {
    dir = tempDir("jixiao-bulk-");
  });

  it("matches the TypeScript normaliser cell for cell on awkward spellings (CSV and xlsx)", async () => {
    // Tab-separated, so no cell needs quoting: DuckDB's CSV reader takes only files without quotes.
    const tsv = (name: string, rows: (string | number | boolean | null)[][]) => {
      writeFileSync(join(dir, name), rows.map((r) => r.map((c) => (c === null ? "" : String(c))).join("\t")).join("\n") + "\n");
      return join(dir, name);
    };
    const files = [
      tsv("goals-tab.csv", goalRows()),
      tsv("projects-tab.csv", projectRows("千元")),
      writeCsv(join(dir, "goals.csv"), goalRows()),
      writeCsv(join(dir, "goals-gbk.csv"), goalRows(), "gb18030"),
      writeCsv(join(dir, "fractions.csv"), fractionRows()),
      writeCsv(join(dir, "projects.csv"), projectRows(), "utf-8-bom"),
      writeCsv(join(dir, "projects-yi.csv"), projectRows("亿元")),
      writeCsv(join(dir, "projects-qian.csv"), projectRows("千元")),
      writeCsv(join(dir, "monitoring.csv"), monitoringRows()),
      tsv("notes-tab.csv", noteRows()),
      await writeXlsx(join(dir, "book.xlsx"), [
        {name: "目标", rows: goalRows()}, {name: "项目", rows: projectRows()}, {name: "监控", rows: monitoringRows()},
        {name: "满意度", rows: fractionRows()}, {name: "杂项", rows: rawCellRows()}, {name: "自评", rows: noteRows()}
      ])
    ];
    const result = await ingestEachWay(files);
    expectSame(result);
    // Rows really went both ways: some loaded by SQL, others loaded, rejected or warned about by TypeScript.
    expect(result.sql!.content.goal_indicators!.length).toBeGreaterThan(250);
    expect(result.sql!.content.rejects!.length).toBeGreaterThan(50);
    expect(result.typescript!.rowsInSql).toBe(0);
    expect(result.sql!.rowsInSql).toBeGreaterThan(0.1 * result.sql!.rowsLoaded);
    expect(result.sql!.rowsInSql).toBeLessThan(0.9 * result.sql!.rowsLoaded);
  });

  it("reads a streamed workbook with merged cells again whole, so that a merged code reaches every row", async () => {
    // A project's code merged down its indicator rows: the file holds it in the first cell only.
    const rows: (string | number | null)[][] = [["年度", "项目编码", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值"]];
    const merges: string[] = [];
    for (let p = 0; p < 20; p++) {
      const first = rows.length + 1;
      for (let i = 0; i < 4; i++) rows.push([2024, i === 0 ? `M${p}` : null, "产出指标", "数量指标", `指标${i}`, "≥", 90 + i, "%", 25]);
      merges.push(`B${first}:B${first + 3}`);
    }
    const file = await writeXlsx(join(dir, "merged.xlsx"), [{name: "目标", rows, merges}]);
    const result = await ingestEachWay([file]);
    expectSame(result);
    expect(result.sql!.statuses).toEqual(["loaded 80/0/0"]);
  });

  it("matches on the example exports", async () => {
    expectSame(await ingestEachWay([EXAMPLES]));
  });

  it("matches on a generated sample (xlsx, UTF-8 and GB18030 CSV, forms)", async () => {
    const sample = join(dir, "sample");
    await generateSample({out: sample, scale: 120, years: [2023], seed: 5, format: "mixed", progress: false});
    const result = await ingestEachWay([sample]);
    expectSame(result);
    expect(result.sql!.content.goal_indicators!.length).toBeGreaterThan(800);
    // SQL takes a share even of these small files once TypeScript has settled the percent scales.
    expect(result.mixed!.rowsInSql).toBeGreaterThan(0.1 * result.mixed!.rowsLoaded);
  });

  it("leaves CSV files DuckDB's reader would split differently (blank lines, mixed line breaks, an open quote) to csv-parse, with the same result", async () => {
    const rows = goalRows().map((r) => r.map((c) => (c === null ? "" : String(c))).join(","));
    const blank = join(dir, "blank.csv");
    const mixed = join(dir, "mixed.csv");
    writeFileSync(blank, [...rows.slice(0, 40), "", ...rows.slice(40)].join("\n"));
    writeFileSync(mixed, rows.slice(0, 60).join("\r\n") + "\n" + rows.slice(60).join("\r\n"));
    // A quote left open: DuckDB's reader refuses it; csv-parse decides (here: the file cannot be read).
    const open = join(dir, "open-quote.csv");
    writeFileSync(open, [...rows.slice(0, 70), '2024,P001,产出指标,"数量指标,指标x,≥,95%,%,5', ...rows.slice(70)].join("\n"));
    const result = await ingestEachWay([blank, mixed, open]);
    expectSame(result);
    expect(result.sql!.statuses[2]).toMatch(/^unreadable|^loaded/);
  });

  it("reads a CSV file again as wide as its widest record when a row after its first 200 lines is wider than those", async () => {
    const lines = goalRows().slice(0, 60).map((r) => r.map((c) => (c === null ? "" : String(c))).join(","));
    const body = [...lines, ...Array.from({length: 240}, (_, i) => `2024,W${i},产出指标,数量指标,宽表指标${i},≥,${i},个,5`)];
    // A row of `cells` cells: an indicator row with notes after it, the last cell not empty.
    const row = (code: string, cells: number) => [`2024,${code},产出指标,数量指标,多出单元格,≥,9,个,5`, ...Array.from({length: cells - 9}, (_, i) => (i % 3 === 1 || i === cells - 10 ? `附注${i}` : ""))].join(",");
    const width = csvWidth(body.slice(0, 200).join("\n"), ",");
    expect(width).toBe(Math.max(...body.slice(0, 200).map((l) => l.split(",").length)));
    const files = [join(dir, "wider.csv"), join(dir, "much-wider.csv")];
    writeFileSync(files[0]!, [...body.slice(0, 250), row("W999", width + 1), ...body.slice(250)].join("\n") + "\n");
    writeFileSync(files[1]!, [...body.slice(0, 250), row("W998", width + 20), ...body.slice(250)].join("\n") + "\n");
    const db = await Database.open(":memory:");
    try {
      for (const [file, wide] of [[files[0]!, width + 1], [files[1]!, width + 20]] as const) {
        const csv = (await readCsv(file)).sheets[0]!.csv!;
        expect(await loadCsvRaw(db, csv, "wide_raw"), file).toBe(wide);
        // The wide row's last cell, in its place.
        expect(await db.value(`SELECT c${wide - 1} FROM wide_raw WHERE rowid = 250`)).toBe(`附注${wide - 10}`);
        await db.run("DROP TABLE wide_raw");
      }
    } finally {
      db.close();
    }
    const result = await ingestEachWay(files);
    expectSame(result);
    expect(result.sql!.statuses.map((s) => s.split(" ")[0])).toEqual(["loaded", "loaded"]);
    // Read by DuckDB: the bulk normaliser took at least the plain rows W0 … W239 of both files.
    expect(result.sql!.rowsInSql).toBeGreaterThan(2 * 240);
    expect(result.sql!.content.goal_indicators).toContainEqual(expect.objectContaining({project_code: "W999", indicator: "多出单元格"}));
  });

  it("reads a large CSV file with csv-parse from the start when DuckDB's reader turns it down after TypeScript normalised its first records", async () => {
    // Over 20,000 fractions under a % unit (their scale is decided by the first batch of records), a blank line further down.
    const rows = fractionRows().map((r) => r.map((c) => (c === null ? "" : String(c))).join(","));
    const body = Array.from({length: 20_100}, (_, i) => rows[1 + (i % (rows.length - 1))]!.replace(/满意度\d+/, `满意度${i}`));
    const file = join(dir, "late-blank.csv");
    writeFileSync(file, [rows[0]!, ...body.slice(0, 20_050), "", ...body.slice(20_050)].join("\n") + "\n");
    const outcomes: Record<string, unknown>[] = [];
    for (const bulk of [MODES.typescript!, {...MODES.sql!, after: 20_000}]) {
      const db = await Database.open(":memory:");
      const append = vi.spyOn(ImportWriter.prototype, "append");
      try {
        const [report] = await ingestPaths(db, [file], undefined, {bulk});
        const refused = (await Promise.allSettled(append.mock.results.map((r) => r.value))).filter((r) => r.status === "rejected");
        outcomes.push({status: report!.status, loaded: report!.rowsLoaded, refused: refused.length, content: await content(db)});
      } finally {
        append.mockRestore();
        db.close();
      }
    }
    // The first batch's append waited for DuckDB's reader and was called off; nothing else differs.
    expect(outcomes[1]!.refused).toBe(1);
    expect({...outcomes[1], refused: 0}).toEqual(outcomes[0]);
    expect(outcomes[0]!.loaded).toBe(20_100);
  });

  it("rolls back a CSV load whose rows went straight into the main tables when it fails before its commit", async () => {
    const rows = goalRows().map((r) => r.map((c) => (c === null ? "" : String(c))).join(","));
    const file = join(dir, "fails.csv");
    writeFileSync(file, rows.join("\n"));
    const db = await Database.open(":memory:");
    try {
      await ingestPaths(db, [EXAMPLES], undefined, {bulk: MODES.sql});
      const before = await snapshot(db);
      const taken = vi.spyOn(ImportWriter.prototype, "insertBulk");
      const write = vi.spyOn(ImportWriter.prototype, "write").mockRejectedValueOnce(new Error("disk full"));
      try {
        await expect(ingestPaths(db, [file], undefined, {bulk: MODES.sql})).rejects.toThrow("disk full");
        expect(await taken.mock.results[0]!.value).toBeGreaterThan(20);
      } finally {
        taken.mockRestore();
        write.mockRestore();
      }
      expect(await snapshot(db)).toEqual(before);
      expect(await db.value("SELECT count(*) FROM duckdb_tables() WHERE temporary")).toBe(0);
      // Nothing is left half done: the same file loads in full afterwards.
      const [report] = await ingestPaths(db, [file], undefined, {bulk: MODES.sql});
      expect(report!.status).toBe("loaded");
      expect(await db.value("SELECT count(*) FROM goal_indicators WHERE import_id = $id", {id: report!.importId!})).toBe(report!.rowsLoaded);
    } finally {
      db.close();
    }
  });
});
