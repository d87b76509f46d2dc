/** Full-width ASCII (Ａ-Ｚ, ０-９, ＋－．，％ …) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000 || code === 0x00a0) out += " ";
    else out += ch;
  }
  return out;
}

/** Trimmed text with runs of white space (incl. line breaks inside cells) folded to one space; "" → null. */
export function cleanText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).replace(/[\s\u3000\u00a0]+/g, " ").trim();
  return text === "" ? null : text;
}

/**
 * A code (项目编码, 单位编码 …) as text: half-width, no spaces, leading zeros kept. Numbers that arrive
 * as numbers (Excel dropped their leading zeros already) are written without a decimal part.
 */
export function cleanCode(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  const text = toHalfWidth(String(value)).replace(/[\s'"]+/g, "");
  return text === "" ? null : text;
}

/** Header or label text for matching: half-width, no white space, no trailing colon or asterisk marks. */
export function labelKey(value: unknown): string {
  if (value === null || value === undefined) return "";
  return toHalfWidth(String(value))
    .replace(/\s+/g, "")
    .replace(/^[*※]+|[*※:：]+$/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")");
}
