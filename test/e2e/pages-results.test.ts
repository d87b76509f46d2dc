// The 绩效监控, 绩效评价, 结果应用 and 部门 pages in Chromium, built against a generated county: they load
// cleanly (every department page too), draw their charts, answer the year and filters with the right
// figures, list each department's own projects, search the cut list and serve its xlsx / CSV files.
//
// To iterate on the pages without rebuilding, point JIXIAO_E2E_SITE at a built site and JIXIAO_E2E_DB
// at the database it was built from; otherwise the suite builds its own (several minutes).
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {formatWan} from "../../reports/components/format.js";
import {Database} from "../../src/db/database.ts";
import {BuiltSite, expectClean} from "./built-site.ts";
import {screenshot, type PageVisit} from "./browser.ts";

const PAGES = ["/monitoring", "/evaluation", "/application", "/departments"];

let site: BuiltSite;

beforeAll(async () => {
  const {JIXIAO_E2E_SITE: outDir, JIXIAO_E2E_DB: dbPath} = process.env;
  site = await BuiltSite.start({name: "results", prepare: addDecisions, reuse: outDir && dbPath ? {outDir, dbPath} : undefined});
  if (site.buildMs) console.log(`site build: ${(site.buildMs / 1000).toFixed(1)} s`);
}, 1_800_000);

afterAll(async () => {
  await site?.close();
});

/** Reviewers' decisions on the two largest proposed cuts of the latest year, as a returned cut list loads them. */
async function addDecisions(path: string): Promise<void> {
  const writable = await Database.open(path);
  try {
    const top = await writable.all<{year: number; project_code: string}>(
      `SELECT year, project_code FROM marts.application WHERE deduction_wan > 0
       QUALIFY year = max(year) OVER () ORDER BY deduction_wan DESC, project_code LIMIT 2`
    );
    for (const [i, p] of top.entries()) {
      await writable.run(
        `INSERT INTO cut_decisions VALUES ($year, $code, $decision, $amount, $note, '审核人甲', 999, 'returned.xlsx', '扣减清单', $row, 'hash')`,
        {year: p.year, code: p.project_code, decision: i === 0 ? "同意" : "调整", amount: i === 0 ? null : 1.5, note: `测试意见${i}`, row: i + 2}
      );
    }
  } finally {
    writable.close();
  }
}

/** Site paths of the built department pages (/departments/001 …). */
function departmentPages(): string[] {
  return readdirSync(join(site.outDir, "departments"))
    .filter((f) => f.endsWith(".html"))
    .map((f) => `/departments/${f.slice(0, -".html".length)}`)
    .sort();
}

function visit(path: string): Promise<PageVisit> {
  return site.visit(path);
}

/** Number of drawn mark elements (bars, dots, lines…) across the page's Plot charts. */
async function plotMarkCount(v: PageVisit): Promise<number> {
  return v.page.evaluate(() => {
    const markLabels = new Set(["bar", "rect", "dot", "line", "area", "cell", "tick"]);
    let count = 0;
    for (const g of Array.from(document.querySelectorAll("svg[class^='plot'] g[aria-label]"))) {
      if (markLabels.has(g.getAttribute("aria-label") ?? "")) count += g.children.length;
    }
    return count;
  });
}

/** The text of the first column of a table's body rows (Inputs.table: column 2, after the row checkbox cell). */
async function firstColumn(v: PageVisit, selector: string): Promise<string[]> {
  return v.page.locator(`${selector} tbody tr`).evaluateAll((rows) =>
    rows.map((tr) => (tr.querySelectorAll("td")[1]?.textContent ?? "").trim()).filter(Boolean)
  );
}

async function value<T>(sql: string, params?: Record<string, string | number>): Promise<T> {
  return site.db.value<T>(sql, params);
}

describe("results pages in Chromium", () => {
  test("every results page and every department page loads cleanly", async () => {
    const departments = departmentPages();
    const codes = await site.db.all<{code: string}>("SELECT DISTINCT coalesce(dept_code, department) AS code FROM marts.project_scores ORDER BY code");
    expect(departments).toEqual(codes.map((c) => `/departments/${c.code}`));
    for (const path of [...PAGES, ...departments]) {
      const v = await visit(path);
      try {
        await screenshot(v.page, `results${path.replaceAll("/", "-")}`);
        expectClean(v, path);
        expect(await v.page.locator(".observablehq--error").count(), `cell errors on ${path}`).toBe(0);
        expect(await plotMarkCount(v), `chart marks on ${path}`).toBeGreaterThan(0);
      } finally {
        await v.page.close();
      }
    }
  }, 600_000);

  test("绩效监控: the checkpoint's project count follows the year and the department filter", async () => {
    const v = await visit("/monitoring");
    try {
      const kpis = v.page.locator("#jx-monitoring-kpis");
      const latest = await value<number>("SELECT max(year) FROM marts.monitoring");
      const count = (year: number, dept?: string) =>
        value<number>(
          `SELECT count(*) FROM marts.monitoring m JOIN marts.project_scores p USING (year, project_code)
           WHERE m.year = $year AND m.month = (SELECT max(month) FROM marts.monitoring WHERE year = $year)
             ${dept ? "AND p.department = $dept" : ""}`,
          dept ? {year, dept} : {year}
        );
      await expect.poll(() => kpis.locator(".card").first().innerText()).toContain(`\n${await count(latest)}`);
      expect(await plotMarkCount(v)).toBeGreaterThan(10);

      const before = await kpis.innerText();
      await v.page.getByLabel("年度", {exact: true}).selectOption({label: `${latest - 1} 年`});
      await expect.poll(() => kpis.locator(".card").first().innerText()).toContain(`\n${await count(latest - 1)}`);
      expect(await kpis.innerText()).not.toBe(before);

      const dept = await value<string>("SELECT department FROM marts.project_scores WHERE year = $y GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1", {y: latest - 1});
      await v.page.getByLabel("主管部门", {exact: true}).selectOption({label: dept});
      await expect.poll(() => kpis.locator(".card").first().innerText()).toContain(`\n${await count(latest - 1, dept)}`);
      // the light table lists the same projects
      const listed = await v.page.locator("#observablehq-main table").first().locator("tbody tr").count();
      expect(listed).toBe(await count(latest - 1, dept));
      await screenshot(v.page, "results-monitoring-filtered");
      expectClean(v, "/monitoring");
    } finally {
      await v.page.close();
    }
  });

  test("绩效评价: score counts and caps follow the year and the fund-kind filter", async () => {
    const v = await visit("/evaluation");
    try {
      const kpis = v.page.locator("#jx-evaluation-kpis");
      const latest = await value<number>("SELECT max(year) FROM marts.project_scores");
      const scored = (year: number, kind?: string) =>
        value<number>(
          `SELECT count(*) FROM marts.project_scores WHERE has_selfeval AND year = $year ${kind ? "AND fund_kind = $kind" : ""}`,
          kind ? {year, kind} : {year}
        );
      await expect.poll(() => kpis.locator(".card").first().innerText()).toContain(`\n${await scored(latest)}`);
      expect(await plotMarkCount(v)).toBeGreaterThan(20);
      await v.page.getByLabel("年度", {exact: true}).selectOption({label: `${latest - 2} 年`});
      await expect.poll(() => kpis.locator(".card").first().innerText()).toContain(`\n${await scored(latest - 2)}`);
      const kind = await value<string>("SELECT fund_kind FROM marts.project_scores WHERE year = $y GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1", {y: latest - 2});
      await v.page.getByLabel("资金性质", {exact: true}).selectOption({label: kind});
      await expect.poll(() => kpis.locator(".card").first().innerText()).toContain(`\n${await scored(latest - 2, kind)}`);
      expectClean(v, "/evaluation");
    } finally {
      await v.page.close();
    }
  });

  test("结果应用: cut totals match the marts per year and department; the search box filters the cut list", async () => {
    const v = await visit("/application");
    try {
      const kpis = v.page.locator("#jx-application-kpis");
      const latest = await value<number>("SELECT max(year) FROM marts.application");
      const cut = async (year: number, dept?: string) =>
        formatWan(
          await value<number>(
            `SELECT coalesce(sum(deduction_wan), 0) FROM marts.application WHERE year = $year ${dept ? "AND department = $dept" : ""}`,
            dept ? {year, dept} : {year}
          )
        );
      await expect.poll(() => kpis.locator(".card").first().innerText()).toContain(await cut(latest));
      expect(await plotMarkCount(v)).toBeGreaterThan(5);
      await v.page.getByLabel("年度", {exact: true}).selectOption({label: `${latest - 1} 年`});
      await expect.poll(() => kpis.locator(".card").first().innerText()).toContain(await cut(latest - 1));
      const dept = await value<string>(
        "SELECT department FROM marts.application WHERE year = $y AND deduction_wan > 0 GROUP BY ALL ORDER BY sum(deduction_wan) DESC, 1 LIMIT 1",
        {y: latest - 1}
      );
      await v.page.getByLabel("主管部门", {exact: true}).selectOption({label: dept});
      await expect.poll(() => kpis.locator(".card").first().innerText()).toContain(await cut(latest - 1, dept));
      await v.page.getByLabel("主管部门", {exact: true}).selectOption({label: "全部"});
      await v.page.getByLabel("年度", {exact: true}).selectOption({label: `${latest} 年`});

      // the cut list: every project with a cut, a recovery or a low-efficiency finding, then searched
      const cutTable = v.page.locator("#observablehq-main table").nth(1);
      const listed = await value<number>(
        "SELECT count(*) FROM marts.application WHERE year = $y AND (deduction_wan > 0 OR recover_wan > 0 OR len(low_efficiency_rules) > 0)",
        {y: latest}
      );
      await expect.poll(() => cutTable.locator("tbody tr").count()).toBe(Math.min(listed, 30));
      const code = await value<string>("SELECT project_code FROM marts.application WHERE year = $y AND deduction_wan > 0 ORDER BY deduction_wan DESC LIMIT 1", {y: latest});
      await v.page.getByPlaceholder("搜索项目、部门、原因…").fill(code);
      await expect.poll(() => cutTable.locator("tbody tr").count()).toBe(1);
      expect(await cutTable.locator("tbody tr").first().innerText()).toContain(code);
      await v.page.getByPlaceholder("搜索项目、部门、原因…").fill("没有这样的项目");
      await expect.poll(() => cutTable.locator("tbody tr").count()).toBe(0);
      await v.page.getByPlaceholder("搜索项目、部门、原因…").fill("");

      // reviewers' decisions of the latest year are shown beside the proposal
      const decisions = await value<number>("SELECT count(*) FROM cut_decisions WHERE year = $y", {y: latest});
      if (decisions > 0) {
        await expect.poll(() => v.page.locator("#observablehq-main").innerText()).toContain(`已审核 ${decisions} 个项目`);
        expect(await v.page.locator("#observablehq-main").innerText()).toContain("测试意见0");
      }
      await screenshot(v.page, "results-application-searched");
      expectClean(v, "/application");
    } finally {
      await v.page.close();
    }
  });

  test("结果应用: the xlsx link and the CSV button download the cut list; each department page its own cut list as CSV", async () => {
    const v = await visit("/application");
    try {
      const xlsxHref = await v.page.locator("#jx-cut-downloads a[download]").evaluate((a) => (a as HTMLAnchorElement).href);
      const xlsx = await v.page.request.get(xlsxHref);
      expect(xlsx.status()).toBe(200);
      const bytes = await xlsx.body();
      expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");

      const [download] = await Promise.all([v.page.waitForEvent("download"), v.page.getByRole("button", {name: "下载当前列表（CSV）"}).click()]);
      const saved = readFileSync((await download.path())!, "utf8");
      expect(saved.startsWith("\ufeffyear,dept_code,department")).toBe(true);
      expectClean(v, "/application");
    } finally {
      await v.page.close();
    }
    const cutRows = (code: string) => value<number>(
      `SELECT count(*) FROM marts.application a JOIN marts.project_scores p USING (year, project_code)
       WHERE coalesce(p.dept_code, p.department) = $code AND (coalesce(a.deduction_wan, 0) > 0 OR coalesce(a.recover_wan, 0) > 0 OR len(a.low_efficiency_rules) > 0)`,
      {code}
    );
    let all = 0;
    for (const path of departmentPages()) {
      const code = decodeURIComponent(path.split("/").at(-1)!);
      const d = await visit(path);
      try {
        const csvHref = await d.page.locator("#jx-cut-list-csv").evaluate((a) => (a as HTMLAnchorElement).href);
        const csv = await d.page.request.get(csvHref);
        expect(csv.status()).toBe(200);
        const text = (await csv.body()).toString("utf8");
        expect(text.startsWith("\ufeff年度,主管部门,项目编码")).toBe(true);
        const rows = text.trim().split("\r\n").length - 1;
        expect(rows, path).toBe(await cutRows(code));
        all += rows;
      } finally {
        await d.page.close();
      }
    }
    // together the departments' files hold the whole list
    expect(all).toBe(await value<number>(
      "SELECT count(*) FROM marts.application WHERE coalesce(deduction_wan, 0) > 0 OR coalesce(recover_wan, 0) > 0 OR len(low_efficiency_rules) > 0"
    ));
  }, 300_000);

  test("部门: each department page lists exactly its projects, per year, with indicators and the explain trail", async () => {
    const pages = departmentPages();
    expect(pages.length).toBeGreaterThan(1);
    const years = (await site.db.all<{year: number}>("SELECT DISTINCT year FROM marts.project_scores ORDER BY year DESC")).map((r) => r.year);
    for (const path of pages.slice(0, 3)) {
      const code = decodeURIComponent(path.split("/").at(-1)!);
      const v = await visit(path);
      try {
        for (const year of years.slice(0, 2)) {
          if (year !== years[0]) await v.page.getByLabel("年度", {exact: true}).selectOption({label: `${year} 年`});
          const expected = (
            await site.db.all<{project_code: string}>(
              "SELECT project_code FROM marts.project_scores WHERE coalesce(dept_code, department) = $code AND year = $year ORDER BY project_code",
              {code, year}
            )
          ).map((r) => r.project_code);
          await expect.poll(async () => (await firstColumn(v, "#jx-dept-projects")).sort(), {message: `${path} ${year}`}).toEqual(expected);
        }
        // the selected project's indicators and its trail, grouped by section
        const select = v.page.getByLabel("项目", {exact: true});
        const chosen = await select.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");
        const chosenCode = chosen.split(" ")[0]!;
        const indicators = await value<number>("SELECT count(*) FROM marts.indicator_scores WHERE project_code = $code AND year = $year", {code: chosenCode, year: years[1]!});
        const main = v.page.locator("#observablehq-main");
        await expect.poll(() => main.innerText()).toContain("总分与等级");
        const text = await main.innerText();
        expect(text).toContain("MOF10.total");
        if (indicators > 0) expect(text).toContain("绩效指标");
        expectClean(v, path);
      } finally {
        await v.page.close();
      }
    }
  }, 300_000);

  test("部门: the index links to every department page", async () => {
    const v = await visit("/departments");
    try {
      const hrefs = await v.page.locator("#observablehq-main table a").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect([...new Set(hrefs)].sort()).toEqual(departmentPages());
      expectClean(v, "/departments");
    } finally {
      await v.page.close();
    }
  });
});
