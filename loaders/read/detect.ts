import {extname} from "node:path";

export type FileKind = "xlsx" | "csv" | "xls-binary" | "html" | "not-spreadsheet";

const SPREADSHEET_EXTENSIONS = new Set([".xlsx", ".xlsm", ".xls", ".csv", ".tsv"]);

export function isSpreadsheetName(file: string): boolean {
  return SPREADSHEET_EXTENSIONS.has(extname(file).toLowerCase());
}

/** What a file holds, judged from its first bytes (an .xls may really be .xlsx, or a web page). */
export function sniffKind(file: string, head: Uint8Array): FileKind {
  const ext = extname(file).toLowerCase();
  if (head[0] === 0x50 && head[1] === 0x4b) return "xlsx";
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return "xls-binary";
  const text = new TextDecoder("latin1").decode(head.subarray(0, 512)).toLowerCase();
  if (/<html|<table|<\?xml|<!doctype html/.test(text)) return "html";
  if (ext === ".csv" || ext === ".tsv") return "csv";
  if (SPREADSHEET_EXTENSIONS.has(ext)) return "not-spreadsheet";
  return "not-spreadsheet";
}
