// Production Chromium: Debian's /usr/bin/chromium driven by playwright-core (never a downloaded
// browser), offline, with a throw-away profile; and printing a self-contained HTML page to PDF.
import {existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {chromium, type BrowserContext, type Page} from "playwright-core";

export const CHROMIUM_PATH = process.env.JIXIAO_CHROMIUM ?? "/usr/bin/chromium";

// Flags that work offline as root (shared/stack/NOTES.md); playwright adds the headless flag itself.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage"
];

export interface Chromium {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Launches Debian's Chromium with a fresh profile; a missing browser is an error naming the fix. */
export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`未找到 Chromium（${CHROMIUM_PATH}）：请先安装 apt-get install -y chromium，或用环境变量 JIXIAO_CHROMIUM 指定其路径`);
  }
  const profile = mkdtempSync(join(tmpdir(), "jixiao-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      offline: true
    });
  } catch (error) {
    rmSync(profile, {recursive: true, force: true});
    throw error;
  }
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, {recursive: true, force: true});
    }
  };
}

export interface PdfOptions {
  /** Small text at the top of every page (the report's title). */
  headerText?: string;
  /** Page margins; the header and footer are drawn inside the top and bottom ones. */
  margin?: {top: string; right: string; bottom: string; left: string};
  /**
   * Elements with `data-toc-page="<id>"` receive the page number on which the element `#<id>` starts:
   * the page is printed, the pages of the link targets are read from the PDF, and it is printed again.
   */
  fillTocPages?: boolean;
}

export interface PdfResult {
  pdf: Buffer;
  pages: number;
  /** Page (1-based) of every element that a link in the page points to, by id. */
  destinations: Record<string, number>;
  passes: number;
  milliseconds: number;
}

// GB/T 9704 (公文格式) margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; a little less at the top.
const DEFAULT_MARGIN = {top: "30mm", right: "26mm", bottom: "30mm", left: "28mm"};
const FOOTER_FONT = `"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", sans-serif`;

function escape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

async function printOnce(page: Page, options: PdfOptions): Promise<Buffer> {
  return page.pdf({
    format: "A4",
    printBackground: true,
    margin: options.margin ?? DEFAULT_MARGIN,
    displayHeaderFooter: true,
    headerTemplate: `<div style="width:100%;margin:0 26mm 0 28mm;font-size:8pt;color:#666;text-align:right;font-family:${escape(FOOTER_FONT)}">${escape(options.headerText ?? "")}</div>`,
    footerTemplate: `<div style="width:100%;font-size:9pt;text-align:center;font-family:${escape(FOOTER_FONT)}">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`,
    outline: true,
    tagged: true
  });
}

/**
 * Prints a self-contained HTML document to an A4 PDF with 「第 X 页 / 共 Y 页」 footers and, when asked,
 * a table of contents whose page numbers come from the printed PDF itself (two passes, a third if
 * filling in the numbers moved anything). Every request the page makes is refused: the HTML must not
 * depend on anything outside itself.
 */
export async function printPdf(html: string, options: PdfOptions = {}, browser?: Chromium): Promise<PdfResult> {
  const started = performance.now();
  const own = browser ?? (await launchChromium());
  try {
    const page = await own.context.newPage();
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort("blockedbyclient")));
    await page.setContent(html, {waitUntil: "load"});
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    let pdf = await printOnce(page, options);
    let destinations = pdfDestinations(pdf);
    let passes = 1;
    if (options.fillTocPages) {
      for (; passes < 3; passes++) {
        const filled = await page.evaluate((pages: Record<string, number>) => {
          let changed = false;
          for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-toc-page]"))) {
            const text = String(pages[el.dataset.tocPage ?? ""] ?? "");
            if (el.textContent !== text) {
              el.textContent = text;
              changed = true;
            }
          }
          return changed;
        }, destinations);
        if (!filled) break;
        pdf = await printOnce(page, options);
        destinations = pdfDestinations(pdf);
      }
    }
    await page.close();
    return {pdf, pages: pdfPageCount(pdf), destinations, passes, milliseconds: Math.round(performance.now() - started)};
  } finally {
    if (!browser) await own.close();
  }
}

/** Prints and writes the PDF file (folders created as needed). */
export async function writePdf(html: string, out: string, options: PdfOptions = {}, browser?: Chromium): Promise<PdfResult> {
  const result = await printPdf(html, options, browser);
  mkdirSync(dirname(out), {recursive: true});
  writeFileSync(out, result.pdf);
  return result;
}

// --- Reading Chromium's PDF: page tree and named destinations ----------------------------------------
// Skia writes PDF 1.4 without object streams, so objects are plain `n 0 obj … endobj` text.

function objects(pdf: Buffer): Map<number, string> {
  const text = pdf.toString("latin1");
  const map = new Map<number, string>();
  for (const match of text.matchAll(/(?:^|[\r\n\s])(\d+) 0 obj\b([\s\S]*?)\bendobj/g)) {
    const body = match[2]!;
    const stream = body.indexOf("stream");
    map.set(Number(match[1]), stream >= 0 ? body.slice(0, stream) : body);
  }
  return map;
}

function pageOrder(objs: Map<number, string>): number[] {
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o));
  const root = catalog ? /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog)?.[1] : undefined;
  if (!root) throw new Error("pdf has no page tree");
  const pages: number[] = [];
  const visit = (id: number, depth: number) => {
    const obj = objs.get(id);
    if (!obj || depth > 32) return;
    if (/\/Type\s*\/Pages\b/.test(obj)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(obj)?.[1] ?? "";
      for (const kid of kids.matchAll(/(\d+)\s+0\s+R/g)) visit(Number(kid[1]), depth + 1);
    } else pages.push(id);
  };
  visit(Number(root), 0);
  return pages;
}

function decodeName(name: string): string {
  return name.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Named destinations of a Chromium PDF (the targets of in-page links) → 1-based page numbers. */
export function pdfDestinations(pdf: Buffer): Record<string, number> {
  const objs = objects(pdf);
  const order = pageOrder(objs);
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o)) ?? "";
  const destsRef = /\/Dests\s+(\d+)\s+0\s+R/.exec(catalog)?.[1];
  const out: Record<string, number> = {};
  if (!destsRef) return out;
  const dests = objs.get(Number(destsRef)) ?? "";
  for (const match of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const index = order.indexOf(Number(match[2]));
    if (index >= 0) out[decodeName(match[1]!)] = index + 1;
  }
  return out;
}

export function pdfPageCount(pdf: Buffer): number {
  return pageOrder(objects(pdf)).length;
}
