// The cut list (扣减清单) as CSV, every year: the rows and Chinese headers of the review workbook
// (src/application/cutList.ts), UTF-8 with a byte-order mark so Excel shows Chinese correctly.
import {Database} from "../../src/db/database.ts";
import {CUT_LIST_COLUMNS, cutListRows} from "../../src/application/cutList.ts";
import {resolveDbPath} from "../../src/report-data/arrow.ts";

/** A CSV field; text a spreadsheet would run as a formula (= + - @ at the start) gets an apostrophe. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "boolean" ? (value ? "是" : "否") : Array.isArray(value) ? value.join("、") : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const db = await Database.open(resolveDbPath(), {readOnly: true});
try {
  const rows = await cutListRows(db);
  const lines = [CUT_LIST_COLUMNS.map((c) => csvCell(c.header)).join(",")];
  for (const row of rows) lines.push(CUT_LIST_COLUMNS.map((c) => csvCell(row[c.key])).join(","));
  process.stdout.write("\ufeff" + lines.join("\r\n") + "\r\n");
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  db.close();
}
