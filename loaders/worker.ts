/**
 * A worker thread of `ingestParallel` (loaders/parallel.ts): reads and normalises the files it is
 * sent, each into its own staging tables (handed over as Parquet files), and reports what it staged. It never touches the
 * target database: the main thread commits the staged rows, one file at a time, in the given order.
 */
import {mkdirSync, statSync} from "node:fs";
import {basename, resolve} from "node:path";
import {parentPort} from "node:worker_threads";
import {Database} from "../src/db/database.ts";
import {UnreadableFileError} from "./errors.ts";
import {cannotOpen, fileHash, stageFile, type BulkSettings, type Progress, type ProjectLookup} from "./ingest.ts";
import {ImportWriter, type SheetInfo, type StagedFile} from "./load/writer.ts";

/** What the main thread sends: a file to stage into `stagePath`, or the end of work. */
export type WorkerRequest = {type: "file"; index: number; file: string; stageDir: string; bulk: BulkSettings} | {type: "exit"};

/** What reading one file came to. */
export type WorkerResult =
  | {kind: "cannot-open"; message: string; detail?: string}
  | {kind: "unreadable"; hash: string; message: string; detail?: string}
  | {kind: "staged"; hash: string; bytes: number; encoding?: string; sheets: SheetInfo[]; parsed: number; staged: StagedFile}
  /** The file needs the target database while being read (a form found by project name): read it there. */
  | {kind: "main-thread"; hash: string}
  | {kind: "error"; hash?: string; message: string};

export type WorkerMessage =
  | {type: "ready"}
  | {type: "progress"; event: Parameters<Progress>[0]}
  | {type: "result"; index: number; result: WorkerResult};

/** Thrown by the lookup a worker gives forms: what the database holds depends on earlier files' commits. */
class NeedsMainThread extends Error {}

const refuseLookup: ProjectLookup = async () => {
  throw new NeedsMainThread("project lookup needs the target database");
};

async function stage(db: Database, file: string, stageDir: string, progress: Progress, bulk: BulkSettings): Promise<WorkerResult> {
  const filePath = resolve(file);
  let bytes: number;
  let hash: string;
  try {
    bytes = statSync(filePath).size;
    hash = await fileHash(filePath);
  } catch (error) {
    const failure = cannotOpen(file, error);
    return {kind: "cannot-open", message: failure.message, detail: failure.detail};
  }
  progress({file, phase: "read"});
  let writer: ImportWriter | null = null;
  try {
    const begin = () => ImportWriter.begin(db, {filePath, fileName: basename(filePath), fileHash: hash, fileBytes: bytes});
    const read = await stageFile(filePath, file, begin, refuseLookup, progress, bulk);
    const {workbook, sheets, parsed} = read;
    writer = read.writer;
    mkdirSync(stageDir, {recursive: true});
    const staged = await writer.release(stageDir, sheets);
    writer = null;
    return {kind: "staged", hash, bytes, encoding: workbook.encoding, sheets, parsed, staged};
  } catch (error) {
    if (writer) await writer.abort();
    if (error instanceof NeedsMainThread) return {kind: "main-thread", hash};
    if (error instanceof UnreadableFileError) return {kind: "unreadable", hash, message: error.message, detail: error.detail};
    return {kind: "error", hash, message: error instanceof Error ? (error.stack ?? error.message) : String(error)};
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("loaders/worker.ts runs as a worker thread of loaders/parallel.ts");
  // A private in-memory database with the same schema: the column lists staging is built from.
  const db = await Database.open(":memory:");
  // Several workers share the machine with the main thread's DuckDB: one thread each.
  await db.run("SET threads = 1");
  const post = (message: WorkerMessage) => port.postMessage(message);
  const progress: Progress = (event) => post({type: "progress", event});
  let queue = Promise.resolve();
  port.on("message", (request: WorkerRequest) => {
    queue = queue.then(async () => {
      if (request.type === "exit") {
        db.close();
        port.close();
        return;
      }
      const result = await stage(db, request.file, request.stageDir, progress, request.bulk);
      post({type: "result", index: request.index, result});
    });
  });
  post({type: "ready"});
}

await main();
