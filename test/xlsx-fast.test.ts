// Tests for the fast streaming xlsx reader (loaders/xlsx/fast). Workbooks are generated into a
// temp dir: with exceljs (normal and streaming writers) and by hand (a tiny zip writer below).

import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import * as zlib from "node:zlib";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  type FastCell, isDateFormatCode, listSheets, readSheetRows, serialToDate, XlsxFormatError,
} from "../loaders/xlsx/fast/index.ts";
import {readSharedStrings, SharedStringsParser} from "../loaders/xlsx/fast/shared-strings.ts";
import {MergeDetector, SheetScanner} from "../loaders/xlsx/fast/sheet-scanner.ts";
import {dateStylesFromXml} from "../loaders/xlsx/fast/styles.ts";
import {readSmallPart, readWorkbookInfo} from "../loaders/xlsx/fast/workbook.ts";
import {ZipArchive} from "../loaders/xlsx/fast/zip.ts";

const EXPORTS = "/work/shared/examples/exports";
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xlsx-fast-test-"));
});
afterAll(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
});

// ---------------------------------------------------------------------------------------------
// helpers

type Rows = Map<number, FastCell[]>;

async function readFast(file: string, sheet: string | number, options?: {dates?: boolean; maxInflatedBytes?: number}): Promise<Rows> {
  const rows: Rows = new Map();
  let last = 0;
  const result = await readSheetRows(file, sheet, (n, cells) => {
    expect(n).toBeGreaterThan(last); // rows arrive in order
    last = n;
    rows.set(n, cells);
  }, options);
  expect(result.rows).toBe(rows.size);
  return rows;
}

function trimNulls(cells: FastCell[]): FastCell[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === null) end--;
  return cells.slice(0, end);
}

/** Marks a formula cell for which exceljs reports no cached result. */
const NO_RESULT = "\u0000exceljs: formula without result";

/** exceljs cell value -> what the fast reader returns for the same XML. */
function normalize(value: unknown): FastCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if ("formula" in v || "sharedFormula" in v) {
    // exceljs 4.4 drops a cached result of 0 (`<f>…</f><v>0</v>` reads as {formula} only)
    return v["result"] === undefined ? NO_RESULT : normalize(v["result"]);
  }
  if ("error" in v) return null;
  if (Array.isArray(v["richText"])) return (v["richText"] as {text: string}[]).map(r => r.text).join("");
  if ("hyperlink" in v) return normalize(v["text"]);
  throw new Error(`unexpected exceljs value ${JSON.stringify(value)}`);
}

/** All sheets read with exceljs's full reader; merged-cell slaves are reported as null (see below). */
async function readExceljs(file: string): Promise<Map<string, Rows>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, Rows>();
  wb.eachSheet(ws => {
    const rows: Rows = new Map();
    ws.eachRow({includeEmpty: false}, (row, n) => {
      const cells: FastCell[] = [];
      row.eachCell({includeEmpty: true}, (cell, col) => {
        // exceljs reports the master's value in every cell of a merged range; the XML (and the
        // fast reader) have the value only in the top-left cell.
        const slave = cell.isMerged && cell.master.address !== cell.address;
        cells[col - 1] = slave ? null : normalize(cell.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows.set(n, trimNulls(cells));
    });
    out.set(ws.name, rows);
  });
  return out;
}

function expectSameRows(fast: Rows, reference: Rows, label: string): void {
  const numbers = new Set([...fast.keys(), ...reference.keys()]);
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const a = fast.get(n) ?? [];
    let b = reference.get(n) ?? [];
    if (b.includes(NO_RESULT)) {
      // the XML holds 0 (or nothing): accept either from the fast reader
      b = trimNulls(b.map((v, i) => {
        if (v !== NO_RESULT) return v;
        expect([0, null], `${label} row ${n} col ${i}`).toContain(a[i] ?? null);
        return a[i] ?? null;
      }));
    }
    expect(a, `${label} row ${n}`).toEqual(b);
  }
}

/**
 * Scans every sheet twice, with the whole-row fast path and with the generic path only, and
 * checks both give the same rows. Returns how many rows each path handled in the first scan.
 */
async function compareScanPaths(file: string): Promise<{fastRows: number; genericRows: number}> {
  const zip = await ZipArchive.open(file);
  const total = {fastRows: 0, genericRows: 0};
  try {
    const info = await readWorkbookInfo(zip);
    const sharedStrings = info.sharedStringsPath ? await readSharedStrings(zip, info.sharedStringsPath, 1 << 30) : [];
    const stylesText = info.stylesPath ? await readSmallPart(zip, info.stylesPath) : undefined;
    const dateStyles = stylesText ? dateStylesFromXml(stylesText, file, info.stylesPath!) : null;
    for (const sheet of info.sheets) {
      const chunks: Buffer[] = [];
      for await (const c of zip.chunks(zip.get(sheet.path)!, {maxInflatedBytes: 1 << 30})) chunks.push(Buffer.from(c));
      const results = [true, false].map(fastPath => {
        const scanner = new SheetScanner({file, part: sheet.path, sharedStrings, dateStyles, date1904: info.date1904, fastPath});
        for (const c of chunks) scanner.feed(c);
        scanner.end();
        return {rows: scanner.rowNumbers.map((n, i) => [n, scanner.rowCells[i]]), stats: scanner.stats};
      });
      expect(results[0]!.rows, `${file} [${sheet.name}] fast vs generic path`).toEqual(results[1]!.rows);
      expect(results[1]!.stats.fastRows).toBe(0);
      total.fastRows += results[0]!.stats.fastRows;
      total.genericRows += results[0]!.stats.genericRows;
    }
  } finally {
    await zip.close();
  }
  return total;
}

async function compareWithExceljs(file: string): Promise<{fastRows: number; genericRows: number}> {
  const stats = await compareScanPaths(file);
  const reference = await readExceljs(file);
  const sheets = await listSheets(file);
  expect(sheets.map(s => s.name)).toEqual([...reference.keys()]);
  for (const s of sheets) {
    const fast = await readFast(file, s.name, {dates: true});
    expectSameRows(fast, reference.get(s.name)!, `${file} [${s.name}]`);
  }
  return stats;
}

async function expectFormatError(p: Promise<unknown>, pattern: RegExp): Promise<XlsxFormatError> {
  let error: unknown;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  expect(error, "expected an XlsxFormatError").toBeInstanceOf(XlsxFormatError);
  expect((error as Error).message).toMatch(pattern);
  return error as XlsxFormatError;
}

// ---------------------------------------------------------------------------------------------
// a tiny zip writer for hand-built packages

interface ZipInput {
  name: string;
  data: string | Buffer;
  method?: 0 | 8;
  /** Write sizes and CRC in a data descriptor after the data (flag bit 3). */
  descriptor?: boolean;
  /** Override the uncompressed size written to the headers. */
  declaredSize?: number;
  /** Override the method written to the headers. */
  declaredMethod?: number;
  flags?: number;
  crc?: number;
}

function crc32(data: Buffer): number {
  return zlib.crc32(data) >>> 0;
}

function buildZip(entries: ZipInput[], options: {zip64Marker?: boolean} = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === "string" ? Buffer.from(e.data, "utf8") : e.data;
    const method = e.method ?? 8;
    const body = method === 8 ? zlib.deflateRawSync(raw, {level: 9}) : raw;
    const crc = e.crc ?? crc32(raw);
    const usize = e.declaredSize ?? raw.length;
    const name = Buffer.from(e.name, "utf8");
    const flags = (e.flags ?? 0) | 0x800 | (e.descriptor ? 0x8 : 0);
    const declaredMethod = e.declaredMethod ?? method;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(declaredMethod, 8);
    local.writeUInt32LE(e.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(e.descriptor ? 0 : body.length, 18);
    local.writeUInt32LE(e.descriptor ? 0 : usize, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, body);
    let size = local.length + name.length + body.length;
    if (e.descriptor) {
      const dd = Buffer.alloc(16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(crc, 4);
      dd.writeUInt32LE(body.length, 8);
      dd.writeUInt32LE(usize, 12);
      parts.push(dd);
      size += dd.length;
    }
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(declaredMethod, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(usize, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += size;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(options.zip64Marker ? 0xffff : entries.length, 8);
  eocd.writeUInt16LE(options.zip64Marker ? 0xffff : entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, eocd]);
}

const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface PackageParts {
  sheets?: {name: string; xml: string; target?: string}[];
  sharedStrings?: string;
  styles?: string;
  workbookPr?: string;
  extra?: ZipInput[];
  method?: 0 | 8;
  descriptor?: boolean;
  workbookXml?: string;
}

function buildPackage(p: PackageParts): Buffer {
  const sheets = p.sheets ?? [];
  const sheetEls = sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const workbook = p.workbookXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}>${p.workbookPr ?? ""}<sheets>${sheetEls}</sheets></workbook>`;
  const rels = [
    ...sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${s.target ?? `worksheets/sheet${i + 1}.xml`}"/>`),
    p.sharedStrings !== undefined ? `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : "",
    p.styles !== undefined ? `<Relationship Id="rIdY" Type="${REL}/styles" Target="styles.xml"/>` : "",
  ].join("");
  const method = p.method ?? 8;
  const descriptor = p.descriptor ?? false;
  const entries: ZipInput[] = [
    {name: "[Content_Types].xml", data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
    {name: "_rels/.rels", data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
    {name: "xl/workbook.xml", data: workbook},
    {name: "xl/_rels/workbook.xml.rels", data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`},
    ...sheets.filter(s => s.target === undefined).map((s, i) => ({name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml})),
  ];
  if (p.sharedStrings !== undefined) entries.push({name: "xl/sharedStrings.xml", data: p.sharedStrings});
  if (p.styles !== undefined) entries.push({name: "xl/styles.xml", data: p.styles});
  for (const e of entries) {
    e.method = method;
    e.descriptor = descriptor;
  }
  return buildZip([...entries, ...(p.extra ?? [])]);
}

function sheetXml(sheetData: string, after = ""): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>${sheetData}</sheetData>${after}</worksheet>`;
}

function sst(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="${items.length}" uniqueCount="${items.length}">${items.join("")}</sst>`;
}

function colName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

function writeTemp(name: string, data: Buffer | string): string {
  const file = join(dir, name);
  writeFileSync(file, data);
  return file;
}

// ---------------------------------------------------------------------------------------------
// exceljs-generated workbooks, compared cell by cell with exceljs's own reader

const CHINESE = ["示例县教育局", "职业技能培训项目", "产出指标", "≥500人次", "偏差原因：经费保障", "  前后空格  ", "多行\n文本", "符号 <>&\"' 测试"];

function fillSheet(ws: ExcelJS.Worksheet): void {
  ws.addRow(["年度", "项目编码", "项目名称", "预算数（万元）", "执行率", "日期", "完成", "公式", "文本公式"]);
  for (let i = 0; i < 40; i++) {
    const row = ws.addRow([
      2023 + (i % 2),
      `2023-${String(i).padStart(3, "0")}-01`,
      CHINESE[i % CHINESE.length],
      i % 7 === 0 ? -1234.5 : Math.round(i * 1234.567) / 100,
      i % 5 === 0 ? 0.1 + 0.2 : i / 3,
      new Date(Date.UTC(2023, i % 12, 1 + (i % 28), i % 3 === 0 ? 0 : 8 + (i % 10), i % 60, 0)),
      i % 2 === 0,
      {formula: `D${i + 2}*2`, result: i * 2} as ExcelJS.CellFormulaValue,
      {formula: `B${i + 2}&"x"`, result: `编码${i}x`} as ExcelJS.CellFormulaValue,
    ]);
    if (i % 6 === 0) row.getCell(4).value = null; // empty cell in the middle
    row.commit();
  }
  ws.getCell("A60").value = "稀疏行";
  ws.getCell("AD60").value = 3.25; // column 30
  ws.getCell("C70").value = 1e15;
  ws.getCell("D70").value = 1.5e-7;
  ws.getCell("E70").value = -0;
  ws.getCell("F70").value = 123456789.123456;
  ws.getCell("G70").value = {formula: "1/0", result: {error: "#DIV/0!"}} as ExcelJS.CellFormulaValue;
  ws.getCell("H70").value = {richText: [{text: "富", font: {bold: true}}, {text: "文本"}]};
  ws.getCell("I70").value = {formula: "TRUE()", result: true} as ExcelJS.CellFormulaValue;
  ws.getCell("J70").value = {error: "#N/A"} as ExcelJS.CellErrorValue;
}


/** Whether the fast reader finds merged cells in a sheet (read in the same pass as its rows). */
async function hasMerges(file: string, sheet: string | number): Promise<boolean> {
  return (await readSheetRows(file, sheet, () => undefined, {merges: true})).merged === true;
}

describe("exceljs-generated workbooks", () => {
  it("normal Workbook writer: strings, numbers, dates, booleans, formulas, sparse rows, merges", async () => {
    const wb = new ExcelJS.Workbook();
    fillSheet(wb.addWorksheet("数据"));
    const forms = wb.addWorksheet("表单");
    forms.getCell("A1").value = "项目支出绩效自评表";
    forms.mergeCells("A1:F1");
    forms.getCell("A2").value = "项目名称";
    forms.getCell("B2").value = "职业技能培训项目";
    forms.mergeCells("B2:F3");
    forms.getCell("A4").value = 42;
    const file = join(dir, "normal.xlsx");
    await wb.xlsx.writeFile(file);

    const stats = await compareWithExceljs(file);
    expect(stats.fastRows).toBeGreaterThan(40);
    expect(await listSheets(file)).toEqual([
      {name: "数据", index: 0, path: "xl/worksheets/sheet1.xml"},
      {name: "表单", index: 1, path: "xl/worksheets/sheet2.xml"},
    ]);
    expect(await hasMerges(file, "数据")).toBe(false);
    expect(await hasMerges(file, 1)).toBe(true);

    const rows = await readFast(file, 0, {dates: true});
    expect(rows.get(1)![0]).toBe("年度");
    expect(rows.get(2)![5]).toEqual(new Date(Date.UTC(2023, 0, 1, 0, 0, 0)));
    expect(rows.get(60)).toEqual(["稀疏行", ...Array(28).fill(null), 3.25]);
    expect(rows.has(50)).toBe(false); // rows absent from the XML are not reported
    // without dates: the serial number
    const raw = await readFast(file, 0);
    expect(raw.get(2)![5]).toBe(44927);
    // merged range: only the master holds the value
    const form = await readFast(file, "表单");
    expect(form.get(1)).toEqual(["项目支出绩效自评表"]);
    expect(form.get(3) ?? []).toEqual([]);
  });

  for (const useSharedStrings of [true, false]) {
    it(`streaming WorkbookWriter with useSharedStrings: ${useSharedStrings}`, async () => {
      const file = join(dir, `stream-${useSharedStrings}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({filename: file, useSharedStrings, useStyles: true});
      const ws = wb.addWorksheet("明细");
      fillSheet(ws as unknown as ExcelJS.Worksheet);
      ws.commit();
      await wb.commit();
      const stats = await compareWithExceljs(file);
      expect(stats.fastRows).toBeGreaterThan(40);
      const rows = await readFast(file, "明细", {dates: true});
      expect(rows.get(3)![2]).toBe(CHINESE[1]);
      expect(rows.get(70)![7]).toBe("富文本"); // rich text: inline string runs concatenated
    });
  }
});

// ---------------------------------------------------------------------------------------------
// the sample exports shipped with the project

describe("example exports", () => {
  const files = readdirSync(EXPORTS).filter(f => f.endsWith(".xlsx")).sort();
  it("has sample workbooks", () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const name of files) {
    it(`reads ${name} like exceljs`, async () => {
      const file = join(EXPORTS, name);
      await compareWithExceljs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      for (const s of await listSheets(file)) {
        const merges = (wb.getWorksheet(s.name)!.model as {merges?: string[]}).merges ?? [];
        expect(await hasMerges(file, s.index), `${name} [${s.name}] merges`).toBe(merges.length > 0);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// hand-built packages

describe("hand-built xlsx", () => {
  const strings = sst([
    "<si><t>plain</t></si>",
    `<si><r><rPr><b/></rPr><t>rich</t></r><r><t xml:space="preserve"> text </t></r></si>`,
    `<si><t>&amp;&lt;&gt;&quot;&apos;&#20013;&#x6587;&#x1F600;</t></si>`,
    `<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>`,
    "<si><t>line_x000D_break</t></si>",
    "<si/>",
    "<si><t><![CDATA[<cdata & raw>]]></t></si>",
    "<si><t/></si>",
  ]);

  it("handles missing r attributes, inline strings, str/b/e/n types, formulas and shared strings", async () => {
    const data = [
      // row without r, cells without r
      `<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>`,
      // explicit r again, then a cell without r continues from the previous one
      `<row r="5"><c r="B5" t="s"><v>3</v></c><c t="s"><v>4</v></c><c r="E5" t="s"><v>5</v></c><c t="s"><v>6</v></c></row>`,
      // row without r after r=5 -> 6; inlineStr with rich runs and phonetic text left out
      `<row><c r="A6" t="inlineStr"><is><t>inline &amp; 中文</t></is></c>` +
        `<c r="B6" t="inlineStr"><is><r><t>a</t></r><r><rPr/><t xml:space="preserve"> b</t></r><rPh><t>x</t></rPh></is></c>` +
        `<c r="C6" t="str"><f>A6&amp;"!"</f><v>inline &amp;amp; 中文!</v></c>` +
        `<c r="D6" t="b"><v>1</v></c><c r="E6" t="b"><v>0</v></c><c r="F6" t="e"><v>#REF!</v></c>` +
        `<c r="G6" t="n"><v>1.5E-3</v></c><c r="H6"><f>1+1</f><v>2</v></c><c r="I6"><f t="shared" ref="I6:I7" si="0"/><v>-7.25</v></c>` +
        `<c r="J6" s="0"/><c r="K6"></c><c r="L6" t="s"><v>7</v></c></row>`,
      // whitespace between elements and attributes in unusual order/quotes
      `<row r="8" spans="1:3">\n  <c t='s' r='A8' s="0">\n <v>0</v>\n</c>\n  <c r="C8"><v> 12 </v></c><c r="D8" t="s"><v> 1 </v></c>\n</row>`,
      // empty self-closing row
      `<row r="9"/>`,
      // a row with cells out of column order
      `<row r="10"><c r="C10"><v>3</v></c><c r="A10"><v>1</v></c></row>`,
    ].join("");
    const file = writeTemp("hand.xlsx", buildPackage({sheets: [{name: "S", xml: sheetXml(data)}], sharedStrings: strings}));
    const rows = await readFast(file, "S");
    expect([...rows.keys()]).toEqual([1, 5, 6, 8, 9, 10]);
    expect(rows.get(1)).toEqual(["plain", "rich text ", "&<>\"'中文😀"]);
    expect(rows.get(5)).toEqual([null, "漢字", "line\rbreak", null, "", "<cdata & raw>"]);
    expect(rows.get(6)).toEqual(["inline & 中文", "a b", "inline &amp; 中文!", true, false, null, 0.0015, 2, -7.25, null, null, ""]);
    expect(rows.get(8)).toEqual(["plain", null, 12, "rich text "]);
    expect(rows.get(9)).toEqual([]);
    expect(rows.get(10)).toEqual([1, null, 3]);
  });

  it("reads rows larger than the inflate chunk size and very long cell text", async () => {
    const long = "长".repeat(30_000) + "&amp;";
    const cells = Array.from({length: 5000}, (_, i) => `<c r="${colName(i)}1" t="inlineStr"><is><t>${"值".repeat(100)}${i}</t></is></c>`).join("");
    const data = `<row r="1">${cells}</row><row r="2"><c r="A2" t="str"><v>${long}</v></c><c r="B2"><v>2</v></c></row>`;
    const file = writeTemp("bigrow.xlsx", buildPackage({sheets: [{name: "S", xml: sheetXml(data)}]}));
    const rows = await readFast(file, 0);
    const first = rows.get(1)!;
    expect(first.length).toBe(5000);
    expect(first[4999]).toBe(`${"值".repeat(100)}4999`);
    expect(rows.get(2)).toEqual([`${"长".repeat(30_000)}&`, 2]);
  });

  it("reads namespace-prefixed sheet XML (generic path)", async () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2.5</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c></x:row>` +
      `<x:row r="2"><x:c r="B2" t="b"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const file = writeTemp("prefixed.xlsx", buildPackage({sheets: [{name: "P", xml}], sharedStrings: strings}));
    const rows = await readFast(file, 0);
    expect(rows.get(1)).toEqual(["plain", 2.5, "内联"]);
    expect(rows.get(2)).toEqual([null, true]);
  });

  it("converts date-styled numbers (built-in, custom, zh-CN formats; 1900 and 1904 systems)", async () => {
    const styles = `<?xml version="1.0"?><styleSheet ${NS}><numFmts count="4">` +
      `<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>` +
      `<numFmt numFmtId="165" formatCode="0.00&quot;元&quot;"/><numFmt numFmtId="166" formatCode="[Red]0.00;[h]"/>` +
      `<numFmt numFmtId="167" formatCode="[h]:mm:ss"/></numFmts>` +
      `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="7">` +
      `<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"><alignment/></xf><xf numFmtId="165"/>` +
      `<xf numFmtId="22"/><xf numFmtId="31"/><xf numFmtId="167"/></cellXfs></styleSheet>`;
    const data = `<row r="1"><c r="A1" s="1"><v>44927</v></c><c r="B1" s="2"><v>45000.5</v></c><c r="C1" s="3"><v>12.5</v></c>` +
      `<c r="D1" s="4"><v>44927.75</v></c><c r="E1" s="5"><v>1</v></c><c r="F1" s="6"><v>0.5</v></c><c r="G1" s="0"><v>44927</v></c>` +
      `<c r="H1" s="1"><v>59</v></c><c r="I1" s="1"><v>61</v></c><c r="J1" t="d"><v>2024-02-29T10:30:00</v></c></row>`;
    const file = writeTemp("dates.xlsx", buildPackage({sheets: [{name: "D", xml: sheetXml(data)}], styles}));
    const [row] = [...(await readFast(file, 0, {dates: true})).values()];
    expect(row).toEqual([
      new Date("2023-01-01T00:00:00Z"), new Date("2023-03-15T12:00:00Z"), 12.5, new Date("2023-01-01T18:00:00Z"),
      new Date("1900-01-01T00:00:00Z"), new Date("1899-12-31T12:00:00Z"), 44927,
      new Date("1900-02-28T00:00:00Z"), new Date("1900-03-01T00:00:00Z"), new Date("2024-02-29T10:30:00Z"),
    ]);
    const [plain] = [...(await readFast(file, 0)).values()];
    expect(plain!.slice(0, 3)).toEqual([44927, 45000.5, 12.5]);

    const file1904 = writeTemp("dates1904.xlsx", buildPackage({sheets: [{name: "D", xml: sheetXml(data)}], styles, workbookPr: `<workbookPr date1904="1"/>`}));
    const [row1904] = [...(await readFast(file1904, 0, {dates: true})).values()];
    expect(row1904![0]).toEqual(new Date("2027-01-02T00:00:00Z"));
    expect(row1904![4]).toEqual(new Date("1904-01-02T00:00:00Z"));
  });

  it("date format detection ignores quoted text, brackets and escapes", () => {
    expect(isDateFormatCode("yyyy-mm-dd")).toBe(true);
    expect(isDateFormatCode("[$-804]yyyy\"年\"m\"月\"")).toBe(true);
    expect(isDateFormatCode("h:mm AM/PM")).toBe(true);
    expect(isDateFormatCode("0.00\"元\"")).toBe(false);
    expect(isDateFormatCode("[Red]#,##0.00")).toBe(false);
    expect(isDateFormatCode("#,##0\\d")).toBe(false);
    expect(isDateFormatCode("General")).toBe(false);
    expect(serialToDate(60, false)).toEqual(new Date("1900-02-28T00:00:00Z")); // the phantom 1900-02-29
  });

  it("reads stored entries, data descriptors and absolute relationship targets", async () => {
    const data = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>`;
    for (const [method, descriptor] of [[0, false], [0, true], [8, true]] as const) {
      const file = writeTemp(`m${method}${descriptor}.xlsx`, buildPackage({sheets: [{name: "S", xml: sheetXml(data)}], sharedStrings: strings, method, descriptor}));
      expect([...(await readFast(file, "S")).values()]).toEqual([["plain", 1]]);
    }
    const abs = buildPackage({
      sheets: [{name: "Abs", xml: "", target: "/xl/worksheets/other.xml"}],
      extra: [{name: "xl/worksheets/other.xml", data: sheetXml(data)}],
      sharedStrings: strings,
    });
    const file = writeTemp("abs.xlsx", abs);
    expect(await listSheets(file)).toEqual([{name: "Abs", index: 0, path: "xl/worksheets/other.xml"}]);
    expect([...(await readFast(file, "abs")).values()]).toEqual([["plain", 1]]); // names match case-insensitively
  });

  it("supports async onRow callbacks and propagates their errors", async () => {
    const data = Array.from({length: 50}, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join("");
    const file = writeTemp("async.xlsx", buildPackage({sheets: [{name: "S", xml: sheetXml(data)}]}));
    const seen: number[] = [];
    await readSheetRows(file, 0, async (n, cells) => {
      await new Promise(r => setTimeout(r, 0));
      seen.push(n, cells[0] as number);
    });
    expect(seen.length).toBe(100);
    expect(seen.slice(0, 4)).toEqual([1, 0, 2, 1]);
    await expect(readSheetRows(file, 0, n => {
      if (n === 10) throw new Error("stop here");
    })).rejects.toThrow("stop here");
    await expectFormatError(readSheetRows(file, "missing", () => undefined), /sheet "missing" not found/);
    await expectFormatError(readSheetRows(file, 3, () => undefined), /sheet 3 not found/);
  });

  it("detects merges with and without prefixes, and ignores an empty <mergeCells/>", async () => {
    const data = `<row r="1"><c r="A1"><v>1</v></c></row>`;
    const cases: [string, boolean][] = [
      [sheetXml(data, `<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>`), true],
      [sheetXml(data, `<mergeCells count="0"/>`), false],
      [sheetXml(data), false],
      [`<x:worksheet xmlns:x="urn:x"><x:sheetData/><x:mergeCells><x:mergeCell ref="A1:C1"/></x:mergeCells></x:worksheet>`, true],
    ];
    for (const [i, [xml, expected]] of cases.entries()) {
      const file = writeTemp(`merge${i}.xlsx`, buildPackage({sheets: [{name: "M", xml}]}));
      expect(await hasMerges(file, 0), `case ${i}`).toBe(expected);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// chunk boundaries: the scanners must give the same result however the input is split

describe("chunk boundaries", () => {
  const xml = sheetXml([
    `<row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>1</v></c><c r="B1" s="3"><v>-12.5</v></c><c r="C1" t="inlineStr"><is><t>中文 &amp; more</t></is></c><c r="D1"><f>B1*2</f><v>-25</v></c></row>`,
    `<row r="2"><c r="A2" t="str"><v>文本</v></c><c r="C2" t="b"><v>1</v></c><c r="AA2"><v>1.25E+3</v></c></row>`,
    `<row r="3"><!-- comment --><c r="A3"><v><![CDATA[42]]></v></c><x:c r="B3" xmlns:x="urn:x"><x:v>7</x:v></x:c></row>`,
    `<row><c t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c><c/><c><v>9</v></c></row>`,
  ].join("\n"));
  const sst = ["zero", "一"];
  const bytes = Buffer.from(xml, "utf8");

  let lastStats = {fastRows: 0, genericRows: 0};

  function scan(chunkSizes: (i: number) => number, fastPath = true): [number, FastCell[]][] {
    const scanner = new SheetScanner({file: "t.xlsx", part: "sheet", sharedStrings: sst, dateStyles: null, date1904: false, fastPath});
    lastStats = scanner.stats;
    const out: [number, FastCell[]][] = [];
    let i = 0;
    let k = 0;
    while (i < bytes.length) {
      const n = Math.max(1, chunkSizes(k++));
      scanner.feed(Buffer.from(bytes.subarray(i, i + n)));
      i += n;
      scanner.rowNumbers.forEach((r, j) => out.push([r, scanner.rowCells[j]!]));
      scanner.takeRows();
    }
    scanner.end();
    scanner.rowNumbers.forEach((r, j) => out.push([r, scanner.rowCells[j]!]));
    return out;
  }

  it("gives identical rows for every split", () => {
    const whole = scan(() => bytes.length);
    expect(whole).toEqual([
      [1, ["一", -12.5, "中文 & more", -25]],
      [2, ["文本", null, true, ...Array(23).fill(null), 1250]],
      [3, [42, 7]],
      [4, ["ab", null, 9]],
    ]);
    expect(lastStats).toEqual({fastRows: 2, genericRows: 2});
    expect(scan(() => bytes.length, false)).toEqual(whole);
    expect(lastStats).toEqual({fastRows: 0, genericRows: 4});
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
      expect(scan(() => size), `chunk ${size}`).toEqual(whole);
      expect(scan(() => size, false), `chunk ${size}, generic path`).toEqual(whole);
    }
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return 1 + (seed % 40);
    };
    for (let run = 0; run < 30; run++) expect(scan(random)).toEqual(whole);
  });

  it("finds merges split across chunks", () => {
    const xml = Buffer.from(sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>mergeCell text</t></is></c></row>`,
      `<mergeCells count="1"><x:mergeCell xmlns:x="urn:x" ref="A1:B1"/></mergeCells>`));
    for (const size of [1, 3, 8, 50, 97, xml.length]) {
      const d = new MergeDetector("t.xlsx", "sheet");
      for (let i = 0; i < xml.length && !d.found; i += size) d.feed(Buffer.from(xml.subarray(i, i + size)));
      expect(d.found, `chunk ${size}`).toBe(true);
    }
    const none = Buffer.from(sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>mergeCell:mergeCell mergeCells</t></is></c></row>`, `<mergeCells count="0"/>`));
    for (const size of [1, 5, none.length]) {
      const d = new MergeDetector("t.xlsx", "sheet");
      for (let i = 0; i < none.length; i += size) d.feed(Buffer.from(none.subarray(i, i + size)));
      expect(d.found, `no merges, chunk ${size}`).toBe(false);
    }
  });

  it("splits shared strings anywhere", () => {
    const text = sst2();
    const whole = parseSst(text, text.length);
    expect(whole).toEqual(["a&b", "富文本", "", "x y", "末"]);
    for (const size of [1, 2, 3, 7, 16]) expect(parseSst(text, size)).toEqual(whole);
  });

  function sst2(): Buffer {
    return Buffer.from(`<?xml version="1.0"?><sst xmlns="urn:x"><si><t>a&amp;b</t></si><si><r><t>富</t></r><r><t>文本</t></r></si><si/>` +
      `<si><t xml:space="preserve">x y</t></si><!-- note --><si><t>末</t></si></sst>`, "utf8");
  }

  function parseSst(buf: Buffer, size: number): string[] {
    const p = new SharedStringsParser("t.xlsx", "sst");
    for (let i = 0; i < buf.length; i += size) p.feed(Buffer.from(buf.subarray(i, i + size)));
    return p.end();
  }
});

// ---------------------------------------------------------------------------------------------
// hostile and corrupt input

describe("hostile and corrupt input", () => {
  const okSheet = sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>`);

  it("rejects DTDs and entity declarations", async () => {
    const dtd = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol">]><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol;</t></is></c></row></sheetData></worksheet>`;
    const f1 = writeTemp("dtd-sheet.xlsx", buildPackage({sheets: [{name: "S", xml: dtd}]}));
    await expectFormatError(readSheetRows(f1, 0, () => undefined), /dtd or entity declaration/);
    await expectFormatError(hasMerges(f1, 0), /dtd or entity declaration/);
    const f2 = writeTemp("dtd-sst.xlsx", buildPackage({sheets: [{name: "S", xml: okSheet}], sharedStrings: `<?xml version="1.0"?><!DOCTYPE sst><sst><si><t>x</t></si></sst>`}));
    await expectFormatError(readSheetRows(f2, 0, () => undefined), /dtd or entity declaration/);
    const f3 = writeTemp("dtd-wb.xlsx", buildPackage({sheets: [{name: "S", xml: okSheet}], workbookXml: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><workbook ${NS}><sheets/></workbook>`}));
    await expectFormatError(listSheets(f3), /dtd or entity declaration/);
  });

  it("rejects zip bombs: size cap, compression ratio, and lying declared sizes", async () => {
    const huge = sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>${" ".repeat(24 * 1024 * 1024)}`);
    const bomb = writeTemp("bomb.xlsx", buildPackage({sheets: [{name: "S", xml: huge}]}));
    expect(readFileSync(bomb).length).toBeLessThan(64 * 1024);
    await expectFormatError(readSheetRows(bomb, 0, () => undefined, {maxInflatedBytes: 1024 * 1024}), /over the limit.*zip bomb/);
    await expectFormatError(readSheetRows(bomb, 0, () => undefined), /compression ratio over 1000:1/);
    // a central directory that understates the size must not get past the declared size
    const medium = sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>${"<row/>".repeat(100_000)}`);
    const liar = buildZip([
      {name: "_rels/.rels", data: `<Relationships><Relationship Id="r" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
      {name: "xl/workbook.xml", data: `<workbook ${NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`},
      {name: "xl/_rels/workbook.xml.rels", data: `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
      {name: "xl/worksheets/sheet1.xml", data: medium, declaredSize: 4096},
    ]);
    const f = writeTemp("liar.xlsx", liar);
    await expectFormatError(readSheetRows(f, 0, () => undefined), /inflates past its declared size/);
  });

  it("never follows relationship targets outside the package", async () => {
    const file = writeTemp("escape.xlsx", buildPackage({sheets: [{name: "S", xml: "", target: "../../../../etc/passwd"}]}));
    await expectFormatError(listSheets(file), /points outside the package/);
    const url = writeTemp("url.xlsx", buildPackage({sheets: [{name: "S", xml: "", target: "file:///etc/passwd"}]}));
    await expectFormatError(listSheets(url), /not a path inside the package/);
  });

  it("rejects zip64, unsupported methods, encryption and bad CRCs", async () => {
    const entries = (): ZipInput[] => [{name: "xl/workbook.xml", data: `<workbook ${NS}><sheets/></workbook>`}];
    await expectFormatError(listSheets(writeTemp("z64.xlsx", buildZip(entries(), {zip64Marker: true}))), /zip64/);
    const bz = entries();
    bz[0]!.declaredMethod = 12;
    await expectFormatError(listSheets(writeTemp("bzip.xlsx", buildZip(bz))), /unsupported compression method 12/);
    const enc = entries();
    enc[0]!.flags = 1;
    await expectFormatError(listSheets(writeTemp("enc.xlsx", buildZip(enc))), /encrypted/);
    const crc = entries();
    crc[0]!.crc = 1234;
    await expectFormatError(listSheets(writeTemp("crc.xlsx", buildZip(crc))), /crc-32 mismatch/);
  });

  it("rejects text files, truncated and damaged zips, and zips that are not workbooks", async () => {
    const text = writeTemp("text.xlsx", "年度,项目编码\n2023,001\n");
    await expectFormatError(listSheets(text), /text\.xlsx: not a zip file/);
    await expectFormatError(readSheetRows(text, 0, () => undefined), /not a zip file/);
    await expectFormatError(hasMerges(text, 0), /not a zip file/);
    await expectFormatError(listSheets(writeTemp("empty.xlsx", "")), /not a zip file/);

    const good = readFileSync(join(EXPORTS, "projects.xlsx"));
    for (const cut of [10, 100, Math.floor(good.length / 2), good.length - 30, good.length - 1]) {
      const f = writeTemp(`trunc-${cut}.xlsx`, good.subarray(0, cut));
      await expectFormatError(readSheetRows(f, 0, () => undefined), /truncated|not a zip|corrupt/);
    }
    // flip bytes inside the compressed sheet data
    const damaged = Buffer.from(good);
    const at = damaged.indexOf("xl/worksheets/sheet1.xml") + 200;
    for (let i = 0; i < 64; i++) damaged[at + i] = damaged[at + i]! ^ 0x5a;
    await expectFormatError(readSheetRows(writeTemp("damaged.xlsx", damaged), 0, () => undefined), /corrupt|crc|inflate|truncated|xml/);

    const notWorkbook = writeTemp("plain.zip.xlsx", buildZip([{name: "readme.txt", data: "hello"}]));
    await expectFormatError(listSheets(notWorkbook), /not an xlsx workbook/);
    // truncated sheet XML inside a valid zip
    const cutXml = writeTemp("cutxml.xlsx", buildPackage({sheets: [{name: "S", xml: `<worksheet><sheetData><row r="1"><c r="A1"><v>1`}]}));
    await expectFormatError(readSheetRows(cutXml, 0, () => undefined), /truncated/);
    // shared string index out of range
    const badIdx = writeTemp("badidx.xlsx", buildPackage({sheets: [{name: "S", xml: sheetXml(`<row r="1"><c r="A1" t="s"><v>5</v></c></row>`)}], sharedStrings: sst(["<si><t>a</t></si>"])}));
    await expectFormatError(readSheetRows(badIdx, 0, () => undefined), /shared string index 5 out of range/);
  });
});
