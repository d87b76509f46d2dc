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
async function* decodedChunks(file: string, encoding: string, bomBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding === "utf-8-bom" ? "utf-8" : encoding);
  for await (const chunk of createReadStream(file, {start: bomBytes, highWaterMark: 1 << 20})) {
    const text = decoder.decode(chunk as Buffer, {stream: true});
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
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
  const name = basename(file).replace(/\.[^.]+$/, "");
  return {
    format: "csv",
    encoding,
    sheets: [{
      name,
      async feed(sink) {
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
            await sink(row, record.map((c) => (c === "" ? null : c)));
          }
        } catch (error) {
          throw new UnreadableFileError(file, "CSV 文件格式错误，无法解析（引号或分隔符不匹配）", (error as Error).message);
        }
        await pump;
      }
    }]
  };
}
