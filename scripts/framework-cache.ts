// Fills reports/.observablehq/cache/_npm from node_modules so the site builds with no network.
// Usage: tsx scripts/framework-cache.ts
import {resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {fillFrameworkCache, type FillReport} from "./framework-cache/fill.ts";

export const PROJECT_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

export function describeFill(report: FillReport, elapsedMs: number): string {
  const lines = [
    `framework cache: ${report.built.length} bundled, ${report.fresh.length} fresh, ` +
      `${report.versionOnly.length} version-only, in ${Math.round(elapsedMs)} ms`
  ];
  for (const name of report.removed) lines.push(`  removed stale ${name}`);
  for (const {name, reason} of report.missing) lines.push(`  warning: ${name} is not installed: ${reason}`);
  return lines.join("\n");
}

export async function fillCacheCommand(): Promise<void> {
  const start = performance.now();
  const report = await fillFrameworkCache({projectRoot: PROJECT_ROOT, log: (message) => console.error(message)});
  console.error(describeFill(report, performance.now() - start));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fillCacheCommand().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
