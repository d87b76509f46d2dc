// The path an analyst takes, through the real CLI: ingest the example exports, score, export
// project-scores — and every row of the hand-computed expected file comes back.
import {execFileSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {EXAMPLES, tempDir} from "./helpers/files.ts";

const EXPECTED = new URL("../../shared/examples/expected/project_scores.csv", import.meta.url).pathname;
const CLI = new URL("../bin/jixiao.js", import.meta.url).pathname;

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.replace(/^\ufeff/, "").trim().split(/\r?\n/);
  const columns = header!.split(",");
  return lines.map((line) => {
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted && ch === '"' && line[i + 1] === '"') cell += line[++i];
      else if (ch === '"') quoted = !quoted;
      else if (ch === "," && !quoted) {
        cells.push(cell);
        cell = "";
      } else cell += ch;
    }
    cells.push(cell);
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}

describe("ingest → score → export on the example exports", () => {
  const dir = tempDir();
  const db = join(dir, "jixiao.duckdb");
  const out = join(dir, "project-scores.csv");
  let ingestOutput = "";

  beforeAll(() => {
    const run = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], {encoding: "utf8", env: {...process.env, NO_COLOR: "1"}});
    ingestOutput = run("ingest", EXAMPLES, "--db", db);
    run("score", "--db", db);
    run("export", "project-scores", "--format", "csv", "--out", out, "--db", db);
  }, 180_000);

  it("loads every file with no errors", () => {
    expect(ingestOutput).toMatch(/共 8 个文件：导入 8，未变 0，跳过 0，失败 0；导入 100 行，拒收 0 行/);
  });

  it("reproduces every row of expected/project_scores.csv", () => {
    const expected = parseCsv(readFileSync(EXPECTED, "utf8"));
    const actual = new Map(parseCsv(readFileSync(out, "utf8")).map((r) => [r.project_code, r]));
    expect(expected).toHaveLength(7);
    for (const row of expected) {
      const got = actual.get(row.project_code!);
      expect(got, row.project_code).toBeDefined();
      for (const column of ["execution_rate", "execution_score", "indicator_score", "total_score", "reported_score", "deduction_rate"]) {
        expect(Number(got![column]), `${row.project_code} ${column}`).toBeCloseTo(Number(row[column]), 2);
      }
      expect(got!.grade, `${row.project_code} grade`).toBe(row.grade);
      expect(got!.final_grade, `${row.project_code} final_grade`).toBe(row.final_grade);
    }
  });
});
