// Every built page opens in a real browser with no console error, no failed or outside request, no
// cell error; Plot charts draw marks; DuckDB-WASM answers SQL typed on the 探索 page.
import {mkdtempSync, readFileSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {REPORT_PAGES} from "../../observablehq.config.ts";
import {createImportsDb} from "../support/imports-db.ts";
import {buildSite} from "../support/site-build.ts";
import {launchBrowser, openPage, screenshot, serveStatic, settle, type Browser, type PageVisit, type StaticServer} from "./browser.ts";

let dir: string;
let outDir: string;
let server: StaticServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  // Fail before the slow build when the browser is missing.
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "jixiao-e2e-"));
  outDir = join(dir, "dist");
  const build = await buildSite({outDir, db: await createImportsDb(dir)});
  if (build.code !== 0) throw new Error(`site build failed:\n${build.output}`);
  server = await serveStatic(outDir);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

/** Site paths of the built pages: index.html → "/", explore.html → "/explore". */
function builtPages(): string[] {
  return readdirSync(outDir, {recursive: true, encoding: "utf8"})
    .filter((f) => f.endsWith(".html") && f !== "404.html" && !f.startsWith("_"))
    .map((f) => "/" + f.replace(/\.html$/, "").replace(/(^|\/)index$/, ""))
    .sort();
}

async function visit(path: string): Promise<PageVisit> {
  const v = await openPage(browser!.context, server!.origin, path);
  await settle(v.page);
  return v;
}

function expectClean(v: PageVisit): void {
  expect(v.consoleErrors, "console errors").toEqual([]);
  expect(v.failedRequests, "failed requests").toEqual([]);
  expect(v.outsideRequests, "requests to other hosts").toEqual([]);
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

describe("built site in Chromium", () => {
  test("builds every page of the sidebar list", () => {
    expect(builtPages()).toEqual(expect.arrayContaining(REPORT_PAGES.map((page) => page.path)));
  });

  test("every page loads cleanly", async () => {
    for (const path of builtPages()) {
      const v = await visit(path);
      try {
        await screenshot(v.page, path === "/" ? "index" : path.slice(1).replaceAll("/", "-"));
        expectClean(v);
        expect(await v.page.locator(".observablehq--error").count(), `cell errors on ${path}`).toBe(0);
        expect(await v.page.locator("#observablehq-sidebar").innerText()).toContain("探索");
      } finally {
        await v.page.close();
      }
    }
  });

  test("探索 runs typed SQL, charts it and downloads it as CSV", async () => {
    const v = await visit("/explore");
    try {
      await expect.poll(() => v.page.locator("#jx-query-summary").innerText()).toContain("共 3 行");
      expect(await v.page.locator("#observablehq-main table tbody tr").first().innerText()).toMatch(/goals\.xlsx\s+340$/);
      await v.page.locator("textarea").fill("SELECT file_name, rows_loaded FROM imports WHERE rows_loaded > 200 ORDER BY rows_loaded");
      await v.page.getByRole("button", {name: "运行查询"}).click();
      await expect.poll(() => v.page.locator("#jx-query-summary").innerText()).toContain("共 2 行");
      const rows = v.page.locator("#observablehq-main table tbody tr");
      expect(await rows.count()).toBe(2);
      expect(await rows.nth(0).innerText()).toContain("goals.xlsx");
      expect(await plotMarkCount(v)).toBeGreaterThanOrEqual(2);

      const [download] = await Promise.all([v.page.waitForEvent("download"), v.page.getByRole("button", {name: "下载 CSV"}).click()]);
      const csv = readFileSync((await download.path())!, "utf8");
      expect(csv).toBe("\ufefffile_name,rows_loaded\ngoals.xlsx,340\n自评指标.csv,860");
      await screenshot(v.page, "explore-query");
      expectClean(v);

      // A bad query is reported on the page (DuckDB-WASM may also log it to the console).
      await v.page.locator("textarea").fill("SELECT * FROM no_such_table");
      await v.page.getByRole("button", {name: "运行查询"}).click();
      await expect.poll(() => v.page.locator("#jx-query-error").count()).toBe(1);
      expect(await v.page.locator("#jx-query-error").innerText()).toContain("no_such_table");
      expect(v.failedRequests).toEqual([]);
      expect(v.outsideRequests).toEqual([]);
    } finally {
      await v.page.close();
    }
  });
});
