// Shared number formats and colour scales for the report pages. Amounts are 万元; grades and
// monitoring lights use colour-blind-safe colours (the grade scale is ColorBrewer RdBu, the light
// scale Okabe–Ito), and every chart also labels them in text, so colour is never the only cue.

export const LOCALE = "zh-CN";
export const MISSING = "—";
/** Colour for a grade or light that is not one of the known values. */
export const UNKNOWN_COLOR = "#999999";

const wanFormats = new Map();

/** 1234567.891 → "1,234,567.89" (万元, thousands separators, fixed decimals); null → "—". */
export function formatWan(value, {digits = 2} = {}) {
  if (value == null || Number.isNaN(Number(value))) return MISSING;
  let format = wanFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true});
    wanFormats.set(digits, format);
  }
  return format.format(Number(value));
}

/** Like formatWan, with the unit: "1,234.50 万元". */
export function formatWanUnit(value, options) {
  const text = formatWan(value, options);
  return text === MISSING ? text : `${text} 万元`;
}

/** A ratio as a percentage: 0.9534 → "95.3%". */
export function formatPercent(ratio, {digits = 1} = {}) {
  if (ratio == null || Number.isNaN(Number(ratio))) return MISSING;
  return `${(Number(ratio) * 100).toFixed(digits)}%`;
}

/** A value already in percentage points (95 for 95%): 95 → "95.0%". */
export function formatPercentPoints(points, {digits = 1} = {}) {
  if (points == null || Number.isNaN(Number(points))) return MISSING;
  return `${Number(points).toFixed(digits)}%`;
}

/** A score out of 100: 87.456 → "87.46". */
export function formatScore(score, {digits = 2} = {}) {
  if (score == null || Number.isNaN(Number(score))) return MISSING;
  return Number(score).toFixed(digits);
}

// DuckDB TIMESTAMP and DATE values carry no time zone: they reach the browser as milliseconds since
// the epoch of the wall-clock time, so they are shown in UTC to give that wall-clock time back.
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false
});
const dateFormat = new Intl.DateTimeFormat(LOCALE, {timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit"});

/** A DuckDB TIMESTAMP (Date or epoch ms) as "2024/03/01 09:00:00"; null → "—". */
export function formatDateTime(value) {
  if (value == null) return MISSING;
  const date = value instanceof Date ? value : new Date(Number(value));
  return Number.isNaN(date.getTime()) ? MISSING : dateTimeFormat.format(date);
}

/** A DuckDB DATE (Date or epoch ms) as "2024/03/01"; null → "—". */
export function formatDate(value) {
  if (value == null) return MISSING;
  const date = value instanceof Date ? value : new Date(Number(value));
  return Number.isNaN(date.getTime()) ? MISSING : dateFormat.format(date);
}

/** Grades best first, short spelling (评价等级). */
export const GRADES = ["优", "良", "中", "差"];
/** The same grades in their long spelling, same order. */
export const GRADES_LONG = ["优秀", "良好", "一般", "较差"];
/** ColorBrewer RdBu (4 classes), colour-blind safe: blue is good, red is poor. */
export const GRADE_COLORS = ["#2166ac", "#92c5de", "#f4a582", "#b2182b"];

const GRADE_ALIASES = new Map([
  ...GRADES.map((g) => [g, g]),
  ...GRADES_LONG.map((g, i) => [g, GRADES[i]]),
  ["中等", "中"]
]);

/** "优秀" → "优", "良" → "良"; anything else → undefined. */
export function normalizeGrade(grade) {
  return grade == null ? undefined : GRADE_ALIASES.get(String(grade).trim());
}

/** The colour of a grade in either spelling; unknown grades are grey. */
export function gradeColor(grade) {
  const g = normalizeGrade(grade);
  return g === undefined ? UNKNOWN_COLOR : GRADE_COLORS[GRADES.indexOf(g)];
}

/** Plot `color` scale options for grades spelled "short" (优良中差) or "long" (优秀良好一般较差). */
export function gradeScale(spelling = "short") {
  if (spelling === "short") return {type: "ordinal", domain: GRADES, range: GRADE_COLORS};
  if (spelling === "long") return {type: "ordinal", domain: GRADES_LONG, range: GRADE_COLORS};
  throw new Error(`invalid grade spelling: ${spelling}`);
}

/** Monitoring lights (监控预警), most severe first. */
export const LIGHTS = ["红", "黄", "绿", "蓝"];
/** Okabe–Ito vermillion, orange, bluish green, blue: distinguishable with any colour-vision deficiency. */
export const LIGHT_COLORS = ["#d55e00", "#e69f00", "#009e73", "#0072b2"];

/** "红灯" / "红色" / "红" → "红"; anything else → undefined. */
export function normalizeLight(light) {
  if (light == null) return undefined;
  const text = String(light).trim().replace(/[灯色]$/, "");
  return LIGHTS.includes(text) ? text : undefined;
}

/** The colour of a light in any spelling; unknown lights are grey. */
export function lightColor(light) {
  const l = normalizeLight(light);
  return l === undefined ? UNKNOWN_COLOR : LIGHT_COLORS[LIGHTS.indexOf(l)];
}

/** Plot `color` scale options for lights spelled 红/黄/绿/蓝. */
export function lightScale() {
  return {type: "ordinal", domain: LIGHTS, range: LIGHT_COLORS};
}
