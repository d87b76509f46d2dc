// One site build at a time: builds share reports/.observablehq/cache (the npm cache and the data files
// made before Framework runs). Tests and the benchmark take this lock around a build. A lock directory
// holds the owner's pid; a lock whose owner died is taken over.
import {existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const LOCK_DIR = join(resolve(fileURLToPath(new URL("..", import.meta.url))), "reports", ".observablehq", "test-build.lock");

/** Waits for the lock and returns its release. */
export async function acquireSiteBuildLock(timeoutMs = 10 * 60_000): Promise<() => void> {
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
