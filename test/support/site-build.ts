// Builds the report site for a test: into its own output folder, against a given DuckDB file, one
// build at a time (builds share reports/.observablehq/cache), optionally with the network refused.
import {spawn, spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {pathToFileURL} from "node:url";

export const PROJECT_ROOT = resolve(import.meta.dirname, "..", "..");
const LOCK_DIR = join(PROJECT_ROOT, "reports", ".observablehq", "test-build.lock");
const PRELOAD = join(PROJECT_ROOT, "test", "support", "no-network.mjs");

export type SiteBuild = {code: number; output: string; elapsedMs: number; mechanism: string[]; networkAttempts: string[]};

/** Whether `unshare --net` works here (root, or user namespaces allowed); then nothing can leave the host. */
export function canUnshareNet(): boolean {
  const probe = spawnSync("unshare", ["--net", "true"], {stdio: "ignore"});
  return probe.status === 0;
}

export async function buildSite({outDir, db, offline = false}: {outDir: string; db: string; offline?: boolean}): Promise<SiteBuild> {
  const release = await acquireLock();
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      JIXIAO_DB: db,
      JIXIAO_SITE_OUTPUT: outDir,
      OBSERVABLE_TELEMETRY_DISABLE: "true",
      NO_COLOR: "1"
    };
    const command = [process.execPath, "--import", "tsx", join(PROJECT_ROOT, "scripts", "build-site.ts"), "build"];
    const mechanism: string[] = [];
    let networkLog = "";
    if (offline) {
      networkLog = join(outDir + ".network.log");
      writeFileSync(networkLog, "");
      env.JIXIAO_NETWORK_LOG = networkLog;
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --import ${pathToFileURL(PRELOAD).href}`.trim();
      mechanism.push("node preload refusing non-loopback connect/dns/fetch");
      if (canUnshareNet()) {
        command.unshift("unshare", "--net", "--");
        mechanism.push("unshare --net (empty network namespace)");
      }
    }
    const start = performance.now();
    const child = spawn(command[0]!, command.slice(1), {cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"]});
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number>((resolvePromise, reject) => {
      child.on("error", reject);
      child.on("close", (exitCode) => resolvePromise(exitCode ?? 1));
    });
    const networkAttempts = networkLog ? readFileSync(networkLog, "utf8").split("\n").filter(Boolean) : [];
    return {code, output, elapsedMs: performance.now() - start, mechanism, networkAttempts};
  } finally {
    release();
  }
}

/** A lock directory holding the owner's pid; a lock whose owner died is taken over. */
async function acquireLock(timeoutMs = 10 * 60_000): Promise<() => void> {
  mkdirSync(join(LOCK_DIR, ".."), {recursive: true});
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, "pid"), String(process.pid));
      return () => rmSync(LOCK_DIR, {recursive: true, force: true});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!lockOwnerAlive()) {
        rmSync(LOCK_DIR, {recursive: true, force: true});
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the site build lock ${LOCK_DIR}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function lockOwnerAlive(): boolean {
  const pidFile = join(LOCK_DIR, "pid");
  // No pid yet: being created right now, unless its creator died in between.
  if (!existsSync(pidFile)) {
    const info = statSync(LOCK_DIR, {throwIfNoEntry: false});
    return info !== undefined && Date.now() - info.mtimeMs < 10_000;
  }
  const pid = Number(readFileSync(pidFile, "utf8"));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
