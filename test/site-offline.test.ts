// The report site must build with no network at all (government intranets are offline): every npm
// package comes from the cache scripts/framework-cache.ts fills, DuckDB-WASM asks for no extension.
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {createImportsDb} from "./support/imports-db.ts";
import {buildSite, type SiteBuild} from "./support/site-build.ts";

let dir: string;
let outDir: string;
let build: SiteBuild;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jixiao-offline-"));
  outDir = join(dir, "dist");
  build = await buildSite({outDir, db: await createImportsDb(dir), offline: true});
  console.log(`offline build: ${(build.elapsedMs / 1000).toFixed(1)} s via ${build.mechanism.join(" + ")}`);
}, 300_000);

afterAll(() => rmSync(dir, {recursive: true, force: true}));

function filesUnder(root: string): string[] {
  return readdirSync(root, {recursive: true, encoding: "utf8"}).filter((f) => statSync(join(root, f)).isFile());
}

describe("offline site build", () => {
  test("succeeds without trying the network", () => {
    expect(build.networkAttempts, build.output).toEqual([]);
    expect(build.code, build.output).toBe(0);
  });

  test("writes every page", () => {
    for (const page of ["index.html", "explore.html"]) expect(existsSync(join(outDir, page)), page).toBe(true);
    expect(readFileSync(join(outDir, "index.html"), "utf8")).toContain("绩效分析");
  });

  test("ships the npm packages the pages use from the local cache", () => {
    const files = filesUnder(outDir);
    const expected = [
      /^_npm\/@duckdb\/duckdb-wasm@1\.29\.0\/dist\/duckdb-mvp\.wasm$/,
      /^_npm\/@duckdb\/duckdb-wasm@1\.29\.0\/dist\/duckdb-eh\.wasm$/,
      /^_npm\/@duckdb\/duckdb-wasm@1\.29\.0\/dist\/duckdb-browser-mvp\.worker\.\w+\.js$/,
      /^_npm\/@duckdb\/duckdb-wasm@1\.29\.0\/dist\/duckdb-browser-eh\.worker\.\w+\.js$/,
      /^_npm\/@duckdb\/duckdb-wasm@1\.29\.0\/\w+\.js$/,
      /^_npm\/apache-arrow@[\d.]+\/\w+\.js$/,
      /^_npm\/@observablehq\/plot@[\d.]+\/\w+\.js$/,
      /^_npm\/d3@[\d.]+\/\w+\.js$/,
      /^_npm\/htl@[\d.]+\/\w+\.js$/,
      /^_file\/data\/imports\.\w+\.arrow$/
    ];
    for (const pattern of expected) expect(files.some((f) => pattern.test(f)), String(pattern)).toBe(true);
  });

  test("pages reference no outside host", () => {
    for (const page of ["index.html", "explore.html"]) {
      const html = readFileSync(join(outDir, page), "utf8");
      expect(html.match(/(?:src|href)="(?:https?:)?\/\/[^"]*"/g), page).toBeNull();
    }
  });
});
