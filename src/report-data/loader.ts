// The body of every data loader in reports/data: build the named site file (src/report-data/site-files.ts)
// from the DuckDB file, opened read-only, and write it to stdout. Framework passes a parameterised
// loader's route parameters as `--dept=<code>` or `--region=<code>`.
import {parseArgs} from "node:util";
import {openReportDb} from "./arrow.ts";
import {SITE_FILES} from "./site-files.ts";

export async function runLoader(path: string, argv = process.argv.slice(2)): Promise<void> {
  try {
    const build = SITE_FILES[path];
    if (!build) throw new Error(`no site file ${path} in src/report-data/site-files.ts`);
    const {dept, region} = parseArgs({args: argv, options: {dept: {type: "string"}, region: {type: "string"}}, strict: false}).values;
    const db = await openReportDb();
    let output: Uint8Array | string;
    try {
      output = await build(db, {dept: typeof dept === "string" ? dept : undefined, region: typeof region === "string" ? region : undefined});
    } finally {
      db.close();
    }
    await new Promise<void>((resolve, reject) => {
      process.stdout.write(output, (error) => (error ? reject(error) : resolve()));
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
