import {labelKey} from "../normalise/text.ts";
import {findAmountUnit, unitLine} from "../normalise/units.ts";
import type {Cell} from "../normalise/values.ts";
import {TABLES, type FieldSpec, type TableSpec} from "./fields.ts";

/** One header cell: its label for matching, the unit it names, and the text as the analyst sees it. */
export interface HeaderCell {
  label: string;
  unit: string | null;
  percent: boolean;
  text: string;
}

/** How a flat sheet was recognised. */
export interface SheetLayout {
  spec: TableSpec;
  /** 1-based row number of the (last) header row. */
  headerRow: number;
  headerRows: 1 | 2;
  /** field → 0-based column index. */
  columns: Map<string, number>;
  headers: HeaderCell[];
  /** Amount unit from a 单位 line above the header (default 万元). */
  sheetUnit: string;
  /** A year named in the title lines ("2023年…"), for tables without a 年度 column. */
  titleYear: number | null;
  /** Month named in a header such as "1-5月执行数", for monitoring sheets without a 监控期 column. */
  headerMonth: number | null;
  unmatched: string[];
}

const UNIT_IN_BRACKETS = /\((?:单位[:：]?)?(百万元|千元|万元|亿元|元|%|百分比|分)\)/;

export function headerCell(cell: Cell): HeaderCell {
  const text = cell === null ? "" : String(cell).trim();
  let label = labelKey(text);
  const bracket = UNIT_IN_BRACKETS.exec(label);
  let unit: string | null = null;
  let percent = false;
  if (bracket) {
    label = label.replace(bracket[0], "");
    if (bracket[1] === "%" || bracket[1] === "百分比") percent = true;
    else if (bracket[1] !== "分") unit = bracket[1]!;
  } else if (/^(金额|预算|支出)/.test(label)) {
    unit = findAmountUnit(label);
  }
  label = label.replace(/\((?:[^()]*)\)$/, "");
  return {label, unit, percent, text};
}

function matches(field: FieldSpec, label: string): boolean {
  return field.aliases.some((alias) => (typeof alias === "string" ? alias === label : alias.test(label)));
}

/** Every field name any table knows, with its aliases: used to spot a column that belongs to another table. */
const ALL_FIELDS: FieldSpec[] = TABLES.flatMap((t) => t.fields);

function mapColumns(spec: TableSpec, headers: HeaderCell[]): Map<string, number> {
  const columns = new Map<string, number>();
  headers.forEach((h, index) => {
    if (!h.label) return;
    const field = spec.fields.find((fs) => matches(fs, h.label));
    if (field && !columns.has(field.field)) columns.set(field.field, index);
  });
  return columns;
}

function presentForeignFields(spec: TableSpec, headers: HeaderCell[]): Set<string> {
  const present = new Set<string>();
  for (const h of headers) {
    if (!h.label || spec.fields.some((fs) => matches(fs, h.label))) continue;
    for (const fs of ALL_FIELDS) if (matches(fs, h.label)) present.add(fs.field);
  }
  return present;
}

interface Candidate {
  spec: TableSpec;
  columns: Map<string, number>;
}

function candidates(headers: HeaderCell[]): Candidate[] {
  const found: Candidate[] = [];
  for (const spec of TABLES) {
    const columns = mapColumns(spec, headers);
    if (!spec.required.some((set) => set.every((field) => columns.has(field)))) continue;
    const foreign = presentForeignFields(spec, headers);
    if (spec.forbidden.some((field) => foreign.has(field))) continue;
    found.push({spec, columns});
  }
  return found.sort((a, b) => b.columns.size - a.columns.size);
}

function combine(top: Cell[], bottom: Cell[]): HeaderCell[] {
  const width = Math.max(top.length, bottom.length);
  const out: HeaderCell[] = [];
  for (let c = 0; c < width; c++) {
    const upper = headerCell(top[c] ?? null);
    const lower = headerCell(bottom[c] ?? null);
    const cell = lower.label ? lower : upper;
    out.push({...cell, unit: lower.unit ?? upper.unit, percent: lower.percent || upper.percent});
  }
  return out;
}

const HEADER_SCAN_ROWS = 30;

export class LayoutError extends Error {}

/** Finds the header row (below title and unit lines, possibly two rows) and the table it announces. */
export function detectLayout(rows: Cell[][]): SheetLayout | null {
  let sheetUnit = "万元";
  let titleYear: number | null = null;
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = rows[r] ?? [];
    const single = row.map(headerCell);
    const double = r + 1 < rows.length ? combine(row, rows[r + 1] ?? []) : null;
    const one = candidates(single);
    const two = double ? candidates(double) : [];
    const bestOne = one[0];
    const bestTwo = two[0];
    // A two-row header must say more than either of its rows alone (a title or 单位 line above a
    // one-row header combines to the same fields as the header itself).
    const nextBest = double ? candidates((rows[r + 1] ?? []).map(headerCell))[0] : undefined;
    const useTwo = bestTwo && (!bestOne || bestTwo.columns.size > bestOne.columns.size) &&
      (!nextBest || bestTwo.columns.size > nextBest.columns.size);
    const list = useTwo ? two : one;
    const best = useTwo || !bestTwo || bestOne ? list[0] : undefined;
    if (best) {
      const second = list[1];
      if (second && second.columns.size === best.columns.size) {
        throw new LayoutError(`ambiguous header: both ${best.spec.table} and ${second.spec.table} match row ${r + 1}`);
      }
      // A unit written on a group header above (资金情况（元）) covers the columns beneath it.
      const above = (rows[r - 1] ?? []).map(headerCell);
      const headers = useTwo ? double! : single.map((h, c) => (h.unit || !above[c]?.unit ? h : {...h, unit: above[c]!.unit}));
      const mapped = new Set(best.columns.values());
      return {
        spec: best.spec,
        headerRow: r + (useTwo ? 2 : 1),
        headerRows: useTwo ? 2 : 1,
        columns: best.columns,
        headers,
        sheetUnit,
        titleYear,
        headerMonth: monthInHeaders(headers),
        unmatched: headers.filter((h, i) => h.label && !mapped.has(i)).map((h) => h.text)
      };
    }
    for (const cell of row) {
      if (typeof cell !== "string") continue;
      sheetUnit = unitLine(cell) ?? sheetUnit;
      const year = /((?:19|20)\d{2})\s*年/.exec(cell);
      if (year && titleYear === null) titleYear = Number(year[1]);
    }
  }
  return null;
}

function monthInHeaders(headers: HeaderCell[]): number | null {
  for (const h of headers) {
    const match = /^1-(\d{1,2})月/.exec(h.label);
    if (match) return Number(match[1]);
  }
  return null;
}
