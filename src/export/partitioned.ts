import {mkdirSync, rmSync} from "node:fs";
import {join, resolve} from "node:path";
import {type Database, ident} from "../db/database.ts";

export interface PartitionedResult {
  table: string;
  rows: number;
  partitionBy: string[];
}

/**
 * Writes every mart as Hive-partitioned, zstd-compressed Parquet (`<dir>/<table>/year=2023/dept_code=001/…`),
 * the layout DuckDB, Spark and Trino read as one table. A mart without a department column is split by
 * year only; one without a year is written whole.
 */
export async function exportPartitioned(db: Database, dir: string): Promise<PartitionedResult[]> {
  const root = resolve(dir);
  mkdirSync(root, {recursive: true});
  const tables = await db.all<{table_name: string; columns: string[]}>(
    `SELECT table_name, list(column_name ORDER BY ordinal_position) AS columns
     FROM information_schema.columns WHERE table_schema = 'marts' GROUP BY table_name ORDER BY table_name`
  );
  const results: PartitionedResult[] = [];
  for (const {table_name: table, columns} of tables) {
    const partitionBy = ["year", "dept_code"].filter((c) => columns.includes(c));
    const target = join(root, table);
    rmSync(target, {recursive: true, force: true});
    const rows = await db.value<number>(`SELECT count(*) FROM marts.${ident(table)}`);
    const options = partitionBy.length > 0
      ? `FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${partitionBy.map(ident).join(", ")})`
      : "FORMAT parquet, COMPRESSION zstd";
    const path = partitionBy.length > 0 ? target : `${target}.parquet`;
    await db.run(`COPY (SELECT * FROM marts.${ident(table)}) TO '${path.replaceAll("'", "''")}' (${options})`);
    results.push({table, rows, partitionBy});
  }
  return results;
}
