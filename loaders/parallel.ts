/**
 * Parallel ingest of many files (a province arrives as one export per county): worker threads
 * (loaders/worker.ts) read and normalise files side by side, each file into its own staging tables
 * (handed over as Parquet files); this thread, the database's single writer, loads them one at a time
 * in the given order. The database ends up exactly as `ingestFile` on each file in turn leaves it: a
 * file's unchanged check and its replacements by key see every earlier file, and a form that must look
 * its project up by name in the database is read here, at its turn.
 *
 * Files that are ready one after another share a transaction (up to `BATCH_FILES`): a commit costs
 * more than loading a county's small file. Each file is still all or nothing: should a statement fail,
 * the shared transaction is rolled back and its files are loaded again one by one, each in its own.
 */
import {availableParallelism, tmpdir} from "node:os";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {createRequire} from "node:module";
import {basename, dirname, join, resolve} from "node:path";
import {pathToFileURL} from "node:url";
import {Worker} from "node:worker_threads";
import type {Database} from "../src/db/database.ts";
import {UnreadableFileError} from "./errors.ts";
import {BULK, type BulkSettings, failed, type FileReport, ingestFile, type Progress, skipped, unchangedReport} from "./ingest.ts";
import {ImportWriter} from "./load/writer.ts";
import {isSpreadsheetName} from "./read/detect.ts";
import type {WorkerMessage, WorkerRequest, WorkerResult} from "./worker.ts";

/** Worker threads worth starting on this machine: one per core. */
export function defaultParallelism(): number {
  return Math.max(1, availableParallelism());
}

/** How far reading may run ahead of committing, in files per worker (staged files wait on disk). */
const LOOKAHEAD_PER_WORKER = 4;

/** Most files loaded in one transaction. */
const BATCH_FILES = 16;

interface Job {
  index: number;
  file: string;
  stageDir: string;
  result: Promise<WorkerResult>;
  /** The worker is done with it (`result` settled). */
  ready: boolean;
  settle: (result: WorkerResult) => void;
  fail: (error: Error) => void;
}

/** tsx's ESM API (`tsx/esm/api`, whose `register()` lets a worker import TypeScript), as a file URL. */
function tsxApi(): string {
  // import.meta.resolve is missing under some loaders (vitest): read the package's export map instead.
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as {exports: Record<string, {import?: {default?: string}}>}).exports;
  const target = exports["./esm/api"]?.import?.default ?? "./dist/esm/api/index.mjs";
  return pathToFileURL(join(dirname(manifest), target)).href;
}

/** Starts a worker thread running loaders/worker.ts (TypeScript, so through tsx like the CLI). */
function startWorker(): Worker {
  const entry = new URL("./worker.ts", import.meta.url).href;
  const tsx = tsxApi();
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, {eval: true});
}

export async function ingestParallel(
  db: Database, files: string[], parallel: number, progress?: Progress, bulk: BulkSettings = BULK
): Promise<FileReport[]> {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-ingest-"));
  const jobs: Job[] = [];
  files.forEach((file, index) => {
    if (!isSpreadsheetName(file)) return;
    let settle!: (result: WorkerResult) => void;
    let fail!: (error: Error) => void;
    const result = new Promise<WorkerResult>((res, rej) => {
      settle = res;
      fail = rej;
    });
    result.catch(() => undefined); // failures surface when the file's turn comes
    const job: Job = {index, file, stageDir: join(dir, String(jobs.length)), result, ready: false, settle, fail};
    void result.finally(() => (job.ready = true)).catch(() => undefined);
    jobs.push(job);
  });

  let next = 0; // next job to hand to a worker
  let committed = 0; // jobs committed so far
  const workers = new Set<Worker>();
  const idle: Worker[] = [];
  const running = new Map<Worker, Job>();
  const limit = () => committed + LOOKAHEAD_PER_WORKER * Math.max(1, workers.size);
  const dispatch = () => {
    while (idle.length > 0 && next < jobs.length && next < limit()) {
      const worker = idle.pop()!;
      const job = jobs[next++]!;
      running.set(worker, job);
      worker.postMessage({type: "file", index: job.index, file: job.file, stageDir: job.stageDir, bulk} satisfies WorkerRequest);
    }
  };
  const byIndex = new Map(jobs.map((j) => [j.index, j]));
  for (let i = 0; i < Math.min(parallel, jobs.length); i++) {
    const worker = startWorker();
    workers.add(worker);
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "progress") progress?.(message.event);
      else {
        if (message.type === "result") {
          running.delete(worker);
          byIndex.get(message.index)?.settle(message.result);
        }
        idle.push(worker);
        dispatch();
      }
    });
    worker.on("error", (error) => {
      // A crashed worker: its file, and any nobody is left to read, fail at their turn.
      running.get(worker)?.fail(error);
      running.delete(worker);
      workers.delete(worker);
      if (workers.size === 0) for (const job of jobs.slice(next)) job.fail(error);
    });
  }

  try {
    const reports: FileReport[] = [];
    const batch = new Batch(db, reports, bulk, progress);
    let j = 0;
    for (let index = 0; index < files.length; index++) {
      const file = files[index]!;
      if (!isSpreadsheetName(file)) {
        reports.push(skipped(file));
        continue;
      }
      const job = jobs[j++]!;
      const result = await job.result.catch(async (error: unknown) => {
        await batch.close();
        throw error;
      });
      await batch.load(file, result, job.stageDir);
      committed++;
      // Commit when the batch is full or the next file is not read yet (rather than wait for it).
      const following = jobs[j];
      if (batch.size >= BATCH_FILES || !following?.ready) await batch.close();
      dispatch();
    }
    await batch.close();
    return reports;
  } finally {
    for (const worker of workers) {
      worker.postMessage({type: "exit"} satisfies WorkerRequest);
      const exited = new Promise((res) => worker.once("exit", res));
      await Promise.race([exited, new Promise((res) => setTimeout(res, 5000))]);
      await worker.terminate();
    }
    rmSync(dir, {recursive: true, force: true});
  }
}

/** A file loaded in the open transaction, and where its report went. */
interface Pending {
  file: string;
  result: WorkerResult;
  stageDir: string;
  report: number;
}

/**
 * Loads the files, at their turn, into the database: staged files in a shared transaction, the rest
 * (and a staged file the database cannot take as staged) alone, after committing the shared one.
 */
class Batch {
  private pending: Pending[] = [];

  constructor(
    private readonly db: Database,
    private readonly reports: FileReport[],
    private readonly bulk: BulkSettings,
    private readonly progress?: Progress
  ) {}

  get size(): number {
    return this.pending.length;
  }

  async load(file: string, result: WorkerResult, stageDir: string): Promise<void> {
    if (result.kind === "staged") {
      if (this.pending.length === 0) await this.db.run("BEGIN TRANSACTION");
      this.pending.push({file, result, stageDir, report: this.reports.length});
      let report: FileReport | null;
      try {
        report = await loadStaged(this.db, file, result, this.progress);
      } catch {
        return this.redo();
      }
      if (report) {
        this.reports.push(report);
        return;
      }
      this.pending.pop();
    }
    // A file loaded alone goes after the shared transaction (`ingestFile` opens its own).
    await this.close();
    try {
      this.reports.push(await loadAlone(this.db, file, result, this.bulk, this.progress));
    } finally {
      rmSync(stageDir, {recursive: true, force: true});
    }
  }

  /** Commits the open transaction, if any. */
  async close(): Promise<void> {
    if (this.pending.length === 0) return;
    try {
      await this.db.run("COMMIT");
    } catch {
      return this.redo();
    }
    this.discard(this.pending.splice(0));
  }

  /** Rolls the open transaction back and loads its files again, each alone; one that fails throws as it would alone. */
  private async redo(): Promise<void> {
    await this.db.run("ROLLBACK").catch(() => undefined);
    const redo = this.pending.splice(0);
    try {
      for (const p of redo) this.reports[p.report] = await loadAlone(this.db, p.file, p.result, this.bulk, this.progress);
    } finally {
      this.discard(redo);
    }
  }

  private discard(done: Pending[]): void {
    for (const p of done) rmSync(p.stageDir, {recursive: true, force: true});
  }
}

/** A staged file's load inside the caller's transaction; null when it must be read here instead. */
async function loadStaged(db: Database, file: string, result: WorkerResult & {kind: "staged"}, progress?: Progress): Promise<FileReport | null> {
  const unchanged = await unchangedReport(db, file, result.hash);
  if (unchanged) return unchanged;
  const filePath = resolve(file);
  const writer = await ImportWriter.adopt(db, {filePath, fileName: basename(filePath), fileHash: result.hash, fileBytes: result.bytes}, result.staged);
  if (!writer) return null;
  progress?.({file, phase: "write", done: result.parsed});
  const loaded = await writer.write(result.sheets);
  return {file, status: "loaded", encoding: result.encoding, ...loaded};
}

/** A file's load in its own transaction (or `ingestFile`'s), with the same checks in the same order as `ingestFile`. */
async function loadAlone(db: Database, file: string, result: WorkerResult, bulk: BulkSettings, progress?: Progress): Promise<FileReport> {
  if (result.kind === "cannot-open") return failed(file, new UnreadableFileError(file, result.message, result.detail));
  if (result.kind === "staged") {
    return (await db.transaction(() => loadStaged(db, file, result, progress))) ?? ingestFile(db, file, progress, bulk);
  }
  if (result.hash !== undefined) {
    const unchanged = await unchangedReport(db, file, result.hash);
    if (unchanged) return unchanged;
  }
  switch (result.kind) {
    case "unreadable": return failed(file, new UnreadableFileError(file, result.message, result.detail));
    case "error": throw new Error(`reading ${file} failed in a worker thread: ${result.message}`);
    case "main-thread": return ingestFile(db, file, progress, bulk);
  }
}
