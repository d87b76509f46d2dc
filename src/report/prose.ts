import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The default prose of the report to the people's congress. It is not a `.md` file on purpose:
 * everything `.md` under reports/ is an Observable Framework page.
 */
export const CONGRESS_TEMPLATE = resolve(repoRoot, "reports", "templates", "congress-prose.tmpl");

/** Where the analyst's prose for a year lives (relative to the working directory). */
export function defaultProsePath(year: number): string {
  return resolve("reports", "prose", `congress-${year}.md`);
}

/** The analyst's prose: front matter (title, addressee, signature, date …) and the Markdown body. */
export interface Prose {
  path: string;
  meta: Record<string, string>;
  body: string;
  /** Line number (1-based) of the body's first line in the file, for error messages. */
  bodyLine: number;
}

/** Reads `key: value` front matter (values may be quoted); the rest is the body. */
export function parseProse(text: string, path = "（文稿）"): Prose {
  const clean = text.replace(/^\ufeff/, "");
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(clean);
  const meta: Record<string, string> = {};
  if (!match) return {path, meta, body: clean, bodyLine: 1};
  match[1]!.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.trim().startsWith("#")) return;
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`${path} 第 ${i + 2} 行：文稿开头的设置应写成「名称: 值」：${line}`);
    let value = kv[2]!.trim();
    if (/^".*"$/.test(value)) value = JSON.parse(value) as string;
    else if (/^'.*'$/.test(value)) value = value.slice(1, -1).replaceAll("''", "'");
    meta[kv[1]!] = value;
  });
  return {path, meta, body: clean.slice(match[0].length), bodyLine: match[0].split("\n").length};
}

export function readProse(path: string): Prose {
  return parseProse(readFileSync(path, "utf8"), path);
}

/** The template text for a year (fields unfilled: they are filled when the report is built). */
export function congressTemplate(): string {
  return readFileSync(CONGRESS_TEMPLATE, "utf8");
}

/** Writes the default prose for a year unless the file exists; returns whether it wrote. */
export function initProse(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, congressTemplate(), "utf8");
  return true;
}
