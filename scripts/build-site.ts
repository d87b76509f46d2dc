// Builds or previews the report site offline.
//   tsx scripts/build-site.ts prepare   fill the npm cache from node_modules, drop stale loader output
//   tsx scripts/build-site.ts build     prepare, then `observable build`
//   tsx scripts/build-site.ts preview   prepare, then `observable preview` (extra args pass through)
import {spawn} from "node:child_process";
import {readdir, rm} from "node:fs/promises";
import {delimiter, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {existsSync} from "node:fs";
import {resolveDbPath} from "../src/report-data/arrow.ts";
import {writeSiteData} from "../src/report-data/precompute.ts";
import {fillFrameworkCache} from "./framework-cache/fill.ts";
import {describeFill} from "./framework-cache.ts";

export const PROJECT_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const SITE_ROOT = "reports";

/**
 * Removes Framework's cached data-loader output (everything in the cache but `_npm`). Framework
 * reuses a loader's output while the loader file is older than it, so without this a new ingest
 * into the DuckDB file would not reach the site.
 */
export async function clearLoaderCache(projectRoot = PROJECT_ROOT, siteRoot = SITE_ROOT): Promise<string[]> {
  const cacheRoot = join(projectRoot, siteRoot, ".observablehq", "cache");
  let entries: string[];
  try {
    entries = await readdir(cacheRoot);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const removed = entries.filter((entry) => entry !== "_npm");
  for (const entry of removed) await rm(join(cacheRoot, entry), {recursive: true, force: true});
  return removed;
}

export async function prepareSite(projectRoot = PROJECT_ROOT): Promise<void> {
  const start = performance.now();
  const report = await fillFrameworkCache({projectRoot, siteRoot: SITE_ROOT, log: (message) => console.error(message)});
  console.error(describeFill(report, performance.now() - start));
  const removed = await clearLoaderCache(projectRoot);
  if (removed.length) console.error(`loader cache: removed ${removed.join(", ")}`);
  // Every data file made here in one process; Framework then finds them fresh and runs no loader.
  // Without a database the loaders run and say what is missing.
  if (existsSync(resolveDbPath())) {
    const data = await writeSiteData(join(projectRoot, SITE_ROOT, ".observablehq", "cache"));
    const slowest = data.timings.slice(0, 5).map(([path, s]) => `${path} ${s.toFixed(1)} s`).join(", ");
    console.error(`site data: ${data.files} files (${data.pages} ${data.kind === "regions" ? "region" : "department"} pages), ${(data.bytes / 2 ** 20).toFixed(1)} MB in ${data.seconds.toFixed(1)} s; slowest: ${slowest}`);
  }
}

/** Runs the Framework CLI with node_modules/.bin on PATH (TypeScript loaders need `tsx`). */
export function runFramework(args: string[], projectRoot = PROJECT_ROOT, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const cli = join(projectRoot, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: projectRoot,
    stdio: "inherit",
    env: {
      ...env,
      OBSERVABLE_TELEMETRY_DISABLE: "true",
      PATH: [join(projectRoot, "node_modules", ".bin"), env.PATH ?? ""].join(delimiter)
    }
  });
  return new Promise((resolvePromise, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

async function main(command: string | undefined, rest: string[]): Promise<number> {
  switch (command) {
    case "prepare":
      await prepareSite();
      return 0;
    case "build":
      await prepareSite();
      return runFramework(["build", ...rest]);
    case "preview":
      await prepareSite();
      return runFramework(["preview", ...rest]);
    default:
      throw new Error(`invalid command: ${command ?? "(none)"} (use prepare, build or preview)`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2], process.argv.slice(3)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  );
}
