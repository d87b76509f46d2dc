import {parseDecimalText} from "./decimal.ts";
import {cleanText, toHalfWidth} from "./text.ts";

export type Direction = "ge" | "gt" | "eq" | "le" | "lt" | "qual";

export interface Measure {
  direction: Direction | null;
  value: number | null;
  unit: string | null;
  /** The qualitative wording when there is no number (达成年度指标 …). */
  text: string | null;
}

/** Direction words and symbols as they appear in 指标性质 / 指标方向 columns or in front of a target. */
const DIRECTION_WORDS: [RegExp, Direction][] = [
  [/^(≥|>=|=>|不低于|不少于|大于等于|大于或等于|至少|正向指标|正向)/, "ge"],
  [/^(≤|<=|=<|不高于|不多于|不超过|小于等于|小于或等于|至多|反向指标|反向)/, "le"],
  [/^(>|大于|高于|多于|超过)/, "gt"],
  [/^(<|小于|低于|少于)/, "lt"],
  [/^(=|==|等于)/, "eq"],
  [/^(定性指标|定性)/, "qual"]
];

/** A direction column value: ≥ > = ≤ < 定性, or words such as 正向/反向/不低于. */
export function parseDirection(raw: unknown): Direction | null | undefined {
  const text = cleanText(raw === null || raw === undefined ? null : toHalfWidth(String(raw)));
  if (text === null) return null;
  const bare = text.replace(/\s+/g, "");
  for (const [pattern, direction] of DIRECTION_WORDS) if (pattern.test(bare)) return direction;
  if (/^(定量|定量指标)$/.test(text)) return null;
  return undefined;
}

/** Suffix words that also state a direction: "95%以上" → ≥, "120万元以内" → ≤. */
const SUFFIX_DIRECTIONS: [RegExp, Direction][] = [
  [/(以上|及以上|或以上)$/, "ge"],
  [/(以下|及以下|以内|之内)$/, "le"]
];

/** First characters of the direction words, last characters of the suffix words. */
const DIRECTION_FIRST = new Set([..."≥>=不大至正反≤<小高多超低少等定"]);
const SUFFIX_LAST = new Set([..."上下内"]);

/**
 * Splits a target or an actual written as one string — "≥95%", "≤120万元", "=1次", "520人次",
 * "达成年度指标", "95%以上" — into direction, value and unit. Text without a number is qualitative.
 */
export function parseMeasure(raw: unknown): Measure | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "number") return Number.isFinite(raw) ? {direction: null, value: raw, unit: null, text: null} : null;
  if (raw instanceof Date) return {direction: null, value: null, unit: null, text: raw.toISOString().slice(0, 10)};
  const original = cleanText(String(raw));
  if (original === null) return null;
  let text = toHalfWidth(original).replace(/\s+/g, "");
  let direction: Direction | null = null;
  // Each direction word starts, and each suffix ends, with one of a few characters: test those first.
  if (DIRECTION_FIRST.has(text.charAt(0))) {
    for (const [pattern, dir] of DIRECTION_WORDS) {
      const match = pattern.exec(text);
      if (match && dir !== "qual") {
        direction = dir;
        text = text.slice(match[0].length);
        break;
      }
    }
  }
  if (SUFFIX_LAST.has(text.charAt(text.length - 1))) {
    for (const [pattern, dir] of SUFFIX_DIRECTIONS) {
      if (pattern.test(text)) {
        direction ??= dir;
        text = text.replace(pattern, "");
      }
    }
  }
  const number = /^([+-]?[\d,]*\.?\d+)(.*)$/.exec(text);
  if (!number) return {direction: direction ?? "qual", value: null, unit: null, text: original};
  const value = parseDecimalText(number[1]!);
  if (value === null) return {direction: direction ?? "qual", value: null, unit: null, text: original};
  const unit = cleanText(number[2]!) ?? null;
  return {direction, value: Number(value), unit, text: null};
}

/** Canonical spelling of the three qualitative tiers [PMKPI]. */
export type QualitativeTier = "达成年度指标" | "部分达成年度指标并具有一定效果" | "未达成年度指标且效果较差";

export function qualitativeTier(text: string | null): QualitativeTier | null {
  if (!text) return null;
  const t = text.replace(/\s+/g, "");
  if (/^未达成|未完成|效果较差|未实现/.test(t)) return "未达成年度指标且效果较差";
  if (/^部分达成|部分完成|基本达成|基本完成|部分实现/.test(t)) return "部分达成年度指标并具有一定效果";
  if (/^(达成|完成|全部达成|已达成|实现|达到)/.test(t)) return "达成年度指标";
  return null;
}
