import {createHash} from "node:crypto";
import {execFileSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {generateSample, type GenerateResult} from "../scripts/sample/index.ts";
import {parseScale, parseYears} from "../scripts/sample/options.ts";
import {quantScore} from "../scripts/sample/scoring.ts";

const TIMEOUT = 180_000;
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-sample-"));
afterAll(() => fs.rmSync(tmpRoot, {recursive: true, force: true}));

function hashTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(root, full), createHash("sha256").update(fs.readFileSync(full)).digest("hex"));
    }
  };
  walk(root);
  return out;
}

async function readSheet(file: string, index = 0): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[index];
  if (!ws) throw new Error(`no sheet ${index} in ${file}`);
  const rows: unknown[][] = [];
  ws.eachRow({includeEmpty: true}, (row, r) => {
    const values = row.values as unknown[];
    rows[r - 1] = values.slice(1);
  });
  return rows;
}

function readCsv(file: string, encoding: "utf8" | "gb18030"): string[][] {
  const buf = fs.readFileSync(file);
  let text = encoding === "gb18030" ? iconv.decode(buf, "gb18030") : buf.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // the generator never writes quoted fields with commas in these tables' key columns; a simple split is enough
  return text.split("\r\n").filter((l) => l.length > 0).map((l) => l.split(","));
}

describe("options", () => {
  it("parses years and scales", () => {
    expect(parseYears("2021-2024")).toEqual([2021, 2022, 2023, 2024]);
    expect(parseYears("2024")).toEqual([2024]);
    expect(parseYears("2023,2021")).toEqual([2021, 2023]);
    expect(() => parseYears("20x1")).toThrow();
    expect(parseScale("county")).toBe("county");
    expect(parseScale("5000")).toBe(5000);
    expect(() => parseScale("huge")).toThrow();
  });
});

describe("determinism", () => {
  it("same seed and options give byte-identical files", async () => {
    const a = path.join(tmpRoot, "det-a");
    const b = path.join(tmpRoot, "det-b");
    const opts = {scale: 30, years: [2023, 2024], seed: 7, format: "mixed" as const};
    await generateSample({...opts, out: a});
    await generateSample({...opts, out: b});
    const ha = hashTree(a);
    const hb = hashTree(b);
    expect(ha.size).toBeGreaterThan(10);
    expect([...ha.keys()]).toEqual([...hb.keys()]);
    for (const [k, v] of ha) expect(hb.get(k), k).toBe(v);
  }, TIMEOUT);

  it("a year's files do not depend on which other years are written", async () => {
    const all = path.join(tmpRoot, "years-all");
    const one = path.join(tmpRoot, "years-one");
    await generateSample({out: all, scale: 50, years: [2023, 2024], seed: 3, format: "csv"});
    await generateSample({out: one, scale: 50, years: [2024], seed: 3, format: "csv"});
    const ha = hashTree(path.join(all, "2024"));
    const hb = hashTree(path.join(one, "2024"));
    expect([...hb.keys()].sort()).toEqual([...ha.keys()].sort());
    for (const [k, v] of ha) expect(hb.get(k), k).toBe(v);
    expect(fs.existsSync(path.join(one, "2023"))).toBe(false);
  }, TIMEOUT);

  it("a different seed gives different data", async () => {
    const a = path.join(tmpRoot, "seed-a");
    const b = path.join(tmpRoot, "seed-b");
    await generateSample({out: a, scale: 30, years: [2024], seed: 1, format: "csv"});
    await generateSample({out: b, scale: 30, years: [2024], seed: 2, format: "csv"});
    expect(hashTree(a).get(path.join("2024", "goals.csv"))).not.toBe(hashTree(b).get(path.join("2024", "goals.csv")));
  }, TIMEOUT);
});

describe("mixed-format sample (4 years)", () => {
  const out = path.join(tmpRoot, "mixed");
  let result: GenerateResult;
  beforeAll(async () => {
    result = await generateSample({out, scale: 160, years: [2021, 2022, 2023, 2024], seed: 11, format: "mixed"});
  }, TIMEOUT);

  it("writes every table for every year, plus a README", () => {
    for (const y of [2021, 2022, 2023, 2024]) {
      for (const f of ["projects.xlsx", "goals.xlsx", "monitoring_1-5.xlsx", "selfeval_indicators.gbk.csv", "selfeval_totals.gbk.csv", "evaluations.csv", "findings.csv", "dept_overall.xlsx"]) {
        expect(fs.existsSync(path.join(out, String(y), f)), `${y}/${f}`).toBe(true);
      }
      const names = fs.readdirSync(path.join(out, String(y)));
      expect(names.some((n) => /^selfeval_forms_\d+_/.test(n))).toBe(true);
      expect(names.some((n) => n.startsWith("selfeval_forms_sichuan_"))).toBe(true);
      expect(names.some((n) => n === "monitoring_1-8.xlsx" || n === "monitoring_1-9.xlsx")).toBe(true);
    }
    const readme = fs.readFileSync(path.join(out, "README.md"), "utf8");
    expect(readme).toContain("## Variety cases");
    expect(readme).toContain("2024/projects.xlsx");
    expect(result.stats.get(2023)?.get("projects")).toBe(160);
  });

  it("projects: title and unit lines, 万元 headers; 元 with aliases in 2022; codes stable across years", async () => {
    const p23 = await readSheet(path.join(out, "2023", "projects.xlsx"));
    expect(String(p23[0]?.[0])).toMatch(/^云溪县2023年项目支出预算执行表$/);
    expect(p23[1]?.[0]).toBe("单位：万元");
    expect(p23[2]?.slice(0, 9)).toEqual(["年度", "行政区划代码", "行政区划", "主管部门编码", "主管部门", "单位编码", "单位名称", "项目编码", "项目名称"]);
    expect(p23[3]?.slice(1, 3)).toEqual(["650001", "云溪县"]);
    expect(p23.length - 3).toBe(160);
    const p22 = await readSheet(path.join(out, "2022", "projects.xlsx"));
    expect(p22[1]?.[0]).toBe("单位：元");
    expect(p22[2]).toContain("调整后预算数");
    expect(p22[2]).toContain("实际支出");
    expect(p22[2]).toContain("预算单位");
    expect(p22[2]).toContain("区划编码");
    const codes = (rows: unknown[][]) => new Set(rows.slice(3).map((r) => String(r[7])));
    const c21 = codes(await readSheet(path.join(out, "2021", "projects.xlsx")));
    const c24 = codes(await readSheet(path.join(out, "2024", "projects.xlsx")));
    const common = [...c21].filter((c) => c24.has(c));
    expect(common.length).toBeGreaterThan(80);
    for (const c of common) expect(c).toMatch(/^\d{4}-\d{6}-\d{3}$/);
    // the same recurring project is a 经常性项目 in both years
    const row = p23.slice(3).find((r) => common.includes(String(r[7])));
    expect(row?.[9]).toBe("经常性项目");
  }, TIMEOUT);

  it("goals: weights add to 90 per project; combined strings under a two-row header in 2021", async () => {
    const g23 = await readSheet(path.join(out, "2023", "goals.xlsx"));
    expect(g23[0]).toEqual(["年度", "项目编码", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值"]);
    const sums = new Map<string, number>();
    for (const r of g23.slice(1)) sums.set(String(r[1]), (sums.get(String(r[1])) ?? 0) + Number(r[8]));
    expect(sums.size).toBeGreaterThan(150);
    for (const [code, s] of sums) expect(s, code).toBe(90);
    const levels = new Set(g23.slice(1).map((r) => `${r[2]}/${r[3]}`));
    for (const l of ["产出指标/数量指标", "产出指标/质量指标", "效益指标/社会效益指标", "满意度指标/服务对象满意度指标"]) expect(levels).toContain(l);
    const dirs = new Set(g23.slice(1).map((r) => String(r[5])));
    for (const d of ["≥", "=", "≤", "定性"]) expect(dirs).toContain(d);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, "2021", "goals.xlsx"));
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.model.merges).toContain("D2:F2");
    expect(ws.getCell("D2").value).toBe("绩效指标");
    expect(ws.getCell("D3").value).toBe("一级指标");
    const targets: string[] = [];
    ws.eachRow((row, r) => {
      if (r > 3) targets.push(String(row.getCell(7).value));
    });
    expect(targets.some((t) => /^≥\d/.test(t))).toBe(true);
    expect(targets).toContain("达成年度指标");
  }, TIMEOUT);

  it("self-evaluation forms follow the published layouts", async () => {
    const dir = path.join(out, "2023");
    const std = fs.readdirSync(dir).find((n) => /^selfeval_forms_\d+_/.test(n)) as string;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, std));
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toMatch(/^\d{4}-\d{6}-\d{3}$/);
    expect(ws.getCell("A1").value).toBe("项目支出绩效自评表");
    expect(ws.getCell("A2").value).toBe("（2023年度）");
    expect(ws.getCell("A3").value).toBe("项目名称");
    expect(ws.getCell("E4").value).toBe("实施单位");
    expect(ws.getCell("A5").value).toBe("项目资金（万元）");
    expect(ws.getCell("B6").value).toBe("年度资金总额");
    expect(ws.getCell("B7").value).toBe("其中：当年财政拨款");
    expect(ws.getCell("B8").value).toBe("上年结转资金");
    expect(ws.getCell("A10").value).toBe("年度总体目标");
    expect(ws.getCell("I12").value).toBe("偏差原因分析及改进措施");
    expect(ws.model.merges).toEqual(expect.arrayContaining(["A1:I1", "A2:I2", "B3:I3", "A5:A9", "A10:A11"]));
    let total = -1;
    let weights = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === "总分") total = Number(row.getCell(8).value);
      else if (r > 12) weights += Number(row.getCell(7).value);
    });
    expect(weights).toBe(90);
    expect(total).toBeGreaterThan(0);

    const sc = fs.readdirSync(dir).find((n) => n.startsWith("selfeval_forms_sichuan_")) as string;
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(path.join(dir, sc));
    const s2 = wb2.worksheets[0] as ExcelJS.Worksheet;
    expect(s2.getCell("A3").value).toBe("项目编码");
    expect(s2.getCell("B3").value).toBe(s2.name);
    expect(s2.getCell("A6").value).toBe("预算执行情况（10分）");
    expect(s2.getCell("D6").value).toBe("调整后预算数");
    const labels: string[] = [];
    s2.eachRow((row) => labels.push(String(row.getCell(1).value)));
    expect(labels).toEqual(expect.arrayContaining(["绩效指标（90分）", "总分", "评价结论", "存在问题", "改进措施"]));
  }, TIMEOUT);

  it("flat self-evaluation CSVs are GB18030 and mostly agree with the official formulas", async () => {
    const ind = readCsv(path.join(out, "2023", "selfeval_indicators.gbk.csv"), "gb18030");
    expect(ind[0]).toEqual(["年度", "项目编码", "三级指标", "实际完成值", "得分", "偏差原因分析及改进措施"]);
    const tot = readCsv(path.join(out, "2023", "selfeval_totals.gbk.csv"), "gb18030");
    expect(tot[0]).toEqual(["年度", "项目编码", "全年执行数（万元）", "自评得分", "自评结论"]);
    const goals = await readSheet(path.join(out, "2023", "goals.xlsx"));
    const goal = new Map(goals.slice(1).map((r) => [`${r[1]}|${r[4]}`, r]));
    let checked = 0;
    let agree = 0;
    for (const r of ind.slice(1)) {
      const g = goal.get(`${r[1]}|${r[2]}`);
      expect(g, `${r[1]} ${r[2]}`).toBeDefined();
      if (!g || g[5] === "定性") continue;
      checked++;
      const expected = quantScore(g[5] as "≥", Number(g[6]), Number(r[3]), Number(g[8]));
      if (Math.abs(expected - Number(r[4])) < 0.011) agree++;
    }
    expect(checked).toBeGreaterThan(300);
    expect(agree / checked).toBeGreaterThan(0.9);
    expect(agree).toBeLessThan(checked); // some deliberate inflation
  }, TIMEOUT);

  it("monitoring, evaluations, findings and department overall have the documented columns", async () => {
    const m = await readSheet(path.join(out, "2023", "monitoring_1-5.xlsx"));
    expect(m[0]).toEqual(["年度", "监控期", "项目编码", "全年预算数（万元）", "1-X月执行数（万元）", "三级指标", "年度指标值", "1-X月执行情况", "全年预计完成情况", "偏差原因", "完成目标可能性", "审核得分", "是否整改"]);
    expect(new Set(m.slice(1).map((r) => r[1]))).toEqual(new Set(["1-5月"]));
    const m22 = await readSheet(path.join(out, "2022", "monitoring_1-8.xlsx"));
    expect(m22[0]).toContain("累计完成值");
    const ev = fs.readFileSync(path.join(out, "2023", "evaluations.csv"));
    expect([...ev.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const evRows = readCsv(path.join(out, "2023", "evaluations.csv"), "utf8");
    expect(evRows[0]).toEqual(["年度", "评价类型", "对象类型", "项目编码", "单位编码", "评价对象", "评价机构", "评价金额（万元）", "得分", "等级"]);
    expect(evRows.some((r) => r[1] === "部门评价")).toBe(true);
    expect(evRows.some((r) => r[1] === "财政重点评价")).toBe(true);
    const fRows = readCsv(path.join(out, "2023", "findings.csv"), "utf8");
    expect(fRows[0]).toEqual(["年度", "项目编码", "来源", "问题描述", "严重程度", "是否整改", "核查结论"]);
    expect(fRows.some((r) => r[6] === "不属实")).toBe(true);
    expect(fRows.some((r) => r[2] === "审计")).toBe(true);
    const d = await readSheet(path.join(out, "2023", "dept_overall.xlsx"));
    expect(d[1]).toEqual(["年度", "单位编码", "单位名称", "整体支出预算（万元）", "整体目标已设定", "整体自评得分", "监控已完成"]);
  }, TIMEOUT);
});

describe("other formats and limits", () => {
  it("csv format writes flat files only, in the documented encodings", async () => {
    const out = path.join(tmpRoot, "csv");
    await generateSample({out, scale: 40, years: [2022], seed: 5, format: "csv"});
    const names = fs.readdirSync(path.join(out, "2022")).sort();
    expect(names.every((n) => n.endsWith(".csv"))).toBe(true);
    const p = readCsv(path.join(out, "2022", "projects.gbk.csv"), "gb18030");
    expect(p[0]).toContain("调整后预算数（元）");
    expect(p.length - 1).toBe(40);
  }, TIMEOUT);

  it("xlsx format splits large tables over several sheets", async () => {
    const out = path.join(tmpRoot, "xlsx");
    await generateSample({out, scale: 40, years: [2024], seed: 5, format: "xlsx", maxRowsPerSheet: 100});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, "2024", "goals.xlsx"));
    expect(wb.worksheets.length).toBeGreaterThan(2);
    let rows = 0;
    for (const ws of wb.worksheets) {
      expect(ws.getRow(1).getCell(1).value).toBe("年度");
      rows += ws.rowCount - 1;
      expect(ws.rowCount - 1).toBeLessThanOrEqual(100);
    }
    expect(rows).toBeGreaterThan(300);
    expect(fs.existsSync(path.join(out, "2024", "selfeval_totals.xlsx"))).toBe(true);
  }, TIMEOUT);

  it("the CLI runs", () => {
    const out = path.join(tmpRoot, "cli");
    const root = path.resolve(import.meta.dirname, "..");
    execFileSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "generate-sample.ts"), "--out", out, "--scale", "20", "--years", "2024", "--format", "csv", "--quiet"], {cwd: root, stdio: "pipe"});
    expect(fs.existsSync(path.join(out, "2024", "projects.gbk.csv"))).toBe(true);
    expect(fs.existsSync(path.join(out, "README.md"))).toBe(true);
  }, TIMEOUT);
});
