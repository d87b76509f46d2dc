// Browser harness for the built site: Debian's Chromium driven by playwright-core, a tiny static
// server for dist/ on a random loopback port, and per-page records of console errors, failed
// requests and any request that tried to leave the machine.
import {existsSync, mkdirSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {chromium, type BrowserContext, type Page, type Request} from "playwright-core";

export {serveStatic, type StaticServer} from "../../scripts/serve.ts";

export const CHROMIUM_PATH = process.env.JIXIAO_CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = resolve(import.meta.dirname, "..", "..", "test-artifacts", "screenshots");

// Flags that work offline as root (shared/stack/NOTES.md); playwright adds the headless flag itself.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];

export type Browser = {context: BrowserContext; close: () => Promise<void>};

/** Launches Debian's Chromium with a fresh profile; fails (never skips) when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\``);
  }
  const profile = mkdtempSync(join(tmpdir(), "jixiao-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: {width: 1280, height: 900},
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    acceptDownloads: true
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, {recursive: true, force: true});
    }
  };
}

export type PageVisit = {
  page: Page;
  consoleErrors: string[];
  failedRequests: string[];
  outsideRequests: string[];
  /** Reads the page cancelled after a successful response (not failures, kept for inspection). */
  cancelledReads: string[];
};

/**
 * Opens `origin + path` and records what went wrong while it runs. Requests to any host other than
 * the static server are aborted and recorded: the site must work offline.
 */
export async function openPage(context: BrowserContext, origin: string, path: string): Promise<PageVisit> {
  const page = await context.newPage();
  const visit: PageVisit = {page, consoleErrors: [], failedRequests: [], outsideRequests: [], cancelledReads: []};
  const answered = new WeakSet<Request>();
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url === origin) return route.continue();
    visit.outsideRequests.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("console", (message) => {
    if (message.type() === "error") visit.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => visit.consoleErrors.push(`uncaught: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) visit.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
    else answered.add(response.request());
  });
  page.on("requestfailed", (request) => {
    const error = request.failure()?.errorText ?? "failed";
    // apache-arrow's tableFromIPC(response) — FileAttachment#arrow — cancels the body once it has read
    // the end-of-stream marker; Chromium reports that as ERR_ABORTED although the server answered.
    if (error === "net::ERR_ABORTED" && answered.has(request)) visit.cancelledReads.push(request.url());
    else visit.failedRequests.push(`${request.url()} (${error})`);
  });
  await page.goto(`${origin}${path}`, {waitUntil: "networkidle"});
  return visit;
}

/**
 * Waits until no cell is loading and the page has stopped changing for `quietMs`. Framework's loading
 * indicator does not cover every pending cell (a ```sql block waiting for DuckDB-WASM shows none),
 * and DuckDB's worker fetches do not count towards Playwright's "networkidle".
 */
export async function settle(page: Page, {quietMs = 1000, timeout = 30_000} = {}): Promise<void> {
  await page.waitForFunction(
    (quiet) => {
      const state = window as unknown as {__jxSize?: number; __jxSince?: number};
      const size = document.body.innerHTML.length;
      const now = performance.now();
      if (state.__jxSize !== size || document.querySelector("observablehq-loading")) {
        state.__jxSize = size;
        state.__jxSince = now;
        return false;
      }
      return now - (state.__jxSince ?? now) >= quiet;
    },
    quietMs,
    {polling: 100, timeout}
  );
}

/** Saves a full-page screenshot under test-artifacts/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, {recursive: true});
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({path, fullPage: true});
  return path;
}
