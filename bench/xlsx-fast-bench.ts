// Benchmark: fast streaming xlsx reader vs exceljs's streaming reader on a flat sheet.
//   npx tsx bench/xlsx-fast-bench.ts [--rows 1000000] [--repeat 3] [--keep] [--file existing.xlsx] [--skip-exceljs]
// Each reader runs in its own child process so that peak RSS (maxRSS) is measured separately.

import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, statSync} from "node:fs";
import {cpus, loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import ExcelJS from "exceljs";
import {readSheetRows} from "../loaders/xlsx/fast/index.ts";

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const HEADER = ["年度", "单位编码", "单位名称", "项目编码", "项目名称", "指标名称", "指标性质",
  "预算数（万元）", "执行数（万元）", "执行率", "分值", "得分"];
const NATURES = ["≥", "≤", "=", "＞", "定性"];

async function writeFlatSheet(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({filename: file, useSharedStrings: true, useStyles: false});
  const ws = wb.addWorksheet("明细");
  ws.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) {
    const unit = i % 500;
    const project = i % 100_000;
    const budget = Math.round((i % 9973) * 37.13) / 100;
    const spent = Math.round(budget * (i % 97)) / 100;
    ws.addRow([
      2023 + (i % 3),
      `001${String(unit).padStart(3, "0")}`,
      `示例县第${unit}预算单位`,
      `2023-${String(project).padStart(6, "0")}`,
      `第${project}号项目支出`,
      `三级指标${i % 1000}`,
      NATURES[i % NATURES.length],
      budget,
      spent,
      budget === 0 ? 0 : Math.round((spent / budget) * 10_000) / 10_000,
      (i % 20) + 1,
      Math.round((i % 2000) / 2) / 10,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

interface RunResult {
  reader: string;
  rows: number;
  cells: number;
  seconds: number;
  /** CPU seconds of the whole process (all threads, incl. zlib's thread pool). */
  cpuSeconds: number;
  /** CPU seconds of the main JS thread (Linux only; -1 elsewhere). */
  mainCpuSeconds: number;
  maxRssMb: number;
}

/** CPU time of the main thread from /proc (clock ticks of 10 ms), or -1 when unavailable. */
function mainThreadCpuSeconds(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return -1;
  }
}

async function measure(reader: string, run: () => Promise<{rows: number; cells: number}>): Promise<RunResult> {
  const c0 = process.cpuUsage();
  const m0 = mainThreadCpuSeconds();
  const t0 = performance.now();
  const {rows, cells} = await run();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const m1 = mainThreadCpuSeconds();
  return {
    reader, rows, cells, seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mainCpuSeconds: m0 < 0 || m1 < 0 ? -1 : m1 - m0,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function runFast(file: string): Promise<RunResult> {
  return measure("fast (this)", async () => {
    let cells = 0;
    const {rows} = await readSheetRows(file, 0, (_n, c) => {
      cells += c.length;
    });
    return {rows, cells};
  });
}

function runExceljs(file: string): Promise<RunResult> {
  return measure("exceljs stream", async () => {
    let rows = 0;
    let cells = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: "cache", styles: "cache", worksheets: "emit", hyperlinks: "ignore", entries: "ignore",
    });
    for await (const ws of reader) {
      for await (const row of ws) {
        rows++;
        cells += (row as ExcelJS.Row).cellCount;
      }
    }
    return {rows, cells};
  });
}

function child(reader: string, file: string): RunResult {
  const r = spawnSync(process.execPath, [...process.execArgv, self, "--child", reader, "--file", file], {
    encoding: "utf8", maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${reader} child failed: ${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as RunResult;
}

async function main(): Promise<void> {
  const childReader = option("--child");
  if (childReader) {
    const file = option("--file")!;
    const result = childReader === "fast" ? await runFast(file) : await runExceljs(file);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const rows = Number(option("--rows") ?? 200_000);
  let dir: string | undefined;
  let file = option("--file");
  if (!file) {
    dir = mkdtempSync(join(tmpdir(), "xlsx-fast-bench-"));
    file = join(dir, `flat-${rows}.xlsx`);
    const t0 = performance.now();
    await writeFlatSheet(file, rows);
    console.log(`wrote ${rows} rows × ${HEADER.length} columns with exceljs's streaming writer in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s: ${(statSync(file).size / 1e6).toFixed(1)} MB (${file})`);
  }
  try {
    const repeat = Math.max(1, Number(option("--repeat") ?? 1));
    const loadBefore = loadavg();
    const results: RunResult[] = [];
    for (let i = 0; i < repeat; i++) results.push(child("fast", file));
    if (!flag("--skip-exceljs")) results.push(child("exceljs", file));
    console.log(`load average before: ${loadBefore.map(l => l.toFixed(1)).join(" ")} (${cpus().length} cpus)`);
    console.log("");
    console.log("| reader | rows | cells | wall s | rows/s | cpu s (all threads) | main-thread cpu s | peak RSS (MB) |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const r of results) {
      console.log(`| ${r.reader} | ${r.rows} | ${r.cells} | ${r.seconds.toFixed(2)} | ` +
        `${Math.round(r.rows / r.seconds).toLocaleString("en-US")} | ${r.cpuSeconds.toFixed(2)} | ` +
        `${r.mainCpuSeconds < 0 ? "n/a" : r.mainCpuSeconds.toFixed(2)} | ${Math.round(r.maxRssMb)} |`);
    }
    console.log(`load average after: ${loadavg().map(l => l.toFixed(1)).join(" ")}`);
    if (results.length === 2 && results[0]!.rows !== results[1]!.rows) {
      console.log(`warning: row counts differ (${results[0]!.rows} vs ${results[1]!.rows})`);
    }
  } finally {
    if (dir && !flag("--keep")) rmSync(dir, {recursive: true, force: true});
  }
}

await main();
