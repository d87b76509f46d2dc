// Shared pieces of the benchmark: running a step in its own process (so peak RSS is per step), the
// machine's description, and a content digest of the raw tables.
import {spawn, spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {cpus, loadavg, totalmem, tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {Database} from "../src/db/database.ts";

export const PROJECT_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const STEPS = fileURLToPath(new URL("./steps.ts", import.meta.url));
const GNU_TIME = "/usr/bin/time";
const TASKSET = "/usr/bin/taskset";

/** The first CPU this process may run on (Linux), or null: a container may not be allowed CPU 0. */
function firstAllowedCpu(): number | null {
  try {
    const match = /^Cpus_allowed_list:\s*(\d+)/m.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** A CPU to hold one-core steps to, where taskset works here (it may be refused in a container). */
const ONE_CPU = ((): number | null => {
  const cpu = existsSync(TASKSET) ? firstAllowedCpu() : null;
  return cpu !== null && spawnSync(TASKSET, ["-c", String(cpu), "true"]).status === 0 ? cpu : null;
})();

/** Whether a step can be held to one core here (Linux's taskset). */
export const canPinToOneCore = ONE_CPU !== null;

/** What every step reports besides its own figures. */
export interface Measured {
  /** Wall-clock seconds of the step's own timed section. */
  seconds: number;
  /** Peak resident memory of the step's process tree (largest process), MB. */
  peakRssMb: number;
  /** CPU seconds (user + system) of the step's process and its children. */
  cpuSeconds: number;
  /** 1-minute load average before and after the step. */
  loadBefore: number;
  loadAfter: number;
}

export type StepResult<T = Record<string, unknown>> = T & Measured;

export function load1(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

/**
 * Runs `bench/steps.ts <step>` in a child process and returns the JSON it prints, with the process's
 * peak RSS (GNU time's maximum resident set size, which covers the whole process tree: workers are
 * threads, a site build's loaders are waited-for children) and CPU time.
 */
export async function runStep<T>(
  step: string, args: Record<string, unknown>,
  options: {env?: NodeJS.ProcessEnv; log?: (line: string) => void; /** Run the process tree on one CPU only (`taskset`). */ oneCore?: boolean} = {}
): Promise<StepResult<T>> {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-bench-"));
  const timeFile = join(dir, "time.txt");
  const outFile = join(dir, "out.json");
  const node = [...(options.oneCore && ONE_CPU !== null ? [TASKSET, "-c", String(ONE_CPU)] : []), process.execPath, "--import", "tsx", STEPS, step, JSON.stringify({...args, resultFile: outFile})];
  const command = existsSync(GNU_TIME) ? [GNU_TIME, "-o", timeFile, "-f", "%M %U %S", ...node] : node;
  const loadBefore = load1();
  try {
    const child = spawn(command[0]!, command.slice(1), {cwd: PROJECT_ROOT, env: {...process.env, ...options.env}, stdio: ["ignore", "pipe", "pipe"]});
    let tail = "";
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-8000);
      if (options.log) for (const line of text.split("\n")) if (line.trim()) options.log(line);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const code = await new Promise<number>((res, rej) => {
      child.on("error", rej);
      child.on("close", (c) => res(c ?? 1));
    });
    if (code !== 0 || !existsSync(outFile)) throw new Error(`bench step ${step} failed (exit ${code}):\n${tail}`);
    const result = JSON.parse(readFileSync(outFile, "utf8")) as T & {seconds: number; peakRssMb?: number; cpuSeconds?: number};
    let peakRssMb = result.peakRssMb ?? 0;
    let cpuSeconds = result.cpuSeconds ?? 0;
    if (existsSync(timeFile)) {
      const [rssKb, user, sys] = readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-3).map(Number);
      if (Number.isFinite(rssKb)) peakRssMb = Math.round(rssKb! / 1024);
      if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = Math.round((user! + sys!) * 10) / 10;
    }
    return {...result, peakRssMb, cpuSeconds, loadBefore, loadAfter: load1()};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  duckdb: string;
  platform: string;
}

export function machine(): Machine {
  const duckdb = JSON.parse(readFileSync(join(PROJECT_ROOT, "node_modules", "@duckdb", "node-api", "package.json"), "utf8")) as {version: string};
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    duckdb: duckdb.version,
    platform: `${process.platform} ${process.arch}`
  };
}

/**
 * An order-independent digest of every raw table (all columns but the import time): two databases
 * with the same digest hold the same rows. Used to check that parallel and one-by-one ingest agree.
 */
export async function rawDigest(db: Database): Promise<string> {
  const tables = ["imports", "import_sheets", "rejects", "projects", "goal_indicators", "monitoring", "selfeval_indicators",
    "selfeval_totals", "evaluations", "findings", "dept_overall", "cut_decisions"];
  const parts: string[] = [];
  for (const table of tables) {
    const columns = await db.all<{column_name: string}>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $t AND column_name <> 'imported_at' ORDER BY ordinal_position",
      {t: table}
    );
    const list = columns.map((c) => `"${c.column_name}"`).join(", ");
    const [row] = await db.allJson<{n: string; h: string}>(`SELECT count(*)::VARCHAR AS n, coalesce(bit_xor(hash(${list})), 0)::VARCHAR AS h FROM "${table}"`);
    parts.push(`${table}:${row!.n}:${row!.h}`);
  }
  return parts.join(" ");
}
