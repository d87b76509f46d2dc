import {Database} from "../../src/db/database.ts";

export const RAW_TABLES = [
  "imports", "import_sheets", "rejects", "projects", "goal_indicators", "monitoring", "selfeval_indicators",
  "selfeval_totals", "evaluations", "findings", "dept_overall", "cut_decisions"
];

/** A digest of every raw table's content, to prove that a failed load changed nothing. */
export async function snapshot(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of RAW_TABLES) {
    const rows = await db.allJson(`SELECT * FROM "${table}" ORDER BY ALL`);
    out[table] = JSON.stringify(rows);
  }
  return out;
}

export async function count(db: Database, table: string, where = "true"): Promise<number> {
  return db.value<number>(`SELECT count(*) FROM "${table}" WHERE ${where}`);
}
