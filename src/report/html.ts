import {basename} from "node:path";
import {COLUMN_LABELS} from "../glossary.ts";
import type {Figures, QueryResult} from "./figures.ts";
import {figureKind, formatFigure} from "./format.ts";
import {escapeHtml, inlineHtml, parseBlocks, stripComments, type Block} from "./markdown.ts";
import type {Prose} from "./prose.ts";
import {expandTemplate, FIGURE_MARK, TABLE_MARK, type FigureRef, type TableRef} from "./template.ts";

/** A numbered heading of the report; levels 1 and 2 go into the table of contents. */
export interface Heading {
  id: string;
  level: 1 | 2 | 3;
  number: string;
  text: string;
}

/** One entry of 「数据来源」: a query whose figures the text uses. */
export interface Note {
  number: number;
  query: QueryResult;
  /** Columns of the query that the text shows. */
  columns: string[];
}

export interface RenderedReport {
  title: string;
  html: string;
  headings: Heading[];
  figures: FigureRef[];
  notes: Note[];
}

/** Column labels of report tables when the prose does not give its own. */
const REPORT_LABELS: Record<string, string> = {
  ...COLUMN_LABELS,
  projects: "项目数（个）", funds_wan: "金额（万元）", share: "占比", amount_wan: "金额（万元）", eval_type: "评价类型",
  object_type: "对象类型", object_name: "评价对象", evaluator: "评价机构", reason: "情形", month: "月份",
  warnings: "整改预警（次）", rectified: "已整改（次）", proposed_cut_wan: "拟扣减（万元）", decided_cut_wan: "审定扣减（万元）",
  status: "审核情况", final_grade_rank: "等级序号", rule_id: "规则编号"
};

/** The query of the report's parameters (years, policy name). */
const PARAMETERS_QUERY = "meta";

const DIGITS = "零一二三四五六七八九";

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (headings never reach a hundred). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones ? DIGITS[ones] : ""}`;
}

function headingNumber(level: 1 | 2 | 3, n: number): string {
  if (level === 1) return `${chineseNumber(n)}、`;
  if (level === 2) return `（${chineseNumber(n)}）`;
  return `${n}．`;
}

/** Figures as text only (for the title and other front-matter values). */
function plainText(text: string, figures: FigureRef[]): string {
  return text.replace(FIGURE_MARK, (_m, i: string) => figures[Number(i)]!.text).replace(TABLE_MARK, "");
}

const STYLE = `
@page { size: A4; }
:root {
  --serif: "FangSong", "FangSong_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC",
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", serif;
  --sans: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
    "Droid Sans Fallback", sans-serif;
}
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: var(--serif); font-size: 14pt; line-height: 1.75; color: #000; }
@media screen { body { max-width: 170mm; margin: 2em auto; padding: 0 1em; } }
h1, h2, h3, .title, .toc-title { font-family: var(--sans); font-weight: bold; break-after: avoid; page-break-after: avoid; }
.title { font-size: 20pt; text-align: center; margin: 0 0 1.2em; line-height: 1.5; }
.cover { break-after: page; page-break-after: always; }
.toc-title { font-size: 16pt; text-align: center; letter-spacing: 1em; margin: 0.5em 0 0.8em; }
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc li a { display: flex; align-items: baseline; color: #000; text-decoration: none; }
.toc li.l1 { font-size: 13pt; margin-top: 0.3em; }
.toc li.l2 { font-size: 12pt; padding-left: 2em; }
.toc .dots { flex: 1; border-bottom: 1px dotted #555; margin: 0 0.4em; transform: translateY(-0.3em); }
.toc .page { min-width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
main h1 { font-size: 15pt; margin: 1.2em 0 0.4em; }
main h2 { font-size: 14pt; margin: 0.9em 0 0.3em; font-family: var(--sans); }
main h3 { font-size: 14pt; margin: 0.6em 0 0.2em; font-weight: bold; font-family: var(--serif); }
h1.body-title { text-align: center; font-size: 18pt; margin: 0 0 1em; }
p { margin: 0 0 0.4em; text-indent: 2em; text-align: justify; }
p.addressee { text-indent: 0; }
ul, ol.list { margin: 0 0 0.4em 2em; padding-left: 1em; }
.signature { margin-top: 2em; text-align: right; }
.signature p { text-indent: 0; text-align: right; margin: 0; }
.fig { font-variant-numeric: tabular-nums; }
sup.trace { font-size: 7pt; color: #666; line-height: 0; margin-left: 0.1em; }
sup.trace a { color: #666; text-decoration: none; }
.pagebreak { break-after: page; page-break-after: always; }
table.data { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.2em; font-size: 10.5pt; line-height: 1.45; }
table.data th, table.data td { border: 1px solid #444; padding: 0.15em 0.35em; vertical-align: top; }
table.data th { background: #eee; font-family: var(--sans); font-weight: normal; }
table.data td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data td.short { white-space: nowrap; }
.table-source a, sup.trace a { color: #555; text-decoration: none; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
table.data thead { display: table-header-group; }
.table-source { font-size: 9pt; color: #444; text-align: right; margin: 0 0 0.6em; text-indent: 0; }
section.sources { break-before: page; page-break-before: always; }
section.sources h1 { font-size: 15pt; }
section.sources p { font-size: 10.5pt; text-indent: 0; }
section.sources table.data { font-size: 8.5pt; }
section.sources td { word-break: break-all; }
`;

/**
 * The report as one self-contained HTML page (inline CSS, no external resource): title and table of
 * contents, the analyst's prose with every field filled from the queries, and 「数据来源」 tracing
 * each figure to its query, the tables it read and the exported files behind them.
 */
export function renderCongressHtml(prose: Prose, figures: Figures): RenderedReport {
  const allFigures: FigureRef[] = [];
  const allTables: TableRef[] = [];
  const expand = (text: string, firstLine: number) => {
    const result = expandTemplate(text, figures, firstLine);
    // Markers are numbered per expansion; shift them into the document-wide lists.
    const figureBase = allFigures.length;
    const tableBase = allTables.length;
    allFigures.push(...result.figures);
    allTables.push(...result.tables);
    return result.text
      .replace(FIGURE_MARK, (_m, i: string) => `\uE000${Number(i) + figureBase}\uE001`)
      .replace(TABLE_MARK, (_m, i: string) => `\uE002${Number(i) + tableBase}\uE003`);
  };

  const meta = Object.fromEntries(Object.entries(prose.meta).map(([key, text]) => {
    const expanded = expandTemplate(text, figures);
    return [key, plainText(expanded.text, expanded.figures)];
  }));
  const title = meta.title ?? "预算绩效管理情况报告";
  const body = expand(stripComments(prose.body), prose.bodyLine);
  const blocks = parseBlocks(body);

  // Notes are numbered in order of first use.
  const noteOf = new Map<string, Note>();
  const noteFor = (queryId: string, column: string | null): Note => {
    let note = noteOf.get(queryId);
    if (!note) {
      note = {number: noteOf.size + 1, query: figures.get(queryId)!, columns: []};
      noteOf.set(queryId, note);
    }
    if (column && !note.columns.includes(column)) note.columns.push(column);
    return note;
  };
  const traceMarks = (numbers: number[]) => numbers.length === 0 ? "" :
    `<sup class="trace">${[...new Set(numbers)].sort((a, b) => a - b).map((n) => `<a href="#note-${n}">[${n}]</a>`).join("")}</sup>`;

  const inline = (text: string): {html: string; notes: number[]} => {
    const notes: number[] = [];
    const html = inlineHtml(text).replace(FIGURE_MARK, (_m, i: string) => {
      const figure = allFigures[Number(i)]!;
      const note = noteFor(figure.query, figure.column);
      // The report's own parameters (years, policy) are listed in 「数据来源」 but not marked in the text.
      if (figure.query !== PARAMETERS_QUERY) notes.push(note.number);
      const query = figures.get(figure.query)!;
      const where = `${figure.query}.${figure.column}${query.single ? "" : `［第 ${figure.row + 1} 行］`}（${query.file}）`;
      return `<span class="fig" data-figure="${escapeHtml(`${figure.query}.${figure.column}`)}" title="${escapeHtml(where)}">${escapeHtml(figure.text)}</span>`;
    }).replace(TABLE_MARK, "");
    return {html, notes};
  };

  const table = (ref: TableRef): string => {
    const query = figures.get(ref.query)!;
    const note = noteFor(query.id, null);
    const columns = ref.columns ?? query.columns.map((name) => ({name, label: REPORT_LABELS[name] ?? name}));
    for (const c of columns) noteFor(query.id, c.name);
    const rows = ref.limit === null ? query.rows : query.rows.slice(0, ref.limit);
    const numeric = (name: string) => query.rows.some((r) => figureKind(name, r[name]) !== "text");
    // Short texts (grades, periods, statuses) stay on one line.
    const short = (name: string) => rows.every((r) => formatFigure(name, r[name]).length <= 6);
    // Once per column: `numeric` reads every row of the query (a province's cut list has tens of thousands).
    const cellClass = new Map(columns.map((c) => [c.name, numeric(c.name) ? ' class="num"' : short(c.name) ? ' class="short"' : ""]));
    const head = columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join("");
    const bodyRows = rows.map((row) => `<tr>${columns.map((c) =>
      `<td${cellClass.get(c.name)}>${escapeHtml(formatFigure(c.name, row[c.name]))}</td>`).join("")}</tr>`);
    if (rows.length === 0) bodyRows.push(`<tr><td colspan="${columns.length}">（无）</td></tr>`);
    if (rows.length < query.rows.length) {
      bodyRows.push(`<tr><td colspan="${columns.length}">……共 ${query.rows.length} 项，此处列出前 ${rows.length} 项</td></tr>`);
    }
    return `<table class="data"><thead><tr>${head}</tr></thead><tbody>${bodyRows.join("")}</tbody></table>` +
      `<p class="table-source">数据来源：${traceMarks([note.number]).replace(/<\/?sup[^>]*>/g, "")}</p>`;
  };

  const headings: Heading[] = [];
  const counters = [0, 0, 0];
  const out: string[] = [];
  let first = true;
  for (const block of blocks as Block[]) {
    switch (block.kind) {
      case "heading": {
        const level = block.level;
        counters[level - 1]!++;
        for (let l = level; l < 3; l++) counters[l] = 0;
        const number = headingNumber(level, counters[level - 1]!);
        const id = `sec-${counters.slice(0, level).join("-")}`;
        const {html} = inline(block.text);
        headings.push({id, level, number, text: plainText(block.text, allFigures)});
        out.push(`<h${level} id="${id}">${escapeHtml(number)}${html}</h${level}>`);
        break;
      }
      case "paragraph": {
        const tableOnly = /^\uE002(\d+)\uE003$/.exec(block.text.trim());
        if (tableOnly) {
          out.push(table(allTables[Number(tableOnly[1])]!));
          break;
        }
        const {html, notes} = inline(block.text);
        // The first paragraph ending in a colon before any heading is the addressee (…人大常委会：).
        const addressee = first && headings.length === 0 && /[：:]$/.test(block.text.trim());
        out.push(`<p${addressee ? ' class="addressee"' : ""}>${html}${traceMarks(notes)}</p>`);
        break;
      }
      case "list": {
        const items = block.items.map((item) => {
          const {html, notes} = inline(item);
          return `<li>${html}${traceMarks(notes)}</li>`;
        });
        out.push(block.ordered ? `<ol class="list">${items.join("")}</ol>` : `<ul>${items.join("")}</ul>`);
        break;
      }
      case "pagebreak":
        out.push('<div class="pagebreak"></div>');
        break;
    }
    first = false;
  }

  const notes = [...noteOf.values()];
  const sourcesId = "sec-sources";
  const toc = [...headings.filter((h) => h.level <= 2), {id: sourcesId, level: 1 as const, number: "附：", text: "数据来源"}]
    .map((h) => `<li class="l${h.level}"><a href="#${h.id}"><span class="text">${escapeHtml(h.number + h.text)}</span>` +
      `<span class="dots"></span><span class="page" data-toc-page="${h.id}"></span></a></li>`).join("");

  const signature = [meta.signature, meta.date].filter(Boolean).map((line) => `<p>${escapeHtml(line!)}</p>`).join("");
  const sourceRows = notes.map((note) => {
    const q = note.query;
    const shown = q.single
      ? note.columns.map((c) => `${c} = ${formatFigure(c, q.rows[0]![c])}`).join("；")
      : `${q.rows.length} 行：${note.columns.join("、")}`;
    const files = q.sourceFiles.map((f) => basename(f));
    return `<tr id="note-${note.number}"><td class="num">[${note.number}]</td><td>${escapeHtml(q.id)}<br>${escapeHtml(q.file)}</td>` +
      `<td>${escapeHtml(shown)}</td><td>${escapeHtml(q.sources)}</td>` +
      `<td title="${escapeHtml(q.sourceFiles.join("\n"))}">${files.length ? escapeHtml(files.join("、")) : "—"}</td></tr>`;
  }).join("");

  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="generator" content="jixiao report congress">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<section class="cover">
<div class="title">${escapeHtml(title)}</div>
<nav class="toc"><div class="toc-title">目录</div><ol>${toc}</ol></nav>
</section>
<main>
<h1 class="body-title">${escapeHtml(title)}</h1>
${meta.addressee ? `<p class="addressee">${escapeHtml(meta.addressee)}</p>\n` : ""}${out.join("\n")}
${signature ? `<div class="signature">${signature}</div>` : ""}
</main>
<section class="sources">
<h1 id="${sourcesId}">附：数据来源</h1>
<p>正文中每个数字都由下列查询从数据库计算得出；方括号中的编号与正文段落末尾的标注对应。「来源表」为查询读取的结果表（括号内为其所依据的原始导入表），「来源文件」为这些数据行的导入文件。</p>
<table class="data"><colgroup><col style="width:6%"><col style="width:21%"><col style="width:29%"><col style="width:26%"><col style="width:18%"></colgroup>
<thead><tr><th>注</th><th>查询</th><th>数据项</th><th>来源表</th><th>来源文件</th></tr></thead>
<tbody>${sourceRows || '<tr><td colspan="5">（正文未引用数据）</td></tr>'}</tbody></table>
</section>
</body>
</html>
`;
  return {title, html, headings, figures: allFigures, notes};
}
