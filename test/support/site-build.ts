// Builds the report site for a test: into its own output folder, against a given DuckDB file, one
// build at a time (builds share reports/.observablehq/cache), optionally with the network refused.
import {spawn, spawnSync} from "node:child_process";
import {readFileSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {pathToFileURL} from "node:url";
import {acquireSiteBuildLock} from "../../scripts/site-build-lock.ts";

export const PROJECT_ROOT = resolve(import.meta.dirname, "..", "..");
const PRELOAD = join(PROJECT_ROOT, "test", "support", "no-network.mjs");

export type SiteBuild = {code: number; output: string; elapsedMs: number; mechanism: string[]; networkAttempts: string[]};

/** Whether `unshare --net` works here (root, or user namespaces allowed); then nothing can leave the host. */
export function canUnshareNet(): boolean {
  const probe = spawnSync("unshare", ["--net", "true"], {stdio: "ignore"});
  return probe.status === 0;
}

export async function buildSite({outDir, db, offline = false}: {outDir: string; db: string; offline?: boolean}): Promise<SiteBuild> {
  const release = await acquireSiteBuildLock();
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
