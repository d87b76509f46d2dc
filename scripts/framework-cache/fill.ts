// Fills `<site root>/.observablehq/cache/_npm/` from node_modules so Framework never fetches a package.
// Idempotent: each version folder carries a stamp of what built it, and is rebuilt only when that changes.
import {existsSync} from "node:fs";
import {copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile} from "node:fs/promises";
import {dirname, join} from "node:path";
import {pathToFileURL} from "node:url";
import {build, version as esbuildVersion, type Plugin} from "esbuild";
import {BUNDLED_PACKAGES, VERSION_ONLY_PACKAGES, npmFolder, relativeEsmImport, type BundledPackage} from "./packages.ts";

/** Bump when the way bundles are made changes, so existing caches are rebuilt. */
const RECIPE = 1;
const STAMP = ".jixiao-cache.json";

export type FillOptions = {
  /** Folder holding package.json and node_modules. */
  projectRoot: string;
  /** Framework's source root (`root` in observablehq.config.ts), relative to projectRoot. */
  siteRoot?: string;
  log?: (message: string) => void;
};

export type FillReport = {
  built: string[];
  fresh: string[];
  versionOnly: string[];
  /** Optional packages that are not installed: name and what that costs. */
  missing: {name: string; reason: string}[];
  removed: string[];
};

type Installed = BundledPackage & {version: string; dir: string};

export async function fillFrameworkCache({projectRoot, siteRoot = "reports", log = () => {}}: FillOptions): Promise<FillReport> {
  const cacheRoot = join(projectRoot, siteRoot, ".observablehq", "cache");
  const report: FillReport = {built: [], fresh: [], versionOnly: [], missing: [], removed: []};
  await assertDuckDBWasmPinned(projectRoot);

  const installed: Installed[] = [];
  const versions = new Map<string, string>();
  for (const pkg of BUNDLED_PACKAGES) {
    const dir = join(projectRoot, "node_modules", pkg.name);
    const version = await readVersion(dir);
    if (version === undefined) {
      if (!pkg.optional) throw new Error(`${pkg.name} is not installed in ${join(projectRoot, "node_modules")}: run npm install`);
      report.missing.push({name: pkg.name, reason: pkg.optional.reason});
      versions.set(pkg.name, pkg.optional.fallbackVersion);
      continue;
    }
    installed.push({...pkg, version, dir});
    versions.set(pkg.name, version);
  }
  for (const [name, version] of Object.entries(VERSION_ONLY_PACKAGES)) versions.set(name, version);

  report.removed = await removeOtherVersions(cacheRoot, versions);

  for (const pkg of installed) {
    const folder = npmFolder(pkg.name, pkg.version);
    const stamp = await stampOf(pkg, versions);
    if (await isFresh(cacheRoot, folder, pkg, stamp)) {
      report.fresh.push(`${pkg.name}@${pkg.version}`);
      continue;
    }
    log(`bundle ${pkg.name}@${pkg.version}`);
    await bundlePackage(projectRoot, cacheRoot, folder, pkg, versions);
    for (const file of pkg.raw ?? []) await copyAtomically(join(pkg.dir, file), join(cacheRoot, folder, file));
    await writeFile(join(cacheRoot, folder, STAMP), stamp);
    report.built.push(`${pkg.name}@${pkg.version}`);
  }

  for (const {name} of report.missing) {
    await mkdir(join(cacheRoot, npmFolder(name, versions.get(name)!)), {recursive: true});
  }
  for (const [name, version] of Object.entries(VERSION_ONLY_PACKAGES)) {
    await mkdir(join(cacheRoot, npmFolder(name, version)), {recursive: true});
    report.versionOnly.push(`${name}@${version}`);
  }
  return report;
}

/** Framework builds against one DuckDB-WASM version; any other one sends the build back to the CDN. */
export async function assertDuckDBWasmPinned(projectRoot: string): Promise<void> {
  const frameworkDuckDB = join(projectRoot, "node_modules", "@observablehq", "framework", "dist", "duckdb.js");
  if (!existsSync(frameworkDuckDB)) throw new Error(`@observablehq/framework is not installed (${frameworkDuckDB} is missing): run npm install`);
  const {DUCKDB_WASM_VERSION: pinned} = (await import(pathToFileURL(frameworkDuckDB).href)) as {DUCKDB_WASM_VERSION: string};
  const installed = await readVersion(join(projectRoot, "node_modules", "@duckdb", "duckdb-wasm"));
  if (installed !== pinned) {
    throw new Error(
      `@duckdb/duckdb-wasm is ${installed ?? "not installed"} but Framework pins ${pinned}: ` +
        `set "@duckdb/duckdb-wasm": "${pinned}" (exact) in package.json and run npm install`
    );
  }
}

async function readVersion(dir: string): Promise<string | undefined> {
  try {
    const {version} = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {version?: unknown};
    if (typeof version !== "string") throw new Error(`no version in ${join(dir, "package.json")}`);
    return version;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function stampOf(pkg: Installed, versions: Map<string, string>): Promise<string> {
  const raw = await Promise.all(
    (pkg.raw ?? []).map(async (file) => {
      const info = await stat(join(pkg.dir, file));
      return [file, info.size, info.mtimeMs];
    })
  );
  const external = (pkg.external ?? []).map((name) => `${name}@${versions.get(name)}`);
  return JSON.stringify({recipe: RECIPE, esbuild: esbuildVersion, name: pkg.name, version: pkg.version, entry: pkg.entry, external, raw}, null, 1);
}

async function isFresh(cacheRoot: string, folder: string, pkg: Installed, stamp: string): Promise<boolean> {
  const current = await readFile(join(cacheRoot, folder, STAMP), "utf8").catch(() => undefined);
  if (current !== stamp) return false;
  return ["_esm.js", ...(pkg.raw ?? [])].every((file) => existsSync(join(cacheRoot, folder, file)));
}

async function bundlePackage(projectRoot: string, cacheRoot: string, folder: string, pkg: Installed, versions: Map<string, string>): Promise<void> {
  const externals = new Map(
    (pkg.external ?? []).map((name) => {
      const version = versions.get(name);
      if (!version) throw new Error(`external ${name} of ${pkg.name} is not a cached package`);
      return [name, relativeEsmImport(folder, npmFolder(name, version))];
    })
  );
  const externalPlugin: Plugin = {
    name: "cached-externals",
    setup(b) {
      if (externals.size === 0) return;
      const filter = new RegExp(`^(${[...externals.keys()].map(escapeRegExp).join("|")})$`);
      b.onResolve({filter}, (args) => ({path: externals.get(args.path)!, external: true}));
    }
  };
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: [pkg.entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
    define: {"process.env.NODE_ENV": '"production"'},
    plugins: [externalPlugin]
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${pkg.entry}`);
  await writeAtomically(join(cacheRoot, folder, "_esm.js"), output.contents);
}

/** Deletes cached versions of the packages managed here that are not the versions wanted now. */
async function removeOtherVersions(cacheRoot: string, wanted: Map<string, string>): Promise<string[]> {
  const removed: string[] = [];
  const npmRoot = join(cacheRoot, "_npm");
  for (const entry of await listDirs(npmRoot)) {
    const entries = entry.startsWith("@") ? (await listDirs(join(npmRoot, entry))).map((sub) => `${entry}/${sub}`) : [entry];
    for (const nameAtVersion of entries) {
      const at = nameAtVersion.lastIndexOf("@");
      if (at <= 0) continue;
      const name = nameAtVersion.slice(0, at);
      const version = nameAtVersion.slice(at + 1);
      const want = wanted.get(name);
      if (want !== undefined && want !== version) {
        await rm(join(npmRoot, nameAtVersion), {recursive: true, force: true});
        removed.push(nameAtVersion);
      }
    }
  }
  return removed;
}

async function listDirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, {withFileTypes: true})).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function writeAtomically(path: string, contents: Uint8Array): Promise<void> {
  await mkdir(dirname(path), {recursive: true});
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, path);
}

async function copyAtomically(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), {recursive: true});
  const temp = `${to}.${process.pid}.tmp`;
  await copyFile(from, temp);
  await rename(temp, to);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

