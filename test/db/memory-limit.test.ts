// JIXIAO_MEMORY_LIMIT bounds DuckDB's memory (the scoring build spills to disk above it; docs/scale.md).
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {join} from "node:path";
import {afterEach, describe, expect, it, vi} from "vitest";
import {Database, memoryLimit, outOfMemoryMessage} from "../../src/db/database.ts";
import {tempDir} from "../helpers/files.ts";

describe("memory limit", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("reads sizes as DuckDB writes them and refuses anything else in Chinese", () => {
    expect(memoryLimit(undefined)).toBeNull();
    expect(memoryLimit("  ")).toBeNull();
    expect(memoryLimit(" 3GB ")).toBe("3GB");
    expect(memoryLimit("512 MiB")).toBe("512 MiB");
    expect(memoryLimit("1.5gb")).toBe("1.5gb");
    for (const bad of ["3", "lots", "3 GB; DROP TABLE x", "-1GB", "80%"]) {
      expect(() => memoryLimit(bad)).toThrow(/JIXIAO_MEMORY_LIMIT 的取值「.*」无效/);
    }
  });

  it("explains in Chinese when DuckDB runs out of memory, and leaves the database as it was", async () => {
    vi.stubEnv("JIXIAO_MEMORY_LIMIT", "16MB");
    const db = await Database.open(":memory:");
    try {
      await db.run("CREATE TABLE kept AS SELECT 1 AS n");
      // A list aggregate cannot spill: 20 M integers do not fit in 16 MB.
      const error = await db.transaction(() => db.run("CREATE TABLE big AS SELECT list(range) AS l FROM range(20000000)")).then(() => null, (e: unknown) => e);
      expect(String(error)).toMatch(/Out of Memory/i);
      const message = outOfMemoryMessage(error);
      expect(message).toMatch(/^内存不足：内存上限 JIXIAO_MEMORY_LIMIT=16MB 不够完成这一步，数据库未作改动。请调高 JIXIAO_MEMORY_LIMIT/);
      expect(outOfMemoryMessage(error, "")).toMatch(/^内存不足：本机可用内存/);
      expect(await db.value("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'big'")).toBe(0);
      expect(await db.value("SELECT count(*) FROM kept")).toBe(1);
      expect(outOfMemoryMessage(new Error("Binder Error: column x not found"))).toBeNull();
      expect(outOfMemoryMessage("Out of Memory")).toBeNull();
    } finally {
      db.close();
    }
  });

  it("is applied to every database opened, and DuckDB's default is kept when unset", async () => {
    vi.stubEnv("JIXIAO_MEMORY_LIMIT", "512MB");
    const limited = await Database.open(":memory:");
    const unset = async () => {
      vi.stubEnv("JIXIAO_MEMORY_LIMIT", "");
      return Database.open(":memory:");
    };
    const free = await unset();
    try {
      // DuckDB reports the limit in binary units: 512 MB = 488.2 MiB.
      expect(await limited.value("SELECT current_setting('memory_limit')")).toBe("488.2 MiB");
      expect(await free.value("SELECT current_setting('memory_limit')")).not.toBe("488.2 MiB");
    } finally {
      limited.close();
      free.close();
    }
  });

  it("a wrong value stops the command with the message alone, before any database is touched", () => {
    const cli = new URL("../../bin/jixiao.js", import.meta.url).pathname;
    const folder = join(tempDir("jixiao-memory-"), "data");
    const run = spawnSync(process.execPath, [cli, "rejects", "--db", join(folder, "jixiao.duckdb")], {
      encoding: "utf8", env: {...process.env, JIXIAO_MEMORY_LIMIT: "lots", NO_COLOR: "1"}
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe("环境变量 JIXIAO_MEMORY_LIMIT 的取值「lots」无效：应为内存大小，如 3GB 或 512MB");
    expect(existsSync(folder)).toBe(false);
  });
});
