// One test file's site: a generated county (changed as the file needs), built with Framework, served
// locally and visited in Chromium. Start it in beforeAll, close it in afterAll.
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {expect} from "vitest";
import {Database} from "../../src/db/database.ts";
import {createSampleDb} from "../support/sample-db.ts";
import {buildSite} from "../support/site-build.ts";
import {launchBrowser, openPage, serveStatic, settle, type Browser, type PageVisit, type StaticServer} from "./browser.ts";

export interface SiteOptions {
  /** Prefix of the scratch folder. */
  name: string;
  /** Changes the generated database before the build (runs in the scratch folder `dir`). */
  prepare?: (dbPath: string, dir: string) => Promise<void>;
  /** A site already built, and the database it was built from: nothing is generated or built. */
  reuse?: {outDir: string; dbPath: string};
}

export class BuiltSite {
  private constructor(
    readonly browser: Browser,
    readonly server: StaticServer,
    /** The database the site was built from, read-only. */
    readonly db: Database,
    readonly outDir: string,
    /** How long the build took (0 when reused). */
    readonly buildMs: number,
    private readonly dir: string | null
  ) {}

  static async start({name, prepare, reuse}: SiteOptions): Promise<BuiltSite> {
    // Fail before the slow build when the browser is missing.
    const browser = await launchBrowser();
    let dir: string | null = null;
    try {
      let site = reuse;
      let buildMs = 0;
      if (!site) {
        dir = mkdtempSync(join(tmpdir(), `jixiao-e2e-${name}-`));
        site = {outDir: join(dir, "dist"), dbPath: await createSampleDb(dir)};
        await prepare?.(site.dbPath, dir);
        const build = await buildSite({outDir: site.outDir, db: site.dbPath});
        if (build.code !== 0) throw new Error(`site build failed:\n${build.output}`);
        buildMs = build.elapsedMs;
      }
      const db = await Database.open(site.dbPath, {readOnly: true});
      const server = await serveStatic(site.outDir);
      return new BuiltSite(browser, server, db, site.outDir, buildMs, dir);
    } catch (error) {
      await browser.close();
      if (dir) rmSync(dir, {recursive: true, force: true});
      throw error;
    }
  }

  /** Opens a page of the site and waits until it has settled. */
  async visit(path: string): Promise<PageVisit> {
    const v = await openPage(this.browser.context, this.server.origin, path);
    await settle(v.page);
    return v;
  }

  async close(): Promise<void> {
    this.db.close();
    await this.browser.close();
    await this.server.close();
    if (this.dir) rmSync(this.dir, {recursive: true, force: true});
  }
}

/** A page that loaded without console errors, failed requests or requests to other hosts. */
export function expectClean(v: PageVisit, path?: string): void {
  const on = path ? ` on ${path}` : "";
  expect(v.consoleErrors, `console errors${on}`).toEqual([]);
  expect(v.failedRequests, `failed requests${on}`).toEqual([]);
  expect(v.outsideRequests, `requests to other hosts${on}`).toEqual([]);
}
