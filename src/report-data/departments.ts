import {existsSync} from "node:fs";
import {Database, DEFAULT_DB_PATH} from "../db/database.ts";

/** The codes of departments with scored projects, one page each; none before scoring. */
export async function departmentCodes(db: Database): Promise<string[]> {
  const rows = await db.all<{code: string}>(
    `SELECT DISTINCT coalesce(dept_code, department) AS code FROM marts.project_scores
     WHERE coalesce(dept_code, department) IS NOT NULL ORDER BY code`
  ).catch(() => []);
  return rows.map((r) => r.code);
}

/**
 * One site path per department (`/departments/<dept_code>`), for Framework's parameterised route
 * `reports/departments/[dept].md`. No database or no marts yet → no pages.
 */
export async function departmentPaths(dbPath = process.env.JIXIAO_DB ?? DEFAULT_DB_PATH): Promise<string[]> {
  if (!existsSync(dbPath)) return [];
  const db = await Database.open(dbPath, {readOnly: true});
  try {
    return (await departmentCodes(db)).map((code) => `/departments/${encodeURIComponent(code)}`);
  } finally {
    db.close();
  }
}
