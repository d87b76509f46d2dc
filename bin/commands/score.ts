import {Database, DEFAULT_DB_PATH} from "../../src/db/database.ts";
import {loadPolicy, storedPolicy} from "../../src/policy/loadPolicy.ts";
import type {Policy} from "../../src/policy/policy.ts";
import {buildMarts, type MartSummary} from "../../src/scoring/buildMarts.ts";
import {type Args, stringOption} from "../args.ts";

/** The policy the marts were last built with (so a new ingest rescores the same way), else the default. */
export async function currentPolicy(db: Database): Promise<Policy> {
  const built = await db.all<{policy: string}>(
    "SELECT policy::VARCHAR AS policy FROM information_schema.tables t, marts.build_info WHERE t.table_schema = 'marts' AND t.table_name = 'build_info' LIMIT 1"
  ).catch(() => []);
  return built[0] ? storedPolicy(built[0].policy) : loadPolicy("mof");
}

export function printSummary(summary: MartSummary, out: (line: string) => void): void {
  const marts = summary.tables.filter((t) => t.table.startsWith("marts."));
  out(`评分完成（政策口径 ${summary.policy}）：${marts.map((t) => `${t.table.slice(6)} ${t.rows ?? "（视图）"}`).join("，")}`);
  for (const a of summary.assertions.filter((x) => x.failures > 0)) {
    out(`校验未通过：${a.name} 有 ${a.failures} 行，例如 ${JSON.stringify(a.sample[0])}`);
  }
}

export async function scoreCommand(args: Args): Promise<number> {
  const db = await Database.open(stringOption(args, "db") ?? DEFAULT_DB_PATH);
  try {
    const name = stringOption(args, "policy");
    const policy = name ? loadPolicy(name) : await currentPolicy(db);
    const summary = await buildMarts(db, policy);
    printSummary(summary, (line) => console.log(line));
    return summary.ok ? 0 : 1;
  } finally {
    db.close();
  }
}
