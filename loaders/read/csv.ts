import {createReadStream} from "node:fs";
import {open} from "node:fs/promises";
import {basename} from "node:path";
import {parse} from "csv-parse";
import {UnreadableFileError} from "../errors.ts";
import type {Workbook} from "./sheet.ts";

const CHUNK = 4 << 20;

/**
 * Detects the text encoding from the bytes, not the file name: a UTF-8/UTF-16 byte-order mark, else
 * strict UTF-8 if every byte sequence of the file is valid, else GB18030 (a superset of GBK and GB2312).
 * Reads the file once in chunks, keeping nothing.
 */
export async function detectEncoding(file: string): Promise<{encoding: string; bomBytes: number}> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(4);
    const {bytesRead} = await handle.read(head, 0, 4, 0);
    if (bytesRead >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return {encoding: "utf-8-bom", bomBytes: 3};
    if (bytesRead >= 2 && head[0] === 0xff && head[1] === 0xfe) return {encoding: "utf-16le", bomBytes: 2};
    if (bytesRead >= 2 && head[0] === 0xfe && head[1] === 0xff) return {encoding: "utf-16be", bomBytes: 2};
    const utf8 = new TextDecoder("utf-8", {fatal: true});
    const buffer = Buffer.alloc(CHUNK);
    let position = 0;
    try {
      for (;;) {
        const {bytesRead: n} = await handle.read(buffer, 0, CHUNK, position);
        if (n === 0) break;
        if (buffer.subarray(0, n).includes(0)) {
          throw new UnreadableFileError(file, "该文件不是文本格式的 CSV（含有二进制内容），无法读取", "nul byte in csv");
        }
        utf8.decode(buffer.subarray(0, n), {stream: true});
        position += n;
      }
      utf8.decode();
      return {encoding: "utf-8", bomBytes: 0};
    } catch (error) {
      if (error instanceof UnreadableFileError) throw error;
      return {encoding: "gb18030", bomBytes: 0};
    }
  } finally {
    await handle.close();
  }
}

/** The delimiter that splits the first lines most consistently: comma, tab, semicolon or vertical bar. */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 20);
  let best = ",";
  let bestScore = 0;
  for (const d of [",", "\t", ";", "|"]) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const max = Math.max(0, ...counts);
    const score = max === 0 ? 0 : counts.filter((c) => c === max).length * max;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Decoded text chunks of a file, in the detected encoding. */
export async function* decodedChunks(file: string, encoding: string, bomBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding === "utf-8-bom" ? "utf-8" : encoding);
  for await (const chunk of createReadStream(file, {start: bomBytes, highWaterMark: 1 << 20})) {
    const text = decoder.decode(chunk as Buffer, {stream: true});
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Whether the file contains the byte (a `"` byte means quoting may occur: in every encoding read here). */
async function fileHasByte(file: string, byte: number): Promise<boolean> {
  for await (const chunk of createReadStream(file, {highWaterMark: CHUNK})) {
    if ((chunk as Buffer).includes(byte)) return true;
  }
  return false;
}

/**
 * Splits quote-free CSV text into records exactly as csv-parse does with the options `readCsv` uses:
 * the record delimiter is the first line break seen (\r\n, \n or \r) and other line-break characters
 * stay in the field; an empty line is a record of one empty field; text after the last line break is
 * the last record. Without quotes that is all csv-parse does, and plain string splitting is far faster.
 * The sink returns false to stop reading.
 */
export async function splitQuoteFree(
  chunks: AsyncIterable<string>,
  delimiter: string,
  sink: (row: number, cells: (string | null)[]) => void | false | Promise<void>
): Promise<void> {
  let recordDelimiter: string | null = null;
  let carry = "";
  let row = 0;
  const emit = (line: string): void | false | Promise<void> => {
    const fields = line.split(delimiter);
    const cells: (string | null)[] = new Array(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      cells[i] = field === "" ? null : field;
    }
    return sink(++row, cells);
  };
  const discover = (text: string, final: boolean): void => {
    const n = text.indexOf("\n");
    const r = text.indexOf("\r");
    if (r === -1 && n === -1) return;
    if (r === -1 || (n !== -1 && n < r)) recordDelimiter = "\n";
    else if (r + 1 < text.length) recordDelimiter = text[r + 1] === "\n" ? "\r\n" : "\r";
    else if (final) recordDelimiter = "\r";
  };
  for await (const text of chunks) {
    const buffer = carry === "" ? text : carry + text;
    if (recordDelimiter === null) discover(buffer, false);
    let position = 0;
    if (recordDelimiter !== null) {
      const rd: string = recordDelimiter;
      for (let end = buffer.indexOf(rd); end !== -1; end = buffer.indexOf(rd, position)) {
        const pending = emit(buffer.slice(position, end));
        if (pending === false) return;
        position = end + rd.length;
        if (pending) await pending;
      }
    }
    carry = position === 0 ? buffer : buffer.slice(position);
  }
  if (recordDelimiter === null) {
    discover(carry, true);
    if (recordDelimiter !== null) {
      const rd: string = recordDelimiter;
      let position = 0;
      for (let end = carry.indexOf(rd); end !== -1; end = carry.indexOf(rd, position)) {
        const pending = emit(carry.slice(position, end));
        if (pending === false) return;
        position = end + rd.length;
        if (pending) await pending;
      }
      carry = carry.slice(position);
    }
  }
  if (carry !== "") {
    const pending = emit(carry);
    if (pending) await pending;
  }
}

/** How a CSV file is written, for readers other than csv-parse (loaders/bulk/csv.ts). */
export interface CsvFile {
  path: string;
  encoding: string;
  bomBytes: number;
  delimiter: string;
  /** No `"` anywhere: no field is quoted. */
  quoteFree: boolean;
  /** The first 64 kB or so of decoded text. */
  head: string;
}

/** A CSV file as one streamed sheet named after the file. */
export async function readCsv(file: string): Promise<Workbook> {
  const {encoding, bomBytes} = await detectEncoding(file);
  let head = "";
  for await (const text of decodedChunks(file, encoding, bomBytes)) {
    head += text;
    if (head.length > 65536) break;
  }
  const delimiter = sniffDelimiter(head);
  const quoteFree = !(await fileHasByte(file, 0x22));
  const name = basename(file).replace(/\.[^.]+$/, "");
  return {
    format: "csv",
    encoding,
    sheets: [{
      name,
      csv: {path: file, encoding, bomBytes, delimiter, quoteFree, head},
      async feed(sink) {
        if (quoteFree) return splitQuoteFree(decodedChunks(file, encoding, bomBytes), delimiter, sink);
        const parser = parse({delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false});
        const pump = (async () => {
          try {
            for await (const text of decodedChunks(file, encoding, bomBytes)) {
              if (!parser.write(text)) await new Promise((resolve) => parser.once("drain", resolve));
            }
            parser.end();
          } catch (error) {
            parser.destroy(error as Error);
          }
        })();
        let row = 0;
        try {
          for await (const record of parser as AsyncIterable<string[]>) {
            row++;
            const pending = sink(row, record.map((c) => (c === "" ? null : c)));
            if (pending) await pending;
          }
        } catch (error) {
          throw new UnreadableFileError(file, "CSV 文件格式错误，无法解析（引号或分隔符不匹配）", (error as Error).message);
        }
        await pump;
      }
    }]
  };
}
