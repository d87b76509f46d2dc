import {readFileSync} from "node:fs";
import {basename} from "node:path";
import {parse} from "csv-parse/sync";
import {UnreadableFileError} from "../errors.ts";
import type {Workbook} from "./sheet.ts";

/**
 * Detects the text encoding from the bytes, not the file name: a UTF-8/UTF-16 byte-order mark, else
 * strict UTF-8 if every byte sequence is valid, else GB18030 (a superset of GBK and GB2312).
 */
export function decodeText(bytes: Uint8Array): {text: string; encoding: string} {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom"};
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return {text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le"};
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return {text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be"};
  try {
    return {text: new TextDecoder("utf-8", {fatal: true}).decode(bytes), encoding: "utf-8"};
  } catch {
    try {
      return {text: new TextDecoder("gb18030", {fatal: true}).decode(bytes), encoding: "gb18030"};
    } catch {
      throw new Error("neither utf-8 nor gb18030");
    }
  }
}

/** The delimiter that splits the first lines most consistently: comma, tab, semicolon or vertical bar. */
function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 20);
  let best = ",";
  let bestScore = 0;
  for (const d of [",", "\t", ";", "|"]) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const max = Math.max(0, ...counts);
    const score = max === 0 ? 0 : counts.filter((c) => c === max).length * max;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function readCsv(file: string): Workbook {
  const bytes = readFileSync(file);
  if (bytes.includes(0)) {
    throw new UnreadableFileError(file, "该文件不是文本格式的 CSV（含有二进制内容），无法读取", "nul byte in csv");
  }
  let decoded: {text: string; encoding: string};
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    throw new UnreadableFileError(file, "无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK），请另存为 UTF-8 或 GBK 编码的 CSV", (error as Error).message);
  }
  let rows: string[][];
  try {
    rows = parse(decoded.text, {
      delimiter: sniffDelimiter(decoded.text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true
    }) as string[][];
  } catch (error) {
    throw new UnreadableFileError(file, "CSV 文件格式错误，无法解析（引号或分隔符不匹配）", (error as Error).message);
  }
  const name = basename(file).replace(/\.[^.]+$/, "");
  return {format: "csv", encoding: decoded.encoding, sheets: [{name, rows: rows.map((r) => r.map((c) => (c === "" ? null : c)))}]};
}
