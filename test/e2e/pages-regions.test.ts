// A database of two 行政区划 (as a city's roll-up holds): the site has one page per 行政区划 instead of one per
// department, each with a department selector; the 部门 index links every department to its region's page opened at it.
// Built against the generated county with its departments split over two regions.
import {readdirSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {Database} from "../../src/db/database.ts";
import {BuiltSite, expectClean} from "./built-site.ts";
import {screenshot, type PageVisit} from "./browser.ts";

const REGIONS = [{code: "650001", name: "甲县"}, {code: "650002", name: "乙县"}];

let site: BuiltSite;
/** department code → its region's code */
const regionOf = new Map<string, string>();

/** Puts the first half of the departments (by code) in one region and the rest in the other. */
async function splitRegions(path: string): Promise<void> {
  const writable = await Database.open(path);
  try {
    const codes = (await writable.all<{code: string}>("SELECT DISTINCT coalesce(dept_code, department) AS code FROM marts.project_scores ORDER BY code")).map((r) => r.code);
    for (const [i, code] of codes.entries()) {
      const region = REGIONS[i < codes.length / 2 ? 0 : 1]!;
      regionOf.set(code, region.code);
      await writable.run(
        `UPDATE intermediate.int_projects r SET region_code = $region, region_name = $name FROM marts.project_scores p
         WHERE p.year = r.year AND p.project_code = r.project_code AND coalesce(p.dept_code, p.department) = $code`,
        {region: region.code, name: region.name, code}
      );
    }
  } finally {
    writable.close();
  }
}

beforeAll(async () => {
  site = await BuiltSite.start({name: "regions", prepare: splitRegions});
}, 1_800_000);

afterAll(async () => {
  await site?.close();
});

function visit(path: string): Promise<PageVisit> {
  return site.visit(path);
}

/** Project codes in the department's project table (Inputs.table: column 2, after the row checkbox cell). */
async function listedProjects(v: PageVisit): Promise<string[]> {
  return v.page.locator("#jx-dept-projects tbody tr").evaluateAll((rows) =>
    rows.map((tr) => (tr.querySelectorAll("td")[1]?.textContent ?? "").trim()).filter(Boolean)
  );
}

async function projectsOf(code: string): Promise<string[]> {
  const year = await site.db.value<number>("SELECT max(year) FROM marts.project_scores");
  const rows = await site.db.all<{project_code: string}>(
    "SELECT project_code FROM marts.project_scores WHERE coalesce(dept_code, department) = $code AND year = $year ORDER BY project_code",
    {code, year}
  );
  return rows.map((r) => r.project_code);
}

describe("a site of several 行政区划", () => {
  test("has one page per 行政区划 and none per department", () => {
    expect(readdirSync(join(site.outDir, "regions")).filter((f) => f.endsWith(".html")).sort()).toEqual(REGIONS.map((r) => `${r.code}.html`));
    expect(readdirSync(site.outDir)).not.toContain("departments");
  });

  test("a region page lists the department chosen in its selector, with indicators and the explain trail", async () => {
    const v = await visit(`/regions/${REGIONS[1]!.code}`);
    try {
      expect(await v.page.locator(".observablehq--error").count()).toBe(0);
      await expect.poll(() => v.page.locator("#observablehq-main h1").innerText()).toBe(REGIONS[1]!.name);
      const own = [...regionOf].filter(([, region]) => region === REGIONS[1]!.code).map(([code]) => code);
      const select = v.page.getByLabel("主管部门", {exact: true});
      const options = await select.evaluate((s) => Array.from((s as HTMLSelectElement).options).map((o) => o.textContent ?? ""));
      expect(options.map((o) => /（(.+)）$/.exec(o)?.[1])).toEqual(own);
      await expect.poll(async () => (await listedProjects(v)).sort()).toEqual(await projectsOf(own[0]!));
      await select.selectOption({index: own.length - 1});
      await expect.poll(async () => (await listedProjects(v)).sort()).toEqual(await projectsOf(own.at(-1)!));
      const main = v.page.locator("#observablehq-main");
      await expect.poll(() => main.innerText()).toContain("总分与等级");
      expect(await main.innerText()).toContain("MOF10.total");
      await screenshot(v.page, "regions-region-page");
      expectClean(v, "/regions");
    } finally {
      await v.page.close();
    }
  }, 120_000);

  test("部门: each department links to its region's page, which opens at that department", async () => {
    const v = await visit("/departments");
    let href: string;
    try {
      const hrefs = await v.page.locator("#observablehq-main table a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      const byDept = new Map(hrefs.map((h) => [new URL(h).searchParams.get("dept")!, new URL(h)]));
      expect([...byDept.keys()].sort()).toEqual([...regionOf.keys()].sort());
      for (const [code, url] of byDept) expect(url.pathname, code).toBe(`/regions/${regionOf.get(code)}`);
      const last = [...regionOf.keys()].at(-1)!;
      href = byDept.get(last)!.pathname + byDept.get(last)!.search;
      expectClean(v, "/departments");
    } finally {
      await v.page.close();
    }
    const linked = await visit(href);
    try {
      const code = new URLSearchParams(href.split("?")[1]).get("dept")!;
      await expect.poll(async () => (await listedProjects(linked)).sort()).toEqual(await projectsOf(code));
      expectClean(linked, href);
    } finally {
      await linked.page.close();
    }
  }, 120_000);
});
