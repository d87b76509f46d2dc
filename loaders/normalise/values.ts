import {numberToDecimal, parseDecimalText, shiftDecimal} from "./decimal.ts";
import {cleanText, toHalfWidth} from "./text.ts";
import {AMOUNT_UNITS, findAmountUnit} from "./units.ts";

export type Cell = string | number | boolean | Date | null;

/** A parsed value, or the id of the rule it broke (messages live in `loaders/messages.ts`). */
export type Parsed<T> = {ok: true; value: T | null} | {ok: false; rule: string};

const ok = <T>(value: T | null): Parsed<T> => ({ok: true, value});
const fail = <T>(rule: string): Parsed<T> => ({ok: false, rule});

/** Empty, or a mark that means "nothing": -, —, /, 无, 空. */
function isBlank(cell: Cell): boolean {
  if (cell === null) return true;
  if (typeof cell !== "string") return false;
  // Every such mark is one character, so longer text is never blank (the common case, decided first).
  if (cell.length > 1 && !SPACE_OR_WIDE.test(cell)) return false;
  const text = toHalfWidth(cell).trim();
  return text === "" || /^([-—–/]|无|空)$/.test(text);
}

const SPACE_OR_WIDE = /[\s\uff01-\uff5e]/;

/** An amount in `unit` (元, 万元, 亿元 …, from the header or a 单位 line) as exact 万元 decimal text. */
export function parseAmount(cell: Cell, unit: string): Parsed<string> {
  if (isBlank(cell)) return ok(null);
  let places = AMOUNT_UNITS[unit] ?? 0;
  let decimal: string | null;
  if (typeof cell === "number") decimal = numberToDecimal(cell);
  else if (typeof cell === "string") {
    const inline = findAmountUnit(cell);
    if (inline) places = AMOUNT_UNITS[inline]!;
    decimal = parseDecimalText(cell.replace(/(百万元|千元|万元|亿元|元)$/, ""));
  } else return fail("amount.not_number");
  if (decimal === null) return fail("amount.not_number");
  const wan = shiftDecimal(decimal, places);
  // Stored as DECIMAL(20,6): at most 14 digits before the point.
  return /^-?\d{15}/.test(wan) ? fail("amount.too_large") : ok(wan);
}

/** A plain number (score, weight, count). */
export function parseNumber(cell: Cell): Parsed<number> {
  if (isBlank(cell)) return ok(null);
  if (typeof cell === "number") return Number.isFinite(cell) ? ok(cell) : fail("number.not_number");
  if (typeof cell !== "string") return fail("number.not_number");
  const decimal = parseDecimalText(cell.replace(/分$/, ""));
  return decimal === null ? fail("number.not_number") : ok(Number(decimal));
}

/**
 * A percentage as written: "95%" → {value: 95, marked: true}; 0.95 or 95 → unmarked, scaled later per
 * column (`percentScale`), since one column never mixes fractions and points.
 */
export function parsePercent(cell: Cell): Parsed<{value: number; marked: boolean}> {
  if (isBlank(cell)) return ok(null);
  if (typeof cell === "number") return ok({value: cell, marked: false});
  if (typeof cell !== "string") return fail("percent.not_number");
  const text = toHalfWidth(cell).trim();
  const marked = /%$/.test(text);
  const decimal = parseDecimalText(text.replace(/%$/, ""));
  return decimal === null ? fail("percent.not_number") : ok({value: Number(decimal), marked});
}

/**
 * Fractions or points for a column's unmarked percentages: a column whose unmarked values all lie in
 * [0, 1] and that has one strictly between 0 and 1 holds fractions (0.95); otherwise points (95).
 */
export function percentScale(unmarked: number[]): 1 | 100 {
  if (unmarked.length === 0) return 1;
  const allUnit = unmarked.every((v) => v >= 0 && v <= 1);
  const someFraction = unmarked.some((v) => v > 0 && v < 1);
  return allUnit && someFraction ? 100 : 1;
}

export function parseYear(cell: Cell): Parsed<number> {
  if (isBlank(cell)) return ok(null);
  if (cell instanceof Date) return ok(cell.getFullYear());
  const text = toHalfWidth(String(cell)).trim();
  const match = /^(\d{4})(?:\.0+)?\s*(?:年|年度)?$/.exec(text);
  if (!match) return fail("year.invalid");
  const year = Number(match[1]);
  return year >= 1990 && year <= 2100 ? ok(year) : fail("year.invalid");
}

const TRUE_WORDS = new Set(["是", "Y", "YES", "TRUE", "1", "√", "✓", "已整改", "已完成", "已设定", "有"]);
const FALSE_WORDS = new Set(["否", "N", "NO", "FALSE", "0", "×", "✗", "未整改", "未完成", "未设定", "无"]);

export function parseBool(cell: Cell): Parsed<boolean> {
  if (cell === null) return ok(null);
  if (typeof cell === "boolean") return ok(cell);
  const text = toHalfWidth(String(cell)).trim().toUpperCase();
  if (text === "") return ok(null);
  if (TRUE_WORDS.has(text)) return ok(true);
  if (FALSE_WORDS.has(text)) return ok(false);
  return fail("bool.invalid");
}

/** A monitoring checkpoint: "1-5月", "1—8月", "1至9月", "5月", "截至5月底" → month 5…; text kept as "1-5月". */
export function parsePeriod(cell: Cell): Parsed<{period: string; month: number}> {
  if (isBlank(cell)) return ok(null);
  const text = toHalfWidth(String(cell)).replace(/\s+/g, "");
  const match = /(?:1\s*[-—–~至到]\s*)?(\d{1,2})月/.exec(text) ?? /^(\d{1,2})$/.exec(text);
  if (!match) return fail("period.invalid");
  const month = Number(match[1]);
  if (month < 1 || month > 12) return fail("period.invalid");
  return ok({period: `1-${month}月`, month});
}

/** Free text, cleaned; never fails. */
export function parseText(cell: Cell): Parsed<string> {
  if (cell instanceof Date) return ok(cell.toISOString().slice(0, 10));
  return ok(cleanText(cell === null ? null : String(cell)));
}
