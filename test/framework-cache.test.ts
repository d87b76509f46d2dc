import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative, resolve} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {assertDuckDBWasmPinned, fillFrameworkCache} from "../scripts/framework-cache/fill.ts";
import {npmFolder, relativeEsmImport} from "../scripts/framework-cache/packages.ts";

const root = resolve(import.meta.dirname, "..");
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((dir) => rmSync(dir, {recursive: true, force: true})));

describe("relativeEsmImport", () => {
  test.each([
    ["@observablehq/plot", "0.6.17", "d3", "7.9.2", "../../d3@7.9.2/_esm.js"],
    ["@duckdb/duckdb-wasm", "1.29.0", "apache-arrow", "21.2.0", "../../apache-arrow@21.2.0/_esm.js"],
    ["d3", "7.9.2", "@observablehq/plot", "0.6.17", "../@observablehq/plot@0.6.17/_esm.js"]
  ])("%s@%s → %s@%s", (from, fromVersion, to, toVersion, expected) => {
    expect(relativeEsmImport(npmFolder(from, fromVersion), npmFolder(to, toVersion))).toBe(expected);
  });
});

describe("assertDuckDBWasmPinned", () => {
  function fakeProject(installed: string): string {
    const dir = temp("jixiao-pin-");
    mkdirSync(join(dir, "node_modules/@observablehq/framework/dist"), {recursive: true});
    writeFileSync(join(dir, "node_modules/@observablehq/framework/dist/duckdb.js"), `export const DUCKDB_WASM_VERSION = "1.29.0";\n`);
    mkdirSync(join(dir, "node_modules/@duckdb/duckdb-wasm"), {recursive: true});
    writeFileSync(join(dir, "node_modules/@duckdb/duckdb-wasm/package.json"), JSON.stringify({version: installed}));
    return dir;
  }

  test("accepts the pinned version", async () => {
    await expect(assertDuckDBWasmPinned(fakeProject("1.29.0"))).resolves.toBeUndefined();
  });

  test("names both versions and the fix otherwise", async () => {
    await expect(assertDuckDBWasmPinned(fakeProject("1.29.1-dev5.0"))).rejects.toThrow(
      '@duckdb/duckdb-wasm is 1.29.1-dev5.0 but Framework pins 1.29.0: set "@duckdb/duckdb-wasm": "1.29.0" (exact) in package.json'
    );
  });
});

describe("fillFrameworkCache", () => {
  test("fills from node_modules, then finds everything fresh", async () => {
    const site = temp("jixiao-cache-");
    const npm = join(site, ".observablehq/cache/_npm");
    mkdirSync(join(npm, "d3@0.0.1"), {recursive: true}); // stale version of a managed package
    mkdirSync(join(npm, "vega@5.0.0"), {recursive: true}); // not managed here: left alone
    const siteRoot = relative(root, site);

    const first = await fillFrameworkCache({projectRoot: root, siteRoot});
    expect(first.built).toContain("@duckdb/duckdb-wasm@1.29.0");
    expect(first.removed).toEqual(["d3@0.0.1"]);
    expect(existsSync(join(npm, "vega@5.0.0"))).toBe(true);
    for (const file of ["duckdb-mvp.wasm", "duckdb-eh.wasm", "duckdb-browser-mvp.worker.js", "duckdb-browser-eh.worker.js"]) {
      expect(existsSync(join(npm, "@duckdb/duckdb-wasm@1.29.0/dist", file)), file).toBe(true);
    }
    const duckdb = readFileSync(join(npm, "@duckdb/duckdb-wasm@1.29.0/_esm.js"), "utf8");
    expect(duckdb).toMatch(/from\s*"\.\.\/\.\.\/apache-arrow@[\d.]+\/_esm\.js"/);
    for (const name of ["lodash", "arquero", "react-dom", "@observablehq/sample-datasets"]) {
      expect(first.versionOnly.some((v) => v.startsWith(`${name}@`)), name).toBe(true);
    }

    const second = await fillFrameworkCache({projectRoot: root, siteRoot});
    expect(second.built).toEqual([]);
    expect(second.fresh).toEqual(first.built);
  }, 60_000);
});
