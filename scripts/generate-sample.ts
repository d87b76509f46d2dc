/**
 * Generate the deterministic sample data set.
 *
 *   npx tsx scripts/generate-sample.ts [--out data/sample] [--scale county|province|national|<projects-per-year>]
 *                                      [--years 2021-2024] [--seed N] [--format mixed|csv|xlsx]
 *                                      [--max-rows-per-sheet N] [--quiet]
 */
import {generateSample, parseScale, parseYears, type SampleOptions} from "./sample/index.ts";

const USAGE = `usage: tsx scripts/generate-sample.ts [--out data/sample] [--scale county|province|national|<projects-per-year>]
                                     [--years 2021-2024] [--seed N] [--format mixed|csv|xlsx] [--max-rows-per-sheet N] [--quiet]`;

function parseArgs(argv: string[]): SampleOptions & {quiet: boolean} {
  const opts: SampleOptions & {quiet: boolean} = {out: "data/sample", quiet: false};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--out": opts.out = value(); break;
      case "--scale": opts.scale = parseScale(value()); break;
      case "--years": opts.years = parseYears(value()); break;
      case "--seed": {
        const v = value();
        if (!/^\d+$/.test(v)) throw new Error(`--seed must be a non-negative integer: ${v}`);
        opts.seed = Number(v);
        break;
      }
      case "--format": {
        const v = value();
        if (v !== "mixed" && v !== "csv" && v !== "xlsx") throw new Error(`--format must be mixed, csv or xlsx: ${v}`);
        opts.format = v;
        break;
      }
      case "--max-rows-per-sheet": opts.maxRowsPerSheet = Number(value()); break;
      case "--quiet": opts.quiet = true; break;
      case "-h":
      case "--help":
        process.stdout.write(USAGE + "\n");
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument: ${arg}\n${USAGE}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  const t0 = performance.now();
  const result = await generateSample({...opts, progress: opts.quiet ? false : undefined});
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (opts.quiet) return;
  const total = result.files.reduce((s, f) => s + f.bytes, 0);
  process.stderr.write(`[sample] wrote ${result.files.length} files (${(total / 1e6).toFixed(1)} MB) to ${result.out} in ${secs}s\n`);
  for (const [year, s] of result.stats) {
    process.stderr.write(`[sample] ${year}: ${s.get("units")} units, ${s.get("projects")} projects, ${s.get("goals.rows")} indicators, ${s.get("monitoring.rows")} monitoring rows\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
