import {existsSync, rmSync} from "node:fs";
import {Database, ident} from "../db/database.ts";
import {storedPolicy} from "../policy/loadPolicy.ts";
import {buildMarts} from "../scoring/buildMarts.ts";

/**
 * What publication leaves out [S1][S4]: projects marked 涉密 (every year of them, and every record that
 * names them), and fields marked sensitive — internal file paths (file names often carry project names),
 * the reject log, reviewers' notes. A bureau can add columns here.
 */
export const SENSITIVE_COLUMNS: Record<string, string[]> = {
  imports: ["file_path", "file_name"],
  import_sheets: ["sheet"],
  projects: ["source_file", "source_sheet"],
  goal_indicators: ["source_file", "source_sheet"],
  monitoring: ["source_file", "source_sheet"],
  selfeval_indicators: ["source_file", "source_sheet"],
  selfeval_totals: ["source_file", "source_sheet"],
  evaluations: ["source_file", "source_sheet"],
  findings: ["source_file", "source_sheet"],
  dept_overall: ["source_file", "source_sheet"],
  cut_decisions: ["source_file", "source_sheet", "note", "reviewer"]
};

/** Raw tables that name a project by code. */
const PROJECT_TABLES = ["projects", "goal_indicators", "monitoring", "selfeval_indicators", "selfeval_totals", "evaluations", "findings", "cut_decisions"];

export interface PublicCopy {
  path: string;
  classifiedProjects: number;
}

/**
 * Writes a copy of the database fit for publication: classified projects and sensitive fields removed
 * from the raw tables, then every mart rebuilt from what is left with the same policy, so no total,
 * explanation or overlap hint can carry a classified project.
 */
export async function makePublicCopy(sourcePath: string, targetPath: string): Promise<PublicCopy> {
  for (const suffix of ["", ".wal"]) if (existsSync(targetPath + suffix)) rmSync(targetPath + suffix);
  const db = await Database.open(targetPath);
  try {
    await db.run(`ATTACH '${sourcePath.replaceAll("'", "''")}' AS source (READ_ONLY)`);
    const policyRows = await db.all<{policy: string}>("SELECT policy::VARCHAR AS policy FROM source.marts.build_info").catch(() => []);
    // The reject log is left behind: its values are raw cells of any row, classified or not.
    for (const table of Object.keys(SENSITIVE_COLUMNS)) await db.run(`INSERT INTO ${ident(table)} SELECT * FROM source.main.${ident(table)}`);
    await db.run("DETACH source");

    const classified = await db.all<{project_code: string; project_name: string}>(
      "SELECT DISTINCT project_code, project_name FROM projects WHERE classified"
    );
    await db.run("CREATE TEMP TABLE classified AS SELECT DISTINCT project_code, project_name FROM projects WHERE classified");
    for (const table of PROJECT_TABLES) {
      await db.run(`DELETE FROM ${ident(table)} WHERE project_code IN (SELECT project_code FROM classified)`);
    }
    // Evaluations and findings may name a classified project only by its name.
    await db.run("DELETE FROM evaluations WHERE object_name IN (SELECT project_name FROM classified)");
    for (const [table, columns] of Object.entries(SENSITIVE_COLUMNS)) {
      const nullable = await db.all<{column_name: string; is_nullable: string}>(
        "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $t",
        {t: table}
      );
      const sets = columns.map((c) => `${ident(c)} = ${nullable.find((n) => n.column_name === c)?.is_nullable === "NO" ? "'（不公开）'" : "NULL"}`);
      await db.run(`UPDATE ${ident(table)} SET ${sets.join(", ")}`);
    }
    await db.run("DROP TABLE classified");
    if (policyRows[0]) await buildMarts(db, storedPolicy(policyRows[0].policy));
    return {path: targetPath, classifiedProjects: classified.length};
  } finally {
    db.close();
  }
}
