import {Database, DEFAULT_DB_PATH} from "../../src/db/database.ts";
import {exportPartitioned} from "../../src/export/partitioned.ts";
import {exportTable, type ExportFormat} from "../../src/export/table.ts";
import {type Args, stringOption, UsageError} from "../args.ts";

const FORMATS: ExportFormat[] = ["csv", "xlsx", "json"];

export async function exportCommand(args: Args): Promise<number> {
  const partitioned = stringOption(args, "partitioned");
  if (partitioned) {
    const db = await Database.open(stringOption(args, "db") ?? DEFAULT_DB_PATH, {readOnly: true});
    try {
      for (const r of await exportPartitioned(db, partitioned)) {
        console.log(`已导出 ${r.table}：${r.rows} 行${r.partitionBy.length ? `，按 ${r.partitionBy.join("/")} 分区` : ""}`);
      }
      console.log(`Parquet 目录：${partitioned}（Hive 分区，DuckDB / Spark / Trino 可直接读取）`);
      return 0;
    } finally {
      db.close();
    }
  }
  const [table] = args.positionals;
  const format = (stringOption(args, "format") ?? "csv") as ExportFormat;
  const out = stringOption(args, "out");
  if (!table || !out) throw new UsageError("用法：jixiao export <表名> --format csv|xlsx|json --out <文件> [--year 年度] [--db 路径]\n      jixiao export --partitioned <目录> [--db 路径]");
  if (!FORMATS.includes(format)) throw new UsageError(`不支持的格式：${format}（可用 csv、xlsx、json）`);
  const yearText = stringOption(args, "year");
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && !Number.isInteger(year)) throw new UsageError(`年度应为四位数字：${yearText}`);
  const db = await Database.open(stringOption(args, "db") ?? DEFAULT_DB_PATH, {readOnly: true});
  try {
    const result = await exportTable(db, table, {format, out, year});
    console.log(`已导出 ${result.table}：${result.rows} 行 → ${out}`);
    return 0;
  } finally {
    db.close();
  }
}
