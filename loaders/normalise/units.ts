/** Amount units and their power of ten relative to 万元 (the storage unit). */
export const AMOUNT_UNITS: Record<string, number> = {
  元: -4,
  千元: -1,
  万元: 0,
  百万元: 2,
  亿元: 4
};

export type AmountUnit = keyof typeof AMOUNT_UNITS;

const UNIT_PATTERN = /(百万元|千元|万元|亿元|元)/;

/** The amount unit named in a text such as "单位：元", "金额单位：万元", "全年预算数（元）". */
export function findAmountUnit(text: string): string | null {
  const match = UNIT_PATTERN.exec(text);
  return match ? match[1]! : null;
}

/** A `单位：…` / `金额单位：…` line above a table. */
export function unitLine(text: string): string | null {
  const match = /(?:金额)?单位\s*[:：]\s*(百万元|千元|万元|亿元|元)/.exec(text);
  return match ? match[1]! : null;
}
