import {statSync} from "node:fs";
import {basename} from "node:path";
import {Database, DEFAULT_DB_PATH} from "../../src/db/database.ts";
import {expandPaths, ingestPaths, type FileReport} from "../../loaders/ingest.ts";
import {isSpreadsheetName} from "../../loaders/read/detect.ts";
import {defaultParallelism} from "../../loaders/parallel.ts";
import {buildMarts} from "../../src/scoring/buildMarts.ts";
import {type Args, stringOption, UsageError} from "../args.ts";
import {currentPolicy, printSummary} from "./score.ts";

const TABLE_LABELS: Record<string, string> = {
  projects: "项目预算执行", goal_indicators: "绩效目标", monitoring: "绩效监控", selfeval_indicators: "绩效自评（指标）",
  selfeval_totals: "绩效自评（项目）", "selfeval_totals+selfeval_indicators": "绩效自评表", evaluations: "评价结果",
  findings: "问题清单", dept_overall: "部门整体"
};

export function printReport(report: FileReport, out: (line: string) => void): void {
  const name = report.file;
  switch (report.status) {
    case "skipped": out(`跳过  ${name}：${report.message}`); return;
    case "unchanged": out(`未变  ${name}：${report.message}`); return;
    case "unreadable": out(`失败  ${name}：${report.message}${report.detail ? `（${report.detail}）` : ""}`); return;
  }
  const replaced = report.replacedImportId ? `，替换了第 ${report.replacedImportId} 次导入` : "";
  out(`导入  ${name}${report.encoding ? `［${report.encoding}］` : ""}：导入 ${report.rowsLoaded} 行，拒收 ${report.rowsRejected} 行，警告 ${report.warnings} 条${replaced}`);
  for (const s of report.sheets) {
    out(`      工作表「${s.sheet}」→ ${TABLE_LABELS[s.table] ?? s.table}（${s.layout}${s.headerRow ? `，表头第 ${s.headerRow} 行` : ""}${s.unit && s.unit !== "万元" ? `，单位 ${s.unit}` : ""}）：导入 ${s.rowsLoaded}，拒收 ${s.rowsRejected}，警告 ${s.warnings}`);
  }
}

const PARALLEL_MIN_BYTES = 32 * 2 ** 20;

function totalBytes(paths: string[]): number {
  try {
    return expandPaths(paths).filter(isSpreadsheetName).reduce((n, f) => n + statSync(f).size, 0);
  } catch {
    return 0; // a missing path is reported by the ingest itself
  }
}

export async function ingestCommand(args: Args): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError("用法：jixiao ingest <文件或文件夹…> [--db <路径>] [--jobs <并行数>] [--no-score]");
  const db = await Database.open(stringOption(args, "db") ?? DEFAULT_DB_PATH);
  try {
    const started = Date.now();
    // Big folders are read on all cores (--jobs N to choose; 1: one after another); the database ends up
    // the same either way. Below PARALLEL_MIN_BYTES starting worker threads costs more than it saves
    // (docs/performance.md: 0.7× on a county's 8.7 MB, 1.1× on a city's 36 MB).
    const jobs = stringOption(args, "jobs");
    const parallel = jobs !== undefined ? Number(jobs) : totalBytes(args.positionals) >= PARALLEL_MIN_BYTES ? defaultParallelism() : 1;
    if (!Number.isInteger(parallel) || parallel < 1) throw new UsageError("--jobs 须为正整数");
    const reports = await ingestPaths(db, args.positionals, (event) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${event.phase === "read" ? "读取" : event.phase === "parse" ? "解析" : "写入"} ${basename(event.file)}${event.done !== undefined ? ` ${event.done} 行` : ""}…\x1b[K`);
    }, {parallel});
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    for (const report of reports) printReport(report, (line) => console.log(line));
    const failed = reports.filter((r) => r.status === "unreadable").length;
    const loaded = reports.filter((r) => r.status === "loaded");
    console.log(
      `共 ${reports.length} 个文件：导入 ${loaded.length}，未变 ${reports.filter((r) => r.status === "unchanged").length}，` +
        `跳过 ${reports.filter((r) => r.status === "skipped").length}，失败 ${failed}；` +
        `导入 ${loaded.reduce((n, r) => n + r.rowsLoaded, 0)} 行，拒收 ${loaded.reduce((n, r) => n + r.rowsRejected, 0)} 行，` +
        `用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`
    );
    if (loaded.some((r) => r.rowsRejected > 0 || r.warnings > 0)) console.log("查看拒收行与警告：npx jixiao rejects");
    // Results are rebuilt after every load that changed data, so nobody reads stale scores.
    if (loaded.length > 0 && !args.options["no-score"]) printSummary(await buildMarts(db, await currentPolicy(db)), (line) => console.log(line));
    return failed > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}
