import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {Type, tableFromIPC} from "apache-arrow";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {createImportsDb, SAMPLE_IMPORTS} from "./support/imports-db.ts";
import {arrowBytes, queryAsArrow, resolveDbPath} from "../src/report-data/arrow.ts";

const root = resolve(import.meta.dirname, "..");
let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jixiao-arrow-"));
  db = join(dir, "typed.duckdb");
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  await connection.run(`
    CREATE TABLE typed (
      id INTEGER,
      big BIGINT,
      huge BIGINT,
      amount DECIMAL(20,6),
      ratio DOUBLE,
      name VARCHAR,
      ok BOOLEAN,
      day DATE,
      stamp TIMESTAMP
    );
    INSERT INTO typed VALUES
      (1, 10, 5000000000, 1234567.123456, 0.5, '教育局', true, DATE '2024-03-01', TIMESTAMP '2024-03-01 08:30:00'),
      (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      (3, -7, 1, 0.000001, 1.25, '教育局', false, DATE '1999-12-31', TIMESTAMP '1999-12-31 23:59:59.123');
    CREATE TABLE wide (n HUGEINT);
    INSERT INTO wide VALUES (9007199254740993);
  `);
  connection.closeSync();
  instance.closeSync();
});

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("queryAsArrow", () => {
  test("maps DuckDB types to Arrow types and keeps NULLs", async () => {
    const table = tableFromIPC(arrowBytes(await queryAsArrow("SELECT * FROM typed ORDER BY id", {}, {db})));
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, f.type.typeId]));
    expect(types).toEqual({
      id: Type.Int,
      big: Type.Int,
      huge: Type.Float,
      amount: Type.Float,
      ratio: Type.Float,
      name: Type.Dictionary,
      ok: Type.Bool,
      day: Type.Date,
      stamp: Type.Timestamp
    });
    expect(table.numRows).toBe(3);
    expect(table.toArray().map((row) => row.toJSON())).toEqual([
      {id: 1, big: 10, huge: 5_000_000_000, amount: 1234567.123456, ratio: 0.5, name: "教育局", ok: true, day: Date.UTC(2024, 2, 1), stamp: Date.UTC(2024, 2, 1, 8, 30)},
      {id: 2, big: null, huge: null, amount: null, ratio: null, name: null, ok: null, day: null, stamp: null},
      {id: 3, big: -7, huge: 1, amount: 0.000001, ratio: 1.25, name: "教育局", ok: false, day: Date.UTC(1999, 11, 31), stamp: Date.UTC(1999, 11, 31, 23, 59, 59, 123)}
    ]);
  });

  test("binds $name parameters", async () => {
    const table = await queryAsArrow("SELECT id FROM typed WHERE name = $name ORDER BY id", {name: "教育局"}, {db});
    expect(table.getChild("id")?.toArray()).toEqual(Int32Array.from([1, 3]));
  });

  test("writes an empty result with its schema", async () => {
    const table = tableFromIPC(arrowBytes(await queryAsArrow("SELECT id, name FROM typed WHERE false", {}, {db})));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(["id", "name"]);
    // No dictionary announced that the stream would never send (DuckDB-WASM rejects that).
    expect(table.schema.fields[1]!.type.typeId).toBe(Type.Utf8);
  });

  test.each([
    ["an integer beyond 2^53", "SELECT n FROM wide", /does not fit a double exactly/],
    ["an unsupported type", "SELECT [1, 2] AS list", /unsupported DuckDB type INTEGER\[\] in column list/],
    ["duplicate column names", "SELECT 1 AS a, 2 AS a", /duplicate column name a/]
  ])("rejects %s", async (_, sql, message) => {
    await expect(queryAsArrow(sql, {}, {db})).rejects.toThrow(message);
  });

  test("opens the file read-only", async () => {
    await expect(queryAsArrow("CREATE TABLE t (x INTEGER)", {}, {db})).rejects.toThrow(/read-only/i);
  });
});

describe("resolveDbPath", () => {
  test("prefers the option, then $JIXIAO_DB, then data/jixiao.duckdb", () => {
    const saved = process.env.JIXIAO_DB;
    try {
      process.env.JIXIAO_DB = "/tmp/env.duckdb";
      expect(resolveDbPath("/tmp/option.duckdb")).toBe("/tmp/option.duckdb");
      expect(resolveDbPath()).toBe("/tmp/env.duckdb");
      delete process.env.JIXIAO_DB;
      expect(resolveDbPath()).toBe(join(root, "data", "jixiao.duckdb"));
    } finally {
      if (saved === undefined) delete process.env.JIXIAO_DB;
      else process.env.JIXIAO_DB = saved;
    }
  });
});

describe("loader process", () => {
  const run = (loader: string, env: Record<string, string>, args: string[] = []) =>
    spawnSync(process.execPath, ["--import", "tsx", join(root, "reports", "data", loader), ...args], {
      cwd: root,
      env: {...process.env, ...env},
      encoding: "buffer"
    });

  test("writes its site file as Arrow IPC to stdout", async () => {
    const path = await createImportsDb(mkdtempSync(join(dir, "imports-")));
    const result = run("imports.arrow.ts", {JIXIAO_DB: path});
    expect(result.stderr.toString()).toBe("");
    expect(result.status).toBe(0);
    expect(tableFromIPC(result.stdout).toArray().map((row) => row.toJSON().file_name)).toEqual(SAMPLE_IMPORTS.map((r) => r.file_name));
  });

  test("reports a failure on stderr and exits non-zero", () => {
    // The typed database has no imports table.
    const result = run("imports.arrow.ts", {JIXIAO_DB: db});
    expect(result.status).toBe(1);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr.toString()).toMatch(/imports/);
  });

  test("fails clearly when the database file is missing", () => {
    const result = run("departments.arrow.ts", {JIXIAO_DB: join(dir, "missing.duckdb")});
    expect(result.status).toBe(1);
    expect(result.stderr.toString()).toMatch(/missing\.duckdb does not exist: run the ingest first/);
  });

  test("a department loader needs its --dept", () => {
    const result = run(join("departments", "[dept].tar.ts"), {JIXIAO_DB: db});
    expect(result.status).toBe(1);
    expect(result.stderr.toString()).toMatch(/missing --dept/);
  });
});
