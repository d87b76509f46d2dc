// The 总览, 趋势, 绩效目标 and 数据质量 pages in Chromium, built against a generated county: each loads
// cleanly and draws its charts, the year and filter inputs change the figures, and the numbers on
// 总览 equal the same figures asked of the DuckDB file directly.
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {ingestPaths} from "../../loaders/ingest.ts";
import {Database} from "../../src/db/database.ts";
import {formatPercent, formatScore, formatWan} from "../../reports/components/format.js";
import {SAMPLE_YEARS} from "../support/sample-db.ts";
import {BuiltSite, expectClean} from "./built-site.ts";
import {screenshot, type PageVisit} from "./browser.ts";

const PAGES = [
  {path: "/", title: "总览", shot: "pages-overview", minMarks: 20},
  {path: "/trends", title: "趋势", shot: "pages-trends", minMarks: 30},
  {path: "/goals", title: "绩效目标", shot: "pages-goals", minMarks: 20},
  {path: "/quality", title: "数据质量", shot: "pages-quality", minMarks: 4}
];
const LATEST = SAMPLE_YEARS.at(-1)!;
const EARLIEST = SAMPLE_YEARS[0]!;

let site: BuiltSite;

beforeAll(async () => {
  site = await BuiltSite.start({name: "pages", prepare: ingestBadFile});
}, 1_800_000);

afterAll(async () => {
  if (site?.buildMs) console.log(`pages-overview: site build ${Math.round(site.buildMs / 1000)} s`);
  await site?.close();
});

/** A project list whose data rows are all rejected: the 数据质量 page gets errors to show, the marts stay as they are. */
async function ingestBadFile(dbPath: string, dir: string): Promise<void> {
  const file = join(dir, "坏数据.csv");
  writeFileSync(
    file,
    ["年度,主管部门,项目编码,项目名称,全年预算数（万元）,全年执行数（万元）", "2024,教育局,BAD-1,坏项目一,十万,5", "2024,教育局,BAD-2,坏项目二,约二十,6"].join("\r\n") + "\r\n"
  );
  const writer = await Database.open(dbPath);
  try {
    await ingestPaths(writer, [file]);
  } finally {
    writer.close();
  }
}

function visit(path: string): Promise<PageVisit> {
  return site.visit(path);
}

/** Drawn mark elements (bars, cells, dots, lines, text…) across the page's Plot charts. */
function plotMarkCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const marks = new Set(["bar", "rect", "dot", "line", "area", "cell", "tick", "text"]);
    let count = 0;
    for (const g of Array.from(document.querySelectorAll("svg[class^='plot'] g[aria-label]"))) {
      if (marks.has(g.getAttribute("aria-label") ?? "")) count += g.children.length;
    }
    return count;
  });
}

/** Every `[data-figure]` element's text, by figure name. */
function figures(page: Page): Promise<Record<string, string>> {
  return page.locator("[data-figure]").evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute("data-figure"), (e.textContent ?? "").trim()])));
}

/** The text of the charts' SVGs, to tell whether a chart was redrawn with other data. */
function chartText(page: Page, selector = "#observablehq-main"): Promise<string> {
  return page.locator(`${selector} svg[class^='plot']`).evaluateAll((svgs) => svgs.map((s) => s.textContent).join("|"));
}

const count = (n: unknown): string => Number(n ?? 0).toLocaleString("zh-CN");

/** 总览's figures asked of DuckDB directly, formatted as the cards format them. */
async function overviewFromDb(year: number, filter: {department?: string; fund_kind?: string} = {}): Promise<Record<string, string>> {
  const where = ["p.year = $year"];
  const params: Record<string, string | number> = {year};
  if (filter.department) {
    where.push("coalesce(p.department, p.dept_code) = $department");
    params.department = filter.department;
  }
  if (filter.fund_kind) {
    where.push("p.fund_kind = $fund_kind");
    params.fund_kind = filter.fund_kind;
  }
  const [r] = await site.db.all(
    `SELECT
       count(*) AS projects,
       count(DISTINCT coalesce(p.unit_code, p.unit_name)) AS units,
       sum(p.budget_wan) AS budget_wan,
       sum(p.executed_wan) AS executed_wan,
       count(*) FILTER (WHERE g.has_goals) AS goals,
       count(*) FILTER (WHERE p.project_code IN (SELECT project_code FROM marts.monitoring m WHERE m.year = p.year)) AS monitored,
       count(*) FILTER (WHERE p.has_selfeval) AS selfeval,
       count(*) FILTER (WHERE p.final_grade_rank <= 2) AS top,
       count(p.final_grade_rank) AS graded,
       count(*) FILTER (WHERE p.capped) AS capped,
       count(*) FILTER (WHERE p.project_code IN (SELECT project_code FROM marts.monitoring m WHERE m.year = p.year AND m.rectification_warning)) AS rectification,
       count(*) FILTER (WHERE p.mismatch_warning) AS mismatch,
       count(*) FILTER (WHERE p.inflated) AS inflated,
       coalesce(sum(a.deduction_wan), 0) AS deduction_wan,
       count(*) FILTER (WHERE a.deduction_wan > 0) AS cut_projects,
       count(*) FILTER (WHERE p.project_code IN (SELECT project_code FROM marts.low_efficiency l WHERE l.year = p.year)) AS low,
       coalesce(sum(p.budget_wan) FILTER (WHERE p.project_code IN (SELECT project_code FROM marts.low_efficiency l WHERE l.year = p.year)), 0) AS low_wan
     FROM marts.project_scores p
     LEFT JOIN marts.goal_quality g ON g.year = p.year AND g.project_code = p.project_code
     LEFT JOIN marts.application a ON a.year = p.year AND a.project_code = p.project_code
     WHERE ${where.join(" AND ")}`,
    params
  );
  const n = (k: string): number => Number(r![k] ?? 0);
  return {
    projects: count(n("projects")),
    units: count(n("units")),
    budget_wan: formatWan(n("budget_wan")),
    executed_wan: formatWan(n("executed_wan")),
    execution_rate: formatPercent(n("budget_wan") ? n("executed_wan") / n("budget_wan") : null),
    goal_coverage: formatPercent(n("goals") / n("projects")),
    monitoring_coverage: formatPercent(n("monitored") / n("projects")),
    selfeval_coverage: formatPercent(n("selfeval") / n("projects")),
    top_share: formatPercent(n("graded") ? n("top") / n("graded") : null),
    capped_projects: count(n("capped")),
    rectification_projects: count(n("rectification")),
    mismatch_projects: count(n("mismatch")),
    inflated_projects: count(n("inflated")),
    deduction_wan: formatWan(n("deduction_wan")),
    cut_projects: count(n("cut_projects")),
    low_efficiency_projects: count(n("low")),
    low_efficiency_wan: formatWan(n("low_wan"))
  };
}

describe("总览 / 趋势 / 绩效目标 / 数据质量 in Chromium", () => {
  test.each(PAGES)("$title loads cleanly and draws its charts", async ({path, title, shot, minMarks}) => {
    const v = await visit(path);
    try {
      await screenshot(v.page, shot);
      expect(await v.page.locator("h1").first().innerText()).toBe(title);
      expect(await v.page.locator(".observablehq--error").count(), "cell errors").toBe(0);
      expect(await plotMarkCount(v.page)).toBeGreaterThanOrEqual(minMarks);
      expectClean(v);
    } finally {
      await v.page.close();
    }
  });

  test("总览 shows the DuckDB figures, and the year and filters change them", async () => {
    const v = await visit("/");
    const page = v.page;
    try {
      // default: the latest year, no filter
      expect(await page.getByLabel("年度").locator("option:checked").innerText()).toBe(`${LATEST} 年`);
      expect(await figures(page)).toEqual(await overviewFromDb(LATEST));
      const latestCharts = await chartText(page);

      await page.getByLabel("年度").selectOption({label: `${EARLIEST} 年`});
      const earliest = await overviewFromDb(EARLIEST);
      await expect.poll(() => figures(page)).toEqual(earliest);
      expect(earliest).not.toEqual(await overviewFromDb(LATEST));
      expect(await chartText(page)).not.toBe(latestCharts);

      // the department with most projects that year, then one of its fund kinds
      const [top] = await site.db.all<{department: string; fund_kind: string}>(
        `SELECT coalesce(department, dept_code) AS department, mode(fund_kind) AS fund_kind FROM marts.project_scores
         WHERE year = $year GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
        {year: EARLIEST}
      );
      await page.getByLabel("主管部门").selectOption({label: top!.department});
      await expect.poll(() => figures(page)).toEqual(await overviewFromDb(EARLIEST, {department: top!.department}));
      expect(await page.locator("h2", {hasText: `${EARLIEST} 年 · ${top!.department}`}).count()).toBe(1);

      await page.getByLabel("资金性质").selectOption({label: top!.fund_kind});
      await expect.poll(() => figures(page)).toEqual(await overviewFromDb(EARLIEST, top));
      await screenshot(page, "pages-overview-filtered");
      expect(await plotMarkCount(page)).toBeGreaterThan(0);
      expectClean(v);
    } finally {
      await page.close();
    }
  });

  test("趋势 shows the county's latest figures and redraws by breakdown and measure", async () => {
    const v = await visit("/trends");
    const page = v.page;
    try {
      const [r] = await site.db.all(
        `SELECT avg(total_score) AS avg_score, count(*) FILTER (WHERE final_grade_rank <= 2) / count(final_grade_rank) AS top_share,
                sum(deduction_wan) AS deduction_wan
         FROM marts.project_scores WHERE year = $year`,
        {year: LATEST}
      );
      const shown = await figures(page);
      expect(shown.avg_score).toBe(formatScore(Number(r!.avg_score), {digits: 1}));
      expect(shown.top_share).toBe(formatPercent(Number(r!.top_share)));
      expect(shown.deduction_wan).toBe(`${formatWan(Number(r!.deduction_wan))} 万元`);

      const chart = "#jx-trend-chart";
      const byDepartment = await chartText(page, chart);
      const [dept] = await site.db.all<{department: string}>(
        "SELECT coalesce(department, dept_code) AS department FROM marts.project_scores GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
      );
      expect(byDepartment).toContain(dept!.department);

      await page.getByLabel("资金性质").check();
      await expect.poll(() => chartText(page, chart)).not.toBe(byDepartment);
      const [kind] = await site.db.all<{fund_kind: string}>("SELECT fund_kind FROM marts.project_scores GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
      expect(await chartText(page, chart)).toContain(kind!.fund_kind);
      expect(await page.locator("#observablehq-main table").innerText()).toContain(kind!.fund_kind);

      const byFund = await chartText(page, chart);
      await page.getByLabel("功能分类（类）").check();
      await expect.poll(() => chartText(page, chart)).not.toBe(byFund);
      expect(await chartText(page, chart)).toMatch(/\d{3} \S+支出/);

      const table = await page.locator("#observablehq-main table").innerText();
      await page.getByLabel("预算执行率").check();
      await expect.poll(() => page.locator("#observablehq-main table").innerText()).not.toBe(table);
      expect(await page.locator("#observablehq-main table").innerText()).toMatch(/\d+\.\d%/);
      await screenshot(page, "pages-trends-function");
      expectClean(v);
    } finally {
      await page.close();
    }
  });

  test("绩效目标 counts follow the year and department selects", async () => {
    const v = await visit("/goals");
    const page = v.page;
    const fromDb = async (year: number, department?: string): Promise<Record<string, string>> => {
      const [r] = await site.db.all(
        `SELECT count(*) AS projects, count(*) FILTER (WHERE has_goals) AS goals, count(*) FILTER (WHERE len(flags) > 0) AS flagged,
                count(*) FILTER (WHERE level3_count <= 7) AS few, count(*) FILTER (WHERE has_goals AND coalesce(quantifiable_share <= 0.7, TRUE)) AS low
         FROM marts.goal_quality WHERE year = $year ${department ? "AND department = $department" : ""}`,
        department ? {year, department} : {year}
      );
      return {projects: count(r!.projects), goal_projects: count(r!.goals), flagged_projects: count(r!.flagged), too_few_level3: count(r!.few), low_quantifiable: count(r!.low)};
    };
    const pick = (f: Record<string, string>) => ({projects: f.projects, goal_projects: f.goal_projects, flagged_projects: f.flagged_projects, too_few_level3: f.too_few_level3, low_quantifiable: f.low_quantifiable});
    try {
      expect(pick(await figures(page))).toEqual(await fromDb(LATEST));
      await page.getByLabel("年度").selectOption({label: `${EARLIEST} 年`});
      await expect.poll(async () => pick(await figures(page))).toEqual(await fromDb(EARLIEST));
      const [dept] = await site.db.all<{department: string}>(
        "SELECT department FROM marts.goal_quality WHERE year = $year AND len(flags) > 0 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
        {year: EARLIEST}
      );
      const rowsBefore = await page.locator("#observablehq-main table").last().locator("tbody tr").count();
      await page.getByLabel("主管部门").selectOption({label: dept!.department});
      await expect.poll(async () => pick(await figures(page))).toEqual(await fromDb(EARLIEST, dept!.department));
      await expect.poll(() => page.locator("#observablehq-main table").last().locator("tbody tr").count()).toBeLessThan(rowsBefore + 1);
      const listed = await page.locator("#observablehq-main table").last().innerText();
      expect(listed).toContain(dept!.department);
      expect(await plotMarkCount(page)).toBeGreaterThan(0);
      expectClean(v);
    } finally {
      await page.close();
    }
  });

  test("数据质量 lists the rejected rows and searches them", async () => {
    const v = await visit("/quality");
    const page = v.page;
    try {
      const [r] = await site.db.all(
        "SELECT count(*) AS imports, sum(rows_loaded) AS loaded, sum(rows_rejected) AS rejected, sum(warnings) AS warnings FROM imports WHERE active"
      );
      expect(await figures(page)).toEqual({imports: count(r!.imports), rows_loaded: count(r!.loaded), rows_rejected: count(r!.rejected), warnings: count(r!.warnings)});
      expect(Number(r!.rejected)).toBeGreaterThanOrEqual(2);

      const [all] = await site.db.all("SELECT count(*) AS n FROM rejects");
      await expect.poll(() => page.locator("#jx-rejects-summary").innerText()).toContain(`共 ${count(all!.n)} 条`);
      const table = page.locator("#observablehq-main table").first();
      expect(await table.locator("tbody tr").first().innerText()).toMatch(/坏数据\.csv.*amount\.not_number/s);

      await page.getByPlaceholder("搜索文件、工作表、列、值或说明…").fill("约二十");
      await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
      expect(await table.locator("tbody tr").first().innerText()).toMatch(/坏数据\.csv\s+坏数据\s+3\s+全年预算数（万元）\s+约二十\s+amount\.not_number/);
      await expect.poll(() => page.locator("#jx-rejects-summary").innerText()).toContain("当前显示 1 条");

      await page.getByPlaceholder("搜索文件、工作表、列、值或说明…").fill("");
      await page.getByLabel("类别").selectOption({label: "警告"});
      await expect.poll(async () => (await table.innerText()).includes("坏数据.csv")).toBe(false);
      expectClean(v);
    } finally {
      await page.close();
    }
  });
});
