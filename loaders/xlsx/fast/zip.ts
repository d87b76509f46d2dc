// Minimal read-only zip access for .xlsx packages (see PKWARE APPNOTE.TXT, sections 4.3.x).
// Reads the central directory, then streams one entry at a time through Node's zlib.
// Deliberately unsupported (rejected with XlsxFormatError): zip64, multi-disk archives,
// encryption, and compression methods other than stored (0) and deflate (8).

import {open, type FileHandle} from "node:fs/promises";
import {pipeline, Readable} from "node:stream";
import * as zlib from "node:zlib";
import {formatError} from "./errors.ts";

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;

/** Default cap on the inflated size of one part (a sheet, the shared strings table). */
export const DEFAULT_MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024;
/** Inflated/compressed ratio above which an entry is treated as a zip bomb (deflate peaks near 1032:1). */
export const MAX_COMPRESSION_RATIO = 1000;
/** The ratio check applies only to entries that inflate to more than this. */
const RATIO_CHECK_MIN_BYTES = 1024 * 1024;
/** gzip member header: magic, deflate, no flags, no mtime, no extra flags, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

const crc32: ((data: NodeJS.ArrayBufferView, value?: number) => number) | undefined =
  typeof (zlib as {crc32?: unknown}).crc32 === "function" ? zlib.crc32 : undefined;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface EntryReadLimits {
  /** Maximum number of inflated bytes; exceeding it throws XlsxFormatError. */
  maxInflatedBytes: number;
}

export class ZipArchive {
  readonly file: string;
  readonly size: number;
  private readonly handle: FileHandle;
  /** Entries keyed by lower-cased name (OPC part names are case-insensitive). */
  private readonly entries: Map<string, ZipEntry>;

  private constructor(file: string, handle: FileHandle, size: number, entries: Map<string, ZipEntry>) {
    this.file = file;
    this.handle = handle;
    this.size = size;
    this.entries = entries;
  }

  static async open(file: string): Promise<ZipArchive> {
    // Missing files and permission problems are not format errors: they propagate as they are.
    const handle = await open(file, "r");
    try {
      const size = (await handle.stat()).size;
      const entries = await readCentralDirectory(file, handle, size);
      return new ZipArchive(file, handle, size, entries);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  get(name: string): ZipEntry | undefined {
    return this.entries.get(name.toLowerCase());
  }

  names(): string[] {
    return [...this.entries.values()].map(e => e.name);
  }

  private fail(problem: string, cause?: unknown): never {
    throw formatError(this.file, problem, cause);
  }

  /** Offset of the entry's data, after validating its local header. */
  private async dataOffset(entry: ZipEntry): Promise<number> {
    if (entry.localHeaderOffset + LOCAL_HEADER_SIZE > this.size) {
      this.fail(`zip entry ${entry.name} points past the end of the file (truncated zip?)`);
    }
    const header = Buffer.alloc(LOCAL_HEADER_SIZE);
    const {bytesRead} = await this.handle.read(header, 0, LOCAL_HEADER_SIZE, entry.localHeaderOffset);
    if (bytesRead !== LOCAL_HEADER_SIZE || header.readUInt32LE(0) !== SIG_LOCAL) {
      this.fail(`bad local header for zip entry ${entry.name} (corrupt zip)`);
    }
    const start = entry.localHeaderOffset + LOCAL_HEADER_SIZE + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.size) {
      this.fail(`zip entry ${entry.name} extends past the end of the file (truncated zip?)`);
    }
    return start;
  }

  /**
   * Streams the inflated bytes of an entry, chunk by chunk, enforcing the size cap, the
   * compression-ratio check, the declared size and (when the whole entry is read) the CRC-32.
   * Breaking out of the loop early stops reading and releases the streams.
   */
  async *chunks(entry: ZipEntry, limits: EntryReadLimits): AsyncGenerator<Buffer, void, undefined> {
    const name = entry.name;
    if (entry.uncompressedSize > limits.maxInflatedBytes) {
      this.fail(`zip entry ${name} declares ${entry.uncompressedSize} inflated bytes, over the limit of ${limits.maxInflatedBytes} (possible zip bomb)`);
    }
    if (entry.method === 8 && entry.uncompressedSize > RATIO_CHECK_MIN_BYTES &&
        entry.uncompressedSize > MAX_COMPRESSION_RATIO * Math.max(entry.compressedSize, 1)) {
      this.fail(`zip entry ${name} has a compression ratio over ${MAX_COMPRESSION_RATIO}:1 (possible zip bomb)`);
    }
    const start = await this.dataOffset(entry);
    if (entry.compressedSize === 0) {
      if (entry.uncompressedSize !== 0) this.fail(`zip entry ${name} is empty but declares ${entry.uncompressedSize} bytes (corrupt zip)`);
      return;
    }
    const raw = this.handle.createReadStream({
      start,
      end: start + entry.compressedSize - 1,
      autoClose: false,
      highWaterMark: 1 << 20,
    });
    let source: NodeJS.ReadableStream & AsyncIterable<Buffer>;
    let inflater: zlib.Gunzip | undefined;
    let checkCrcHere = crc32 !== undefined;
    if (entry.method === 8) {
      // The raw deflate data is framed as a gzip member (10-byte header, data, trailer holding the
      // entry's CRC-32 and size), so zlib checks CRC and length itself, on the thread pool.
      // A deep read-ahead buffer lets the thread pool inflate while the caller parses.
      const options: zlib.ZlibOptions & {readableHighWaterMark: number} = {chunkSize: 1 << 18, readableHighWaterMark: 1 << 23};
      inflater = zlib.createGunzip(options);
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(entry.crc >>> 0, 0);
      trailer.writeUInt32LE(entry.uncompressedSize >>> 0, 4);
      const framed = async function* (): AsyncGenerator<Buffer> {
        yield GZIP_HEADER;
        for await (const chunk of raw) yield chunk as Buffer;
        yield trailer;
      };
      pipeline(Readable.from(framed(), {objectMode: false}), inflater, () => undefined); // errors surface below
      source = inflater;
      checkCrcHere = false;
    } else {
      source = raw;
    }
    const limit = Math.min(limits.maxInflatedBytes, entry.uncompressedSize);
    let total = 0;
    let crc = 0;
    let completed = false;
    try {
      try {
        for await (const chunk of source) {
          const buf = chunk as Buffer;
          total += buf.length;
          if (total > limit) {
            if (total > limits.maxInflatedBytes) {
              this.fail(`zip entry ${name} inflates past the limit of ${limits.maxInflatedBytes} bytes (possible zip bomb)`);
            }
            this.fail(`zip entry ${name} inflates past its declared size of ${entry.uncompressedSize} bytes (corrupt zip or zip bomb)`);
          }
          if (checkCrcHere) crc = crc32!(buf, crc);
          yield buf;
        }
        completed = true;
      } catch (error) {
        if (error instanceof Error && error.name === "XlsxFormatError") throw error;
        const message = error instanceof Error ? error.message : String(error);
        if (/incorrect data check/i.test(message)) this.fail(`crc-32 mismatch in zip entry ${name} (corrupt zip)`, error);
        if (/incorrect length check/i.test(message)) {
          this.fail(`zip entry ${name} does not inflate to its declared size of ${entry.uncompressedSize} bytes (corrupt zip)`, error);
        }
        const code = (error as {code?: string}).code ?? "";
        this.fail(`cannot inflate zip entry ${name} (${code || (error as Error).message}; corrupt or truncated zip)`, error);
      }
    } finally {
      if (!completed) {
        inflater?.destroy();
        raw.destroy();
      }
    }
    if (total !== entry.uncompressedSize) {
      this.fail(`zip entry ${name} inflated to ${total} bytes but declares ${entry.uncompressedSize} (corrupt or truncated zip)`);
    }
    if (checkCrcHere && (crc >>> 0) !== entry.crc) {
      this.fail(`crc-32 mismatch in zip entry ${name} (corrupt zip)`);
    }
  }

  /** Reads a whole (small) entry into memory. */
  async readAll(entry: ZipEntry, limits: EntryReadLimits): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.chunks(entry, limits)) parts.push(chunk);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }
}

async function readCentralDirectory(file: string, handle: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  const fail = (problem: string): never => {
    throw formatError(file, problem);
  };
  if (size < EOCD_SIZE) fail("not a zip file (too short to be an .xlsx package)");

  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  const tailSize = Math.min(size, EOCD_SIZE + MAX_COMMENT);
  const tailStart = size - tailSize;
  const tail = Buffer.alloc(tailSize);
  await handle.read(tail, 0, tailSize, tailStart);
  let eocd = -1;
  for (let i = tailSize - EOCD_SIZE; i >= 0; i--) {
    if (tail[i] === 0x50 && tail.readUInt32LE(i) === SIG_EOCD) {
      const commentLength = tail.readUInt16LE(i + 20);
      if (i + EOCD_SIZE + commentLength <= tailSize) {
        eocd = i;
        break;
      }
    }
  }
  if (eocd < 0) {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    if (head.readUInt32LE(0) === SIG_LOCAL) fail("truncated zip (end of central directory not found)");
    if (head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
      fail("not a zip file (ole compound file: a legacy .xls or a password-encrypted workbook, not supported)");
    }
    fail("not a zip file (end of central directory not found; truncated or not an .xlsx package)");
  }
  const diskNumber = tail.readUInt16LE(eocd + 4);
  const cdDisk = tail.readUInt16LE(eocd + 6);
  const entriesOnDisk = tail.readUInt16LE(eocd + 8);
  const totalEntries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  const eocdAbs = tailStart + eocd;

  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === SIG_ZIP64_LOCATOR) fail("zip64 archives are not supported");
  if (totalEntries === 0xffff || entriesOnDisk === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    fail("zip64 archives are not supported");
  }
  if (diskNumber !== 0 || cdDisk !== 0 || entriesOnDisk !== totalEntries) fail("multi-disk zip archives are not supported");
  if (cdOffset + cdSize > eocdAbs) fail("central directory lies outside the file (truncated or corrupt zip)");

  const cd = Buffer.alloc(cdSize);
  const {bytesRead} = await handle.read(cd, 0, cdSize, cdOffset);
  if (bytesRead !== cdSize) fail("cannot read the central directory (truncated zip)");

  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < totalEntries; n++) {
    if (p + CENTRAL_HEADER_SIZE > cdSize || cd.readUInt32LE(p) !== SIG_CENTRAL) fail("bad central directory record (corrupt zip)");
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    const compressedSize = cd.readUInt32LE(p + 20);
    const uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const startDisk = cd.readUInt16LE(p + 34);
    const localHeaderOffset = cd.readUInt32LE(p + 42);
    const next = p + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
    if (next > cdSize) fail("central directory record runs past its end (corrupt zip)");
    // Bit 11 says UTF-8; otherwise CP437, which coincides with ASCII for OPC part names.
    const name = cd.toString((flags & 0x800) !== 0 ? "utf8" : "latin1", p + CENTRAL_HEADER_SIZE, p + CENTRAL_HEADER_SIZE + nameLength);
    p = next;
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff || startDisk === 0xffff) {
      fail(`zip64 entry ${name} is not supported`);
    }
    if (name.endsWith("/")) continue; // directory entry
    if ((flags & 0x1) !== 0 || (flags & 0x40) !== 0) fail(`zip entry ${name} is encrypted (encrypted workbooks are not supported)`);
    if (method !== 0 && method !== 8) fail(`zip entry ${name} uses unsupported compression method ${method}`);
    if (method === 0 && compressedSize !== uncompressedSize) fail(`stored zip entry ${name} has mismatched sizes (corrupt zip)`);
    if (localHeaderOffset >= cdOffset) fail(`zip entry ${name} points into the central directory (corrupt zip)`);
    const key = name.toLowerCase();
    if (!entries.has(key)) {
      entries.set(key, {name, method, flags, crc, compressedSize, uncompressedSize, localHeaderOffset});
    }
  }
  return entries;
}
