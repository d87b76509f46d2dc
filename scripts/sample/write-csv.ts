/** Streaming CSV writer: UTF-8 with BOM or GB18030 (via iconv-lite), CRLF line ends, bounded memory. */
import fs from "node:fs";
import {once} from "node:events";
import iconv from "iconv-lite";

export type CsvEncoding = "utf8bom" | "gb18030";
export type Cell = string | number | null | undefined;

const FLUSH_CHARS = 1 << 18;

function escapeCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export class CsvWriter {
  rows = 0;
  private parts: string[] = [];
  private pending = 0;
  private readonly stream: fs.WriteStream;
  private error: Error | null = null;

  constructor(readonly path: string, readonly encoding: CsvEncoding, header: string[]) {
    this.stream = fs.createWriteStream(path);
    this.stream.on("error", (e) => (this.error = e));
    if (encoding === "utf8bom") this.stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
    this.push(header);
  }

  private push(cells: ReadonlyArray<Cell>): void {
    const line = cells.map(escapeCell).join(",") + "\r\n";
    this.parts.push(line);
    this.pending += line.length;
  }

  /** Returns a promise only when the caller should wait (backpressure). */
  writeRow(cells: ReadonlyArray<Cell>): Promise<void> | undefined {
    this.push(cells);
    this.rows++;
    if (this.pending >= FLUSH_CHARS) return this.flush();
    return undefined;
  }

  private flush(): Promise<void> | undefined {
    if (this.error) throw this.error;
    if (this.parts.length === 0) return undefined;
    const text = this.parts.join("");
    this.parts = [];
    this.pending = 0;
    const bytes = this.encoding === "gb18030" ? iconv.encode(text, "gb18030") : Buffer.from(text, "utf8");
    if (!this.stream.write(bytes)) return once(this.stream, "drain").then(() => undefined);
    return undefined;
  }

  async close(): Promise<void> {
    const p = this.flush();
    if (p) await p;
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
    if (this.error) throw this.error;
  }
}
