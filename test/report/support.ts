// Shared by the report and application tests: a scored in-memory database, and the poppler tools.
import {execFileSync} from "node:child_process";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {ingestPaths} from "../../loaders/ingest.ts";
import {Database} from "../../src/db/database.ts";
import {loadPolicy} from "../../src/policy/loadPolicy.ts";
import {buildMarts} from "../../src/scoring/buildMarts.ts";

export const EXAMPLES = new URL("../../../shared/examples/exports/", import.meta.url).pathname;

export function tempDir(prefix = "jixiao-report-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh in-memory database with `paths` ingested and the marts built with the default policy. */
export async function scoredDatabase(paths: string[]): Promise<Database> {
  const db = await Database.open(":memory:");
  const reports = await ingestPaths(db, paths);
  const failed = reports.filter((r) => r.status === "unreadable" || r.rowsRejected > 0);
  if (failed.length > 0) throw new Error(`fixture did not load cleanly: ${JSON.stringify(failed.map((r) => [r.file, r.status, r.message, r.rowsRejected]))}`);
  await buildMarts(db, loadPolicy("mof"));
  return db;
}

/** Locally installed fonts with Chinese glyphs (the report's font stack needs one); fails naming the package. */
export function chineseFonts(): string[] {
  let list = "";
  try {
    list = execFileSync("fc-list", [":lang=zh", "family"], {encoding: "utf8"});
  } catch {
    list = "";
  }
  const fonts = list.split("\n").map((l) => l.trim()).filter(Boolean);
  if (fonts.length === 0) throw new Error("no Chinese font is installed: apt-get install -y fonts-noto-cjk");
  return fonts;
}

/** Runs a poppler tool; fails (never skips) when it is missing, naming the Debian package. */
export function poppler(tool: "pdftotext" | "pdfinfo" | "pdffonts", args: string[]): string {
  try {
    return execFileSync(tool, args, {encoding: "utf8", maxBuffer: 64 * 1024 * 1024});
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`${tool} is not installed: apt-get install -y poppler-utils`);
    }
    throw error;
  }
}

/** Text without the spaces and line breaks a PDF or HTML layout adds between characters. */
export function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

/** The visible text of an HTML page, tags removed and entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, "")
    .replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
}
