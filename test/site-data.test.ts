// The site's data files: one registry (src/report-data/site-files.ts) behind both the per-file loaders
// and the build's one-process precompute, which must write what the loaders would.
import {spawnSync} from "node:child_process";
import {mkdtempSync, readdirSync, readFileSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative, resolve} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {beforeAll, describe, expect, it} from "vitest";
import {writeSiteData} from "../src/report-data/precompute.ts";
import {CUT_LIST_MEMBER} from "../src/report-data/cut-list-csv.ts";
import {DETAIL_FILES} from "../src/report-data/detail-files.ts";
import {SITE_FILES} from "../src/report-data/site-files.ts";
import {createSampleDb} from "./support/sample-db.ts";

const root = resolve(import.meta.dirname, "..");
const dataDir = join(root, "reports", "data");

function loaders(dir = dataDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? loaders(path) : name.endsWith(".ts") ? [`data/${relative(dataDir, path).slice(0, -3)}`] : [];
  });
}

/**
 * The same file, read back: the decoded rows of an Arrow stream (apache-arrow numbers dictionaries from
 * a per-process counter, so bytes differ between processes), the bytes of anything else.
 */
function content(path: string, bytes: Uint8Array): unknown {
  if (!path.endsWith(".arrow")) return Buffer.from(bytes).toString("base64");
  const table = tableFromIPC(bytes);
  return {fields: table.schema.fields.map((f) => `${f.name}:${f.type}`), rows: JSON.stringify(table.toArray())};
}

function runLoader(path: string, db: string, args: string[] = []): Buffer {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(root, "reports", `${path}.ts`), ...args], {
    cwd: root, env: {...process.env, JIXIAO_DB: db}, encoding: "buffer"
  });
  if (result.status !== 0) throw new Error(`${path}: ${result.stderr.toString()}`);
  return result.stdout;
}

describe("site data files", () => {
  it("has one loader for each registered file, and no other", () => {
    expect(loaders().sort()).toEqual(Object.keys(SITE_FILES).sort());
  });

  describe("precompute", () => {
    let db: string;
    let cache: string;
    let report: Awaited<ReturnType<typeof writeSiteData>>;
    beforeAll(async () => {
      db = await createSampleDb();
      cache = mkdtempSync(join(tmpdir(), "jixiao-site-data-"));
      report = await writeSiteData(cache, {db});
    }, 300_000);

    it("writes every file and every department's members (one 行政区划: a page per department)", () => {
      expect(report.kind).toBe("departments");
      expect(report.pages).toBeGreaterThan(1);
      const plain = Object.keys(SITE_FILES).filter((p) => !p.includes("["));
      expect(report.files).toBe(plain.length + report.pages * (Object.keys(DETAIL_FILES).length + 1));
      for (const path of plain) expect(statSync(join(cache, path)).size, path).toBeGreaterThan(0);
    });

    it("writes what the loaders write", () => {
      for (const path of ["data/goals-projects.arrow", "data/evaluation-summary.arrow", "data/quality-rules.arrow"]) {
        expect(content(path, runLoader(path, db)), path).toEqual(content(path, readFileSync(join(cache, path))));
      }
    }, 120_000);

    it("writes a department's members as the department's tar holds them (first and last: the split's edges)", () => {
      const all = readdirSync(join(cache, "data", "departments")).sort();
      expect(all.length).toBe(report.pages);
      for (const dept of [all[0]!, all.at(-1)!]) checkDepartment(dept);
    }, 60_000);

    function checkDepartment(dept: string): void {
      const tar = runLoader("data/departments/[dept].tar", db, [`--dept=${dept}`]);
      let offset = 0;
      const members = new Map<string, Buffer>();
      while (offset + 512 <= tar.length && tar[offset] !== 0) {
        const name = tar.subarray(offset, offset + 100).toString("utf8").replace(/\0.*$/s, "");
        const size = parseInt(tar.subarray(offset + 124, offset + 136).toString("ascii"), 8);
        members.set(name, tar.subarray(offset + 512, offset + 512 + size));
        offset += 512 + Math.ceil(size / 512) * 512;
      }
      expect([...members.keys()]).toEqual([...Object.keys(DETAIL_FILES), CUT_LIST_MEMBER]);
      for (const [name, bytes] of members) {
        const written = readFileSync(join(cache, "data", "departments", dept, name));
        expect(content(name, bytes), name).toEqual(content(name, written));
      }
      const projects = members.get("projects.csv")!.toString("utf8").trim().split("\n");
      expect(projects[0]).toMatch(/^dept_code,department,year,project_code,/);
      expect(projects.length).toBeGreaterThan(1);
    }
  });
});
