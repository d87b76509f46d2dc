// Observable Framework configuration for the 绩效分析 report site (source in reports/, output in dist/).
// Everything here keeps the build offline: no web fonts, no DuckDB-WASM extension downloads; npm
// packages come from the cache that scripts/framework-cache.ts fills.
import {departmentPaths} from "./src/report-data/departments.ts";

/** One sidebar entry; pages sharing a `section` are grouped under it, in list order. */
export type ReportPage = {name: string; path: string; section?: string};

/** The site's pages in sidebar order. Add a page here when you add `reports/<path>.md`. */
export const REPORT_PAGES: ReportPage[] = [
  {name: "总览", path: "/"},
  {name: "趋势", path: "/trends"},
  {name: "绩效目标", path: "/goals", section: "全过程"},
  {name: "绩效监控", path: "/monitoring", section: "全过程"},
  {name: "绩效评价", path: "/evaluation", section: "全过程"},
  {name: "结果应用", path: "/application", section: "全过程"},
  {name: "部门", path: "/departments", section: "部门"},
  {name: "人大报告", path: "/congress", section: "报告"},
  {name: "数据质量", path: "/quality", section: "工具"},
  {name: "探索", path: "/explore", section: "工具"}
];

type SidebarPage = {name: string; path: string};
type SidebarSection = {name: string; pages: SidebarPage[]; open?: boolean};

/** Framework's `pages` option from a flat list: unsectioned pages first-level, sections as groups. */
export function sidebarPages(pages: readonly ReportPage[]): (SidebarPage | SidebarSection)[] {
  const out: (SidebarPage | SidebarSection)[] = [];
  const sections = new Map<string, SidebarSection>();
  for (const {name, path, section} of pages) {
    if (!section) {
      out.push({name, path});
      continue;
    }
    let group = sections.get(section);
    if (!group) {
      sections.set(section, (group = {name: section, pages: [], open: true}));
      out.push(group);
    }
    group.pages.push({name, path});
  }
  return out;
}

export default {
  root: "reports",
  // Tests build into their own folder so they never race each other or a developer's dist/.
  output: process.env.JIXIAO_SITE_OUTPUT ?? "dist",
  title: "绩效分析",
  home: "绩效分析",
  pages: sidebarPages(REPORT_PAGES),
  // One detail page per department (reports/departments/[dept].md), or per 行政区划 (reports/regions/[region].md)
  // when the database holds several (src/report-data/sql/department_pages.sql).
  dynamicPaths: async function* () {
    yield* await departmentPaths();
  },
  pager: true,
  toc: {show: true, label: "本页目录"},
  search: false,
  // theme.css imports Framework's default.css and the light "air" theme, then adds print rules and a
  // CJK font stack of locally installed fonts.
  style: "components/theme.css",
  // The default loads Source Serif from a font CDN.
  globalStylesheets: [],
  // json/parquet are fetched from extensions.duckdb.org otherwise; DuckDB-WASM reads Arrow and CSV.
  duckdb: {extensions: {json: null, parquet: null}},
  // Chinese glyph choice follows the document language; the empty icon stops a /favicon.ico request.
  head: `<link rel="icon" href="data:,"><script>document.documentElement.lang = "zh-CN";</script>`,
  footer: `绩效分析 · 生成于 ${new Date().toLocaleString("zh-CN", {timeZone: "Asia/Shanghai", hour12: false})}`
};
