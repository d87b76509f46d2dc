// The benchmark itself runs (`npm run bench -- --quick` in CI): here its smallest scale, without the
// site build, checking that every step runs in its own process and the markdown table comes out.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {parseArgs, runBench, XLSX_MEMORY_LIMIT} from "../bench/run.ts";
import {canPinToOneCore} from "../bench/lib.ts";
import {pageData} from "../bench/steps.ts";
import {tempDir, writeXlsx} from "./helpers/files.ts";

describe("npm run bench", () => {
  it("measures a tiny scale against its references and writes the table", async () => {
    const dir = tempDir("jixiao-bench-");
    const out = join(dir, "performance.md");
    const options = parseArgs(["--scales", "tiny", "--work", join(dir, "work"), "--out", out, "--skip", "site", "--memory-limit", "256MB", "--quiet"]);
    const {markdown, results} = await runBench(options);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, "utf8")).toBe(markdown);
    expect(markdown).toMatch(/\*\*2 cores\*\*|\*\*\d+ cores\*\*/);
    expect(markdown).toMatch(/GB memory/);
    for (const measure of ["CSV ingest", "xlsx ingest", "Folder ingest, 1 thread", "Scoring (buildMarts", "bare GROUP BY project", "read_csv", "exceljs streaming parse"]) {
      expect(markdown).toContain(measure);
    }
    const steps = results[0]!.steps;
    // Parallel and one-by-one ingest of the same folder give the same database content; the one-by-one
    // ingest also ran held to one core, and the speed-up is judged against that single-core rate.
    expect(steps["folder-parallel"]?.digest).toBe(steps["folder-serial"]?.digest);
    if (canPinToOneCore) {
      expect(steps["folder-single-core"]?.digest).toBe(steps["folder-serial"]?.digest);
      expect(markdown).toContain("held to 1 core (taskset): the single-core rate");
      expect(markdown).toMatch(/\d\.\d\d× of 1 core/);
    }
    expect(steps["csv-ingest"]?.rows).toBe(steps["csv-readcsv"]?.rows);
    expect(steps["xlsx-ingest"]?.rows).toBe(steps["xlsx-exceljs"]!.rows as number - 1);
    // The same sheet ingested again with DuckDB held to a memory limit: the same rows.
    expect(steps["xlsx-ingest"]?.memoryLimit).toBeNull();
    expect(steps["xlsx-ingest-bounded"]?.memoryLimit).toBe(XLSX_MEMORY_LIMIT);
    expect(steps["xlsx-ingest-bounded"]?.rowsLoaded).toBe(steps["xlsx-ingest"]?.rowsLoaded);
    expect(markdown).toContain(`held to ${XLSX_MEMORY_LIMIT} (JIXIAO_MEMORY_LIMIT`);
    for (const step of Object.values(steps)) expect(step!.peakRssMb).toBeGreaterThan(0);
    // Scored a second time with DuckDB held to a memory limit: the same projects scored.
    expect(steps.score?.memoryLimit).toBeNull();
    expect(steps["score-bounded"]?.memoryLimit).toBe("256MB");
    expect(steps["score-bounded"]?.projects).toBe(steps.score?.projects);
    expect(markdown).toContain("held to 256MB (JIXIAO_MEMORY_LIMIT");
    expect(() => parseArgs(["--memory-limit", "lots"])).toThrow(/JIXIAO_MEMORY_LIMIT/);
  }, 120_000);

  it("adds up the data each built page ships", async () => {
    const dir = tempDir("jixiao-bench-site-");
    const {mkdirSync, writeFileSync} = await import("node:fs");
    mkdirSync(join(dir, "_file", "data"), {recursive: true});
    writeFileSync(join(dir, "_file", "data", "a.1.arrow"), Buffer.alloc(3000));
    writeFileSync(join(dir, "_file", "data", "b.2.parquet"), Buffer.alloc(5000));
    writeFileSync(join(dir, "index.html"), `<script>registerFile("./data/a.arrow", {"path":"./_file/data/a.1.arrow"});</script>`);
    mkdirSync(join(dir, "departments"));
    writeFileSync(join(dir, "departments", "x.html"), `<a href="../_file/data/a.1.arrow"></a><a href="../_file/data/b.2.parquet"></a>`);
    await writeXlsx(join(dir, "ignored.xlsx"), [{name: "s", rows: [["x"]]}]);
    expect(pageData(dir)).toMatchObject({pages: 2, largestPage: "departments/x.html", largestPageBytes: 8000, largestFileBytes: 5000, dataBytes: 8000});
  });
});
