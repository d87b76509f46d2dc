// Which cell styles (cellXfs indexes) carry a date/time number format.

import {parseTags} from "./xml.ts";

/** Built-in date/time numFmtIds: ECMA-376 18.8.30 (14-22, 45-47) and the East Asian (zh-CN) ones (27-36, 50-58). */
export function isBuiltinDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** True when a format code has a date/time token (y, m, d, h, s) outside quotes, brackets and escapes. */
export function isDateFormatCode(code: string): boolean {
  // Only the first section (positive numbers) decides, as in spreadsheet applications.
  let inQuote = false;
  let inBracket = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (inQuote) {
      if (ch === "\"") inQuote = false;
      continue;
    }
    if (inBracket) {
      if (ch === "]") inBracket = false;
      continue;
    }
    switch (ch) {
      case "\"": inQuote = true; break;
      case "[": inBracket = true; break;
      case "\\": case "_": case "*": i++; break; // escaped literal, space-of-width, fill character
      case ";": return false;
      case "y": case "Y": case "m": case "M": case "d": case "D": case "h": case "H": case "s": case "S":
        return true;
      default: break;
    }
  }
  return false;
}

/** Returns a per-xf flag array (1 = date format) from styles.xml text. */
export function dateStylesFromXml(text: string, file: string, part: string): Uint8Array {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  for (const tag of parseTags(text, file, part)) {
    if (tag.name === "numFmt" && !tag.close) {
      const id = Number(tag.attrs["numFmtId"]);
      if (Number.isInteger(id)) custom.set(id, tag.attrs["formatCode"] ?? "");
    } else if (tag.name === "cellXfs") {
      inCellXfs = !tag.close && !tag.selfClose;
    } else if (tag.name === "xf" && inCellXfs && !tag.close) {
      const id = Number(tag.attrs["numFmtId"] ?? "0");
      xfFormats.push(Number.isInteger(id) ? id : 0);
    }
  }
  const flags = new Uint8Array(xfFormats.length);
  xfFormats.forEach((id, i) => {
    const code = custom.get(id);
    flags[i] = (code !== undefined ? isDateFormatCode(code) : isBuiltinDateFormat(id)) ? 1 : 0;
  });
  return flags;
}
