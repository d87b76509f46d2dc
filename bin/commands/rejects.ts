import {basename} from "node:path";
import {Database, DEFAULT_DB_PATH} from "../../src/db/database.ts";
import {type Args, stringOption} from "../args.ts";

type RejectRow = {
  source_file: string;
  source_sheet: string | null;
  source_row: number | null;
  column_name: string | null;
  value: string | null;
  rule: string;
  severity: string;
  message: string;
};

/** Prints the quarantined rows and warnings of the active imports, errors first. */
export async function rejectsCommand(args: Args): Promise<number> {
  const db = await Database.open(stringOption(args, "db") ?? DEFAULT_DB_PATH);
  try {
    const severity = args.options.warnings ? null : args.options.errors ? "error" : null;
    const rows = await db.all<RejectRow>(
      `SELECT r.* FROM rejects r JOIN imports i USING (import_id)
       WHERE i.active AND ($s IS NULL OR r.severity = $s)
       ORDER BY r.severity = 'warning', r.source_file, r.source_sheet, r.source_row`,
      {s: severity}
    );
    if (rows.length === 0) {
      console.log("没有拒收的行或警告。");
      return 0;
    }
    const errors = rows.filter((r) => r.severity === "error").length;
    console.log(`拒收 ${errors} 处，警告 ${rows.length - errors} 处：`);
    for (const r of rows) {
      const where = [basename(r.source_file), r.source_sheet ? `工作表「${r.source_sheet}」` : null, r.source_row ? `第 ${r.source_row} 行` : null, r.column_name ? `列「${r.column_name}」` : null]
        .filter(Boolean).join(" ");
      console.log(`${r.severity === "error" ? "拒收" : "警告"}  ${where}${r.value !== null ? ` 值「${r.value}」` : ""}：${r.message}［${r.rule}］`);
    }
    return 0;
  } finally {
    db.close();
  }
}
