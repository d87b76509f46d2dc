/** Characters `toHalfWidth` changes; text without any comes back as is (the common case, checked first). */
const WIDE = /[\uff01-\uff5e\u3000\u00a0]/;

/** Full-width ASCII (Ａ-Ｚ, ０-９, ＋－．，％ …) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  if (!WIDE.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000 || code === 0x00a0) out += " ";
    else out += ch;
  }
  return out;
}

const SPACE = /\s/;

/** Trimmed text with runs of white space (incl. line breaks inside cells) folded to one space; "" → null. */
export function cleanText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const raw = typeof value === "string" ? value : String(value);
  // No white space at all (JS \s includes U+3000 and U+00A0): nothing to fold or trim.
  if (!SPACE.test(raw)) return raw === "" ? null : raw;
  const text = raw.replace(/[\s\u3000\u00a0]+/g, " ").trim();
  return text === "" ? null : text;
}

/** Characters `cleanCode` removes or converts. */
const CODE_CHANGES = /[\s'"\uff01-\uff5e\u3000\u00a0]/;

/**
 * A code (项目编码, 单位编码 …) as text: half-width, no spaces, leading zeros kept. Numbers that arrive
 * as numbers (Excel dropped their leading zeros already) are written without a decimal part.
 */
export function cleanCode(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  const raw = typeof value === "string" ? value : String(value);
  if (!CODE_CHANGES.test(raw)) return raw === "" ? null : raw;
  const text = toHalfWidth(raw).replace(/[\s'"]+/g, "");
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
