import {describe, expect, test} from "vitest";
import type {Figures, QueryResult} from "../../src/report/figures.ts";
import {formatFigure} from "../../src/report/format.ts";
import {chineseNumber, renderCongressHtml} from "../../src/report/html.ts";
import {parseBlocks, stripComments} from "../../src/report/markdown.ts";
import {parseProse} from "../../src/report/prose.ts";
import {expandTemplate, FIGURE_MARK, TemplateError} from "../../src/report/template.ts";
import {htmlText} from "./support.ts";

function query(id: string, rows: Record<string, unknown>[], single = rows.length === 1): QueryResult {
  return {
    id, file: `src/report/congress/${id}.sql`, grain: single ? "one row per report" : "one row per thing", sources: "marts.x (x)",
    single, columns: Object.keys(rows[0] ?? {}), rows, sourceFiles: [`/data/${id}.xlsx`]
  };
}

const figures: Figures = new Map([
  ["meta", query("meta", [{year: 2020, eval_year: 2019}])],
  ["goals", query("goals", [{units: 178, projects: 776, funds_wan: 645215.01, coverage: 1}])],
  ["kinds", query("kinds", [{fund_kind: "专项转移支付", funds_wan: 300202.87}, {fund_kind: "扶贫资金", funds_wan: 4322.41}], false)],
  ["none", query("none", [], false)],
  ["zero", query("zero", [{count: 0}])]
]);

/** Expanded text with each figure marker replaced by its formatted text. */
function fill(source: string): string {
  const result = expandTemplate(source, figures);
  return result.text.replace(FIGURE_MARK, (_m, i: string) => result.figures[Number(i)]!.text);
}

describe("formatFigure", () => {
  test.each([
    ["funds_wan", 645215.01, "645,215.01"],
    ["funds_wan", 769453, "769,453.00"],
    ["funds_wan", 0.125, "0.13"],
    ["coverage", 1, "100%"],
    ["coverage", 5 / 6, "83.33%"],
    ["deduction_rate", 0.1, "10%"],
    ["execution_rate", 0.2606, "26.06%"],
    ["total_score", 78.94, "78.94"],
    ["score", 88, "88"],
    ["year", 2020, "2020"],
    ["eval_year", 2019, "2019"],
    ["projects", 926, "926"],
    ["projects", 12345, "12,345"],
    ["periods", "1-5月、1-9月", "1-5月、1-9月"],
    ["projects", null, "—"],
    ["flag", true, "是"]
  ])("%s %s → %s", (column, value, text) => {
    expect(formatFigure(column, value)).toBe(text);
  });
});

describe("expandTemplate", () => {
  test("fills figures of one-row queries", () => {
    expect(fill("{{goals.units}}个单位{{goals.projects}}个项目{{goals.funds_wan}}万元，覆盖率{{goals.coverage}}"))
      .toBe("178个单位776个项目645,215.01万元，覆盖率100%");
  });
  test("each with separator, row fields and an else branch", () => {
    expect(fill('{{#each kinds sep="，"}}{{fund_kind}}{{funds_wan}}万元{{/each}}')).toBe("专项转移支付300,202.87万元，扶贫资金4,322.41万元");
    expect(fill('{{#each kinds sep="、" limit=1}}{{kinds.fund_kind}}{{/each}}')).toBe("专项转移支付");
    expect(fill("{{#each none}}x{{else}}无{{/each}}")).toBe("无");
  });
  test("if on a figure and on a list", () => {
    expect(fill("{{#if zero.count}}有{{else}}没有{{/if}}")).toBe("没有");
    expect(fill("{{#if goals.projects}}有{{goals.projects}}个{{/if}}")).toBe("有776个");
    expect(fill("{{#if none}}有{{else}}空{{/if}}{{#if kinds}}，有{{/if}}")).toBe("空，有");
  });
  test("records every figure with its query, column and row", () => {
    const result = expandTemplate("{{goals.projects}}{{#each kinds}}{{funds_wan}}{{/each}}", figures);
    expect(result.figures.map((f) => [f.query, f.column, f.row, f.value])).toEqual([
      ["goals", "projects", 0, 776], ["kinds", "funds_wan", 0, 300202.87], ["kinds", "funds_wan", 1, 4322.41]
    ]);
  });
  test.each([
    ["{{goals.projcts}}", /第 1 行：查询 goals 没有字段 projcts/],
    ["\n\n{{nothing.x}}", /第 3 行：没有名为 nothing 的查询/],
    ["{{kinds.funds_wan}}", /kinds 是多行查询/],
    ["{{projects}}", /应写成 \{\{查询\.字段\}\}/],
    ["{{#each kinds}}x", /没有结束标记/],
    ["{{/if}}", /没有对应的开始标记/],
    ["{{goals.projects + 1}}", /无法解析占位符/],
    ['{{table kinds columns="nope:表头"}}', /kinds 没有字段 nope/]
  ])("rejects %s", (source, message) => {
    expect(() => expandTemplate(source, figures)).toThrow(TemplateError);
    expect(() => expandTemplate(source, figures)).toThrow(message);
  });
});

describe("markdown and numbering", () => {
  test("blocks: headings, joined paragraph lines, lists, page breaks; comments keep line numbers", () => {
    const text = stripComments("# 一\n<!-- a\nb -->\n第一行\n第二行\n\n- 甲\n- 乙\n---\n1. 丙");
    expect(text.split("\n")).toHaveLength(10);
    expect(parseBlocks(text)).toEqual([
      {kind: "heading", level: 1, text: "一"},
      {kind: "paragraph", text: "第一行第二行"},
      {kind: "list", ordered: false, items: ["甲", "乙"]},
      {kind: "pagebreak"},
      {kind: "list", ordered: true, items: ["丙"]}
    ]);
  });
  test.each([[1, "一"], [10, "十"], [12, "十二"], [20, "二十"], [35, "三十五"]])("chineseNumber(%i) = %s", (n, text) => {
    expect(chineseNumber(n)).toBe(text);
  });
  test("front matter, numbered headings, traced figures and the sources appendix", () => {
    const prose = parseProse([
      "---", "draft: true", 'title: "{{meta.year}}年度报告"', "addressee: 市人大常委会：", "---",
      "# 工作开展情况", "## 编制绩效目标", "### 项目绩效目标", "共{{goals.projects}}个项目。", "## 绩效监控", "正文。", "# 问题"
    ].join("\n"));
    const report = renderCongressHtml(prose, figures);
    expect(report.title).toBe("2020年度报告");
    expect(report.headings.map((h) => h.number + h.text)).toEqual(["一、工作开展情况", "（一）编制绩效目标", "1．项目绩效目标", "（二）绩效监控", "二、问题"]);
    const text = htmlText(report.html);
    expect(text).toContain("共776个项目。[1]");
    expect(report.html).toContain('data-figure="goals.projects"');
    expect(report.html).toMatch(/<tr id="note-1">.*goals.*src\/report\/congress\/goals\.sql.*projects = 776.*goals\.xlsx/s);
    // the table of contents lists levels 1 and 2 and the appendix, each with a page slot
    expect(report.html.match(/data-toc-page=/g)).toHaveLength(5);
    expect(report.html).not.toMatch(/<(link|script|img)\b/);
  });
});
