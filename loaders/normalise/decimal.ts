import {toHalfWidth} from "./text.ts";

/**
 * Exact decimal arithmetic on strings, for amounts: a value read as "300202.87" must stay exactly that,
 * and 元 → 万元 is a shift of the decimal point, never a floating-point division.
 */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Text that is already canonical: no leading zeros, no trailing fraction zeros, not "-0". */
const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** Canonical decimal text ("-12.5", "0.0001") or null when `text` is not a plain decimal number. */
export function canonicalDecimal(text: string): string | null {
  if (CANONICAL.test(text) && text !== "-0") return text;
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign = "", intPart = "", fracPart = ""] = match;
  if (intPart === "" && fracPart === "") return null;
  const int = intPart.replace(/^0+(?=\d)/, "") || "0";
  const frac = fracPart.replace(/0+$/, "");
  const body = frac ? `${int}.${frac}` : int;
  return body === "0" ? "0" : `${sign === "-" ? "-" : ""}${body}`;
}

/** Multiplies a canonical decimal by 10^places (places may be negative), exactly. */
export function shiftDecimal(value: string, places: number): string {
  if (places === 0) return value;
  const negative = value.startsWith("-");
  const [int = "0", frac = ""] = (negative ? value.slice(1) : value).split(".");
  let digits = int + frac;
  let point = int.length + places;
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits + "0".repeat(point - digits.length);
  }
  const result = canonicalDecimal(`${digits.slice(0, point)}.${digits.slice(point)}`)!;
  return negative && result !== "0" ? `-${result}` : result;
}

/** A JS number as the shortest decimal text that reads back as the same number (no exponent). */
export function numberToDecimal(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  if (!/e/i.test(text)) return canonicalDecimal(text);
  const [mantissa = "", exponent = "0"] = text.toLowerCase().split("e");
  const base = canonicalDecimal(mantissa);
  return base === null ? null : shiftDecimal(base, Number(exponent));
}

const PLAIN = /^[+-]?\d*(?:\.\d*)?$/;

/**
 * Reads a number written the way finance staff write them: full-width digits, thousands separators
 * (1,234.5 / 1，234.5), a leading ＋/－, accounting negatives "(12.5)". Returns canonical decimal text.
 */
export function parseDecimalText(raw: string): string | null {
  // Plain ASCII digits (the common case): none of the clean-ups below would change anything.
  if (PLAIN.test(raw)) return canonicalDecimal(raw);
  let text = toHalfWidth(raw).replace(/[\s,，]/g, "").replace(/^[−–—]/, "-");
  const accounting = /^\((.*)\)$/.exec(text);
  if (accounting) text = `-${accounting[1]}`;
  return canonicalDecimal(text);
}
