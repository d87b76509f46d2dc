// The report to the people's congress on the example county (2023): PDF with page numbers and a table of
// contents, and the figures in its text equal to what DuckDB computes from the raw tables.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {pdfDestinations} from "../../src/browser/chromium.ts";
import type {Database} from "../../src/db/database.ts";
import {buildCongressReport, writeCongressReport, type CongressReport} from "../../src/report/congress.ts";
import {formatFigure} from "../../src/report/format.ts";
import {congressTemplate, defaultProsePath, initProse, parseProse, readProse} from "../../src/report/prose.ts";
import {chineseFonts, EXAMPLES, htmlText, poppler, scoredDatabase, squash, tempDir} from "./support.ts";

let db: Database;
let report: CongressReport;
let dir: string;
let pdfText: string;
let pages: string[];
let pdfPath: string;
let pageCount: number;

beforeAll(async () => {
  db = await scoredDatabase([EXAMPLES]);
  dir = tempDir();
  // The example county has one year, 2023: report its own self-evaluations (--eval-year 2023).
  report = await buildCongressReport(db, {year: 2023, evalYear: 2023, prose: parseProse(congressTemplate(), "template")});
  pdfPath = join(dir, "congress-2023.pdf");
  const result = await writeCongressReport(report, {pdf: pdfPath, html: join(dir, "congress-2023.html")});
  pageCount = result!.pages;
  pdfText = poppler("pdftotext", ["-layout", pdfPath, "-"]);
  pages = pdfText.split("\f");
}, 180_000);

afterAll(() => db?.close());

/** A figure computed here straight from the raw tables, independent of the report's queries. */
async function raw(sql: string): Promise<number> {
  return Number(await db.value(sql));
}

describe("congress report PDF", () => {
  test("is an A4 PDF whose pages say 第 X 页 / 共 Y 页", () => {
    const info = poppler("pdfinfo", [pdfPath]);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(pageCount);
    expect(info).toMatch(/Title:\s+2023年度预算绩效管理情况报告/);
    expect(pageCount).toBeGreaterThanOrEqual(4);
    for (let n = 1; n <= pageCount; n++) {
      expect(squash(pages[n - 1]!)).toContain(`第${n}页/共${pageCount}页`);
    }
  });

  test("embeds a locally installed Chinese font", () => {
    expect(chineseFonts().length).toBeGreaterThan(0);
    // every font is embedded and maps to Unicode (Skia embeds some CJK fonts as Type 3 outlines)
    const fonts = poppler("pdffonts", [pdfPath]).split("\n").slice(2).filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\byes\s+\S+\s+yes\s+\d+\s+\d+\s*$/);
  });

  test("starts with a table of contents whose page numbers are where the headings are", () => {
    const dests = poppler("pdfinfo", ["-dests", pdfPath]);
    const destPage = (id: string) => Number(new RegExp(`^\\s*(\\d+) .*"${id}"$`, "m").exec(dests)?.[1]);
    // our own reader of the PDF agrees with poppler
    const ours = pdfDestinations(readFileSync(pdfPath));
    const toc = pages[0]!;
    expect(squash(toc)).toContain("目录");
    const entries = report.headings.filter((h) => h.level <= 2);
    expect(entries.length).toBeGreaterThanOrEqual(8);
    for (const h of [...entries, {id: "sec-sources", number: "附：", text: "数据来源"}]) {
      const page = destPage(h.id);
      expect(page, h.id).toBeGreaterThan(1);
      expect(ours[h.id]).toBe(page);
      // the TOC line: numbered heading, dot leader, the page it starts on
      const line = toc.split("\n").find((l) => squash(l).startsWith(squash(h.number + h.text)));
      expect(line, h.text).toBeDefined();
      expect(squash(line!).endsWith(String(page)), `${line}`).toBe(true);
      // and the heading really is on that page
      expect(squash(pages[page - 1]!)).toContain(squash(h.number + h.text));
    }
  });

  test("numbers the headings in the seed's way: 一、（一）1．", () => {
    const text = squash(pdfText);
    for (const heading of ["一、全面实施预算绩效管理制度建设情况", "二、预算绩效管理工作开展情况", "（一）编制绩效目标", "1．项目绩效目标",
      "2．整体绩效目标", "（二）实施绩效监控", "（三）开展绩效评价", "（四）评价结果应用", "三、存在的问题和困难", "四、下一步工作措施", "附：数据来源"]) {
      expect(text).toContain(heading);
    }
  });

  test("states the figures that DuckDB computes from the raw tables", async () => {
    const text = squash(pdfText);
    const wan = (v: number) => formatFigure("funds_wan", v);
    const projects = await raw("SELECT count(*) FROM projects WHERE year = 2023");
    const funds = await raw("SELECT sum(budget_wan) FROM projects WHERE year = 2023");
    const units = await raw("SELECT count(DISTINCT unit_code) FROM projects WHERE year = 2023");
    expect([projects, units, funds]).toEqual([7, 5, 520]);
    expect(text).toContain(`2023年，${units}个预算单位编制了${projects}个项目的绩效目标，涉及金额${wan(funds)}万元，项目绩效目标覆盖率100%`);
    for (const row of await db.all<{fund_kind: string; s: number}>("SELECT fund_kind, sum(budget_wan) AS s FROM projects WHERE year = 2023 GROUP BY 1")) {
      expect(text).toContain(`${row.fund_kind}${wan(row.s)}万元`);
    }
    const periods = await raw("SELECT count(DISTINCT period) FROM monitoring WHERE year = 2023");
    const monitored = await raw("SELECT count(DISTINCT project_code) FROM monitoring WHERE year = 2023");
    expect(text).toContain(`共开展项目支出绩效监控${periods}次（1-5月、1-8月），监控项目${monitored}个，项目支出绩效监控覆盖率${formatFigure("coverage", monitored / projects)}`);
    const selfevaluated = await raw("SELECT count(*) FROM (SELECT project_code FROM selfeval_totals WHERE year = 2023 UNION SELECT project_code FROM selfeval_indicators WHERE year = 2023)");
    expect(text).toContain(`涉及${selfevaluated}个项目${wan(funds)}万元，覆盖率100%`);
    const deptEval = await raw("SELECT sum(amount_wan) FROM evaluations WHERE year = 2023 AND eval_type = '部门评价'");
    expect(text).toContain(`部门评价1个，涉及金额${wan(deptEval)}万元`);
    expect(text).toContain(`财政重点评价1个，涉及金额${wan(80)}万元`);
    // cuts from the hand-computed expected results of shared/examples (README): 20 + 5 + 18 + 9
    const expected = readFileSync(new URL("../../../shared/examples/expected/project_scores.csv", import.meta.url), "utf8");
    expect(expected).toContain("2023-004-01");
    expect(text).toContain(`对评价结果较差的4个项目按比例扣减预算，共计${wan(52)}万元`);
    expect(text).toContain(`收回资金${wan(60)}万元（1个项目）`);
    // the evaluated objects listed with amount, score and grade
    expect(text).toContain("农村公路建设项目项目200.0076中");
    expect(text).toContain("耕地地力保护补贴项目80.0088良");
  });

  test("every figure of the text is traced to its query, tables and files in 「数据来源」", () => {
    // reading order (-raw) keeps each table cell's text together
    const raw = poppler("pdftotext", ["-raw", pdfPath, "-"]);
    const sources = squash(raw.slice(raw.lastIndexOf("附：数据来源")));
    expect(report.figures.length).toBeGreaterThan(40);
    for (const note of report.notes) {
      expect(sources).toContain(`[${note.number}]`);
      expect(sources).toContain(squash(note.query.file));
    }
    for (const id of new Set(report.figures.map((f) => f.query))) expect(report.notes.some((n) => n.query.id === id)).toBe(true);
    expect(sources).toContain("projects.xlsx");
    expect(sources).toContain("evaluations.csv");
    expect(sources).toContain("goals.sql");
  });

  test("the HTML is self-contained", () => {
    const html = readFileSync(join(dir, "congress-2023.html"), "utf8");
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<(link|script|img|iframe)\b|url\(|@import/);
    expect(htmlText(html)).toContain("7个项目的绩效目标");
  });
});

describe("prose file", () => {
  test("--init-prose writes the template once, and never overwrites the analyst's edits", () => {
    const path = join(tempDir(), "reports", "prose", "congress-2023.md");
    expect(initProse(path)).toBe(true);
    const prose = readProse(path);
    expect(prose.meta.draft).toBe("true");
    expect(prose.body).toContain("{{goals.projects}}");
    expect(initProse(path)).toBe(false);
    expect(defaultProsePath(2023)).toMatch(/reports\/prose\/congress-2023\.md$/);
    expect(existsSync(path)).toBe(true);
  });

  test("the analyst's own wording is used as written", async () => {
    const prose = parseProse("---\ntitle: 测试报告\n---\n# 概况\n本县共有项目{{goals.all_projects}}个，自评{{selfeval.projects}}个。\n");
    const own = await buildCongressReport(db, {year: 2023, evalYear: 2023, prose});
    expect(htmlText(own.html)).toContain("本县共有项目7个，自评7个。");
    expect(own.headings).toEqual([{id: "sec-1", level: 1, number: "一、", text: "概况"}]);
  });
});
