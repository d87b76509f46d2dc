// A throwaway DuckDB file with the project schema, a few `imports` rows and empty marts, for site builds in tests.
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Database} from "../../src/db/database.ts";
import {loadPolicy} from "../../src/policy/loadPolicy.ts";
import {buildMarts} from "../../src/scoring/buildMarts.ts";

export const SAMPLE_IMPORTS = [
  {import_id: 1, file_name: "projects.xlsx", imported_at: "2024-03-01 09:00:00", rows_loaded: 120, rows_rejected: 3, warnings: 2, active: true},
  {import_id: 2, file_name: "goals.xlsx", imported_at: "2024-03-01 09:05:00", rows_loaded: 340, rows_rejected: 0, warnings: 0, active: true},
  {import_id: 3, file_name: "自评指标.csv", imported_at: "2024-03-02 14:30:00", rows_loaded: 860, rows_rejected: 12, warnings: 5, active: true}
];

/** Creates `<tmp>/jixiao.duckdb` with the schema and SAMPLE_IMPORTS; returns its path. */
export async function createImportsDb(dir = mkdtempSync(join(tmpdir(), "jixiao-site-"))): Promise<string> {
  const path = join(dir, "jixiao.duckdb");
  const db = await Database.open(path);
  try {
    for (const row of SAMPLE_IMPORTS) {
      await db.run(
        `INSERT INTO imports VALUES ($import_id, $file_path, $file_name, $file_hash, $file_bytes,
          CAST($imported_at AS TIMESTAMP), $rows_loaded, $rows_rejected, $warnings, NULL, $active)`,
        {
          ...row,
          file_path: `data/exports/${row.file_name}`,
          file_hash: `sha256-${row.import_id}`,
          file_bytes: 1024 * row.import_id
        }
      );
    }
    // Empty marts: every page builds and says there is no data yet.
    await buildMarts(db, loadPolicy("mof"));
  } finally {
    db.close();
  }
  return path;
}
