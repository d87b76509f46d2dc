import type {Row} from "../db/database.ts";
import type {Figures, QueryResult} from "./figures.ts";
import {formatFigure} from "./format.ts";

/**
 * The fields of the analyst's prose (reports/prose/congress-<year>.md):
 *
 *   {{goals.projects}}                          one figure of a one-row query
 *   {{#each fund_kinds sep="，"}}{{fund_kind}} {{funds_wan}}万元{{else}}无{{/each}}   a list query, row by row
 *   {{#if key_evaluations.count}}…{{else}}…{{/if}}                               text shown only when a figure is non-zero
 *   {{table evaluations columns="object_name:评价对象,amount_wan:金额（万元）" limit=20}}   a list query as a table
 *
 * Expansion leaves private-use markers where figures and tables go, so that the Markdown step cannot
 * touch them; the HTML step replaces each marker with the formatted, traced figure.
 */
export const FIGURE_MARK = /\uE000(\d+)\uE001/g;
export const TABLE_MARK = /\uE002(\d+)\uE003/g;
const figureMark = (n: number) => `\uE000${n}\uE001`;
const tableMark = (n: number) => `\uE002${n}\uE003`;

export interface FigureRef {
  query: string;
  column: string;
  /** Row index within the query's result. */
  row: number;
  value: unknown;
  text: string;
}

export interface TableColumn {
  name: string;
  label: string;
}

export interface TableRef {
  query: string;
  columns: TableColumn[] | null;
  limit: number | null;
}

export interface Expansion {
  text: string;
  figures: FigureRef[];
  tables: TableRef[];
}

type Attrs = Record<string, string>;
type Node =
  | {kind: "text"; text: string}
  | {kind: "value"; name: string; line: number}
  | {kind: "table"; query: string; attrs: Attrs; line: number}
  | {kind: "each"; query: string; attrs: Attrs; body: Node[]; otherwise: Node[]; line: number}
  | {kind: "if"; name: string; body: Node[]; otherwise: Node[]; line: number};

export class TemplateError extends Error {}

const TAG = /\{\{\s*([^{}]*?)\s*\}\}/g;

function parseAttrs(text: string, line: number): {head: string; attrs: Attrs} {
  const attrs: Attrs = {};
  const head = text.replace(/\s+([A-Za-z_]+)=(?:"([^"]*)"|'([^']*)'|(\S+))/g, (_m, key: string, dq?: string, sq?: string, bare?: string) => {
    attrs[key] = dq ?? sq ?? bare ?? "";
    return "";
  }).trim();
  if (/\s/.test(head.replace(/^[#/]?\w+\s+/, ""))) throw new TemplateError(`第 ${line} 行：无法解析占位符 {{${text}}}`);
  return {head, attrs};
}

/** Parses the template fields into a tree; `line` numbers count from the first line of `source`. */
export function parseTemplate(source: string, firstLine = 1): Node[] {
  const root: Node[] = [];
  const stack: {node: Extract<Node, {kind: "each" | "if"}>; inElse: boolean}[] = [];
  const target = () => {
    const top = stack[stack.length - 1];
    return top ? (top.inElse ? top.node.otherwise : top.node.body) : root;
  };
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const line = firstLine + source.slice(0, match.index).split("\n").length - 1;
    if (match.index > last) target().push({kind: "text", text: source.slice(last, match.index)});
    last = match.index + match[0].length;
    const {head, attrs} = parseAttrs(match[1]!, line);
    const [word, arg] = head.split(/\s+/, 2) as [string, string | undefined];
    if (word === "#each" || word === "#if") {
      if (!arg) throw new TemplateError(`第 ${line} 行：{{${word}}} 缺少查询名`);
      const node = word === "#each"
        ? {kind: "each" as const, query: arg, attrs, body: [], otherwise: [], line}
        : {kind: "if" as const, name: arg, body: [], otherwise: [], line};
      target().push(node);
      stack.push({node, inElse: false});
    } else if (word === "else") {
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw new TemplateError(`第 ${line} 行：{{else}} 不在 {{#each}} 或 {{#if}} 之内`);
      top.inElse = true;
    } else if (word === "/each" || word === "/if") {
      const top = stack.pop();
      if (!top || `/${top.node.kind}` !== word) throw new TemplateError(`第 ${line} 行：{{${word}}} 没有对应的开始标记`);
    } else if (word === "table") {
      if (!arg) throw new TemplateError(`第 ${line} 行：{{table}} 缺少查询名`);
      target().push({kind: "table", query: arg, attrs, line});
    } else {
      if (arg !== undefined || Object.keys(attrs).length > 0 || !/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)?$/.test(word)) {
        throw new TemplateError(`第 ${line} 行：无法解析占位符 {{${match[1]}}}`);
      }
      target().push({kind: "value", name: word, line});
    }
  }
  if (last < source.length) target().push({kind: "text", text: source.slice(last)});
  const open = stack.pop();
  if (open) throw new TemplateError(`第 ${open.node.line} 行：{{#${open.node.kind}}} 没有结束标记 {{/${open.node.kind}}}`);
  return root;
}

interface Scope {
  query: QueryResult;
  row: Row;
  index: number;
}

function known(figures: Figures): string {
  return [...figures.keys()].join("、");
}

function queryOf(figures: Figures, id: string, line: number): QueryResult {
  const query = figures.get(id);
  if (!query) throw new TemplateError(`第 ${line} 行：没有名为 ${id} 的查询（可用：${known(figures)}）`);
  return query;
}

function resolveValue(figures: Figures, name: string, scope: Scope | null, line: number): {query: QueryResult; column: string; row: number; value: unknown} {
  const [first, second] = name.split(".") as [string, string | undefined];
  if (second === undefined) {
    if (!scope) throw new TemplateError(`第 ${line} 行：{{${name}}} 应写成 {{查询.字段}}，如 {{goals.projects}}`);
    if (!scope.query.columns.includes(first)) {
      throw new TemplateError(`第 ${line} 行：查询 ${scope.query.id} 没有字段 ${first}（可用：${scope.query.columns.join("、")}）`);
    }
    return {query: scope.query, column: first, row: scope.index, value: scope.row[first]};
  }
  const query = queryOf(figures, first, line);
  if (!query.columns.includes(second) && !(query.rows.length === 0 && !query.single)) {
    throw new TemplateError(`第 ${line} 行：查询 ${first} 没有字段 ${second}（可用：${query.columns.join("、")}）`);
  }
  if (scope && scope.query.id === query.id) return {query, column: second, row: scope.index, value: scope.row[second]};
  if (!query.single) {
    throw new TemplateError(`第 ${line} 行：${first} 是多行查询，请用 {{#each ${first}}}…{{/each}} 或 {{table ${first}}}`);
  }
  return {query, column: second, row: 0, value: query.rows[0]![second]};
}

function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  return !(Array.isArray(value) && value.length === 0);
}

function parseColumns(text: string | undefined, query: QueryResult, line: number): TableColumn[] | null {
  if (text === undefined) return null;
  return text.split(/[,，]/).map((part) => part.trim()).filter(Boolean).map((part) => {
    const [name, label] = part.split(/[:：]/, 2).map((s) => s.trim()) as [string, string | undefined];
    if (query.rows.length > 0 && !query.columns.includes(name)) {
      throw new TemplateError(`第 ${line} 行：查询 ${query.id} 没有字段 ${name}（可用：${query.columns.join("、")}）`);
    }
    return {name, label: label || name};
  });
}

function positiveInt(text: string | undefined, what: string, line: number): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new TemplateError(`第 ${line} 行：${what} 应为非负整数：${text}`);
  return n;
}

/** Fills the fields of `source`; throws TemplateError naming the line of a bad field. */
export function expandTemplate(source: string, figures: Figures, firstLine = 1): Expansion {
  const out: Expansion = {text: "", figures: [], tables: []};
  const walk = (nodes: Node[], scope: Scope | null): string => nodes.map((node) => {
    switch (node.kind) {
      case "text":
        return node.text;
      case "value": {
        const {query, column, row, value} = resolveValue(figures, node.name, scope, node.line);
        out.figures.push({query: query.id, column, row, value, text: formatFigure(column, value)});
        return figureMark(out.figures.length - 1);
      }
      case "table": {
        const query = queryOf(figures, node.query, node.line);
        out.tables.push({query: query.id, columns: parseColumns(node.attrs.columns, query, node.line), limit: positiveInt(node.attrs.limit, "limit", node.line)});
        return tableMark(out.tables.length - 1);
      }
      case "if": {
        const [id, column] = node.name.split(".") as [string, string | undefined];
        const value = column === undefined && figures.get(id) && !figures.get(id)!.single
          ? figures.get(id)!.rows
          : resolveValue(figures, node.name, scope, node.line).value;
        return walk(truthy(value) ? node.body : node.otherwise, scope);
      }
      case "each": {
        const query = queryOf(figures, node.query, node.line);
        const limit = positiveInt(node.attrs.limit, "limit", node.line);
        const rows = limit === null ? query.rows : query.rows.slice(0, limit);
        if (rows.length === 0) return walk(node.otherwise, scope);
        return rows.map((row, index) => walk(node.body, {query, row, index})).join(node.attrs.sep ?? "");
      }
    }
  }).join("");
  out.text = walk(parseTemplate(source, firstLine), null);
  return out;
}
