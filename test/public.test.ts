import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Database} from "../src/db/database.ts";
import {exportTable} from "../src/export/table.ts";
import {loadPolicy} from "../src/policy/loadPolicy.ts";
import {makePublicCopy} from "../src/public/redact.ts";
import {buildMarts} from "../src/scoring/buildMarts.ts";
import {ingestPaths} from "../loaders/ingest.ts";
import {EXAMPLES, tempDir} from "./helpers/files.ts";

/** Every text value of every table in every schema that contains `needle`. */
async function mentions(db: Database, needle: string): Promise<string[]> {
  const columns = await db.all<{table_schema: string; table_name: string; column_name: string}>(
    `SELECT table_schema, table_name, column_name FROM information_schema.columns
     WHERE data_type IN ('VARCHAR', 'JSON') OR data_type LIKE '%[]'`
  );
  const found: string[] = [];
  for (const c of columns) {
    const n = await db.value<number>(
      `SELECT count(*) FROM "${c.table_schema}"."${c.table_name}" WHERE CAST("${c.column_name}" AS VARCHAR) LIKE '%' || $needle || '%'`,
      {needle}
    );
    if (n > 0) found.push(`${c.table_schema}.${c.table_name}.${c.column_name}`);
  }
  return found;
}

describe("public disclosure copy", () => {
  const dir = tempDir();
  const source = join(dir, "internal.duckdb");
  const target = join(dir, "public.duckdb");
  const secret = {code: "2023-003-02", name: "甜菜绿色高产高效行动"};
  let pub: Database;

  beforeAll(async () => {
    const db = await Database.open(source);
    await ingestPaths(db, [EXAMPLES]);
    await db.run("UPDATE projects SET classified = true WHERE project_code = $c", {c: secret.code});
    await buildMarts(db, loadPolicy("mof"));
    expect((await mentions(db, secret.code)).length).toBeGreaterThan(0);
    db.close();
    const copy = await makePublicCopy(source, target);
    expect(copy.classifiedProjects).toBe(1);
    pub = await Database.open(target, {readOnly: true});
  });
  afterAll(() => pub?.close());

  it("leaves no trace of a classified project in any table", async () => {
    expect(await mentions(pub, secret.code)).toEqual([]);
    expect(await mentions(pub, secret.name)).toEqual([]);
  });

  it("keeps the other projects scored", async () => {
    expect(await pub.value("SELECT count(*) FROM marts.project_scores")).toBe(6);
    expect(await pub.value("SELECT total_score FROM marts.project_scores WHERE project_code = '2023-001-01'")).toBe(97.25);
  });

  it("drops sensitive fields: file paths and the reject log", async () => {
    expect(await pub.value("SELECT count(*) FROM projects WHERE source_file NOT LIKE '%不公开%'")).toBe(0);
    expect(await pub.value("SELECT count(*) FROM rejects")).toBe(0);
    expect(await mentions(pub, "/work/")).toEqual([]);
  });

  it("exports from the public copy carry no classified project", async () => {
    const out = join(dir, "exports");
    for (const table of ["project-scores", "application", "low-efficiency", "explanations"]) {
      await exportTable(pub, table, {format: "csv", out: join(out, `${table}.csv`)});
    }
    for (const file of readdirSync(out)) {
      const text = readFileSync(join(out, file), "utf8");
      expect(statSync(join(out, file)).size).toBeGreaterThan(0);
      expect(text).not.toContain(secret.code);
      expect(text).not.toContain(secret.name);
    }
  });
});
