// Streaming parser for xl/sharedStrings.xml (ECMA-376 18.4). Each <si> becomes one string:
// plain <t>, or rich-text runs <r><t> concatenated; phonetic runs (<rPh>) are left out.

import {
  BANG, checkBom, findTagEnd, GT, joinCarry, LT, QMARK, scanSpecial, SLASH, type SpecialResult,
} from "./bytes.ts";
import {formatError} from "./errors.ts";
import {decodeXmlText, decodeXstring} from "./xml.ts";
import type {ZipArchive} from "./zip.ts";

export class SharedStringsParser {
  readonly strings: string[] = [];
  private readonly file: string;
  private readonly part: string;
  private carry: Buffer | null = null;
  private first = true;
  private inSi = false;
  private inText = false;
  private rphDepth = 0;
  private current = "";
  private readonly special: SpecialResult = {end: 0, cdataStart: -1, cdataEnd: -1};

  constructor(file: string, part: string) {
    this.file = file;
    this.part = part;
  }

  feed(chunk: Buffer): void {
    const buf = joinCarry(this.carry, chunk, this.file, this.part);
    this.carry = null;
    let p = 0;
    if (this.first) {
      p = checkBom(buf, this.file, this.part);
      this.first = false;
    }
    const consumed = this.scan(buf, p);
    if (consumed < buf.length) this.carry = buf.subarray(consumed);
  }

  end(): string[] {
    if (this.inSi || (this.carry !== null && this.carry.toString("latin1").trim() !== "")) {
      throw formatError(this.file, `part ${this.part} ends in the middle of the xml (truncated)`);
    }
    return this.strings;
  }

  private scan(buf: Buffer, start: number): number {
    const len = buf.length;
    let p = start;
    for (;;) {
      if (this.inText) {
        const lt = buf.indexOf(LT, p);
        if (lt < 0 || lt + 1 >= len) return p;
        if (buf[lt + 1] === BANG) {
          scanSpecial(buf, lt, len, this.file, this.part, this.special);
          if (this.special.end < 0) return p;
          this.current += decodeXmlText(buf.toString("utf8", p, lt));
          if (this.special.cdataStart >= 0) this.current += buf.toString("utf8", this.special.cdataStart, this.special.cdataEnd);
          p = this.special.end;
          continue;
        }
        // any other tag ends the text run (normally </t>); it is then handled as markup
        this.current += decodeXmlText(buf.toString("utf8", p, lt));
        this.inText = false;
        p = lt;
      }
      while (p < len && buf[p] !== LT) p++;
      if (p >= len) return len;
      const lt = p;
      if (lt + 1 >= len) return lt;
      const b1 = buf[lt + 1];
      if (b1 === BANG || b1 === QMARK) {
        scanSpecial(buf, lt, len, this.file, this.part, this.special);
        if (this.special.end < 0) return lt;
        p = this.special.end;
        continue;
      }
      const close = b1 === SLASH;
      let q = close ? lt + 2 : lt + 1;
      let nameStart = q;
      while (q < len) {
        const b = buf[q]!;
        if (b <= 32 || b === GT || b === SLASH) break;
        if (b === 58) nameStart = q + 1;
        q++;
      }
      if (q >= len) return lt;
      const nameEnd = q;
      const gt = findTagEnd(buf, q, len);
      if (gt < 0) return lt;
      const selfClose = buf[gt - 1] === SLASH;
      p = gt + 1;
      const n = nameEnd - nameStart;
      const c0 = buf[nameStart];
      if (n === 2 && c0 === 115 && buf[nameStart + 1] === 105) { // si
        if (close) {
          this.strings.push(decodeXstring(this.current));
          this.current = "";
          this.inSi = false;
        } else if (selfClose) {
          this.strings.push("");
        } else {
          this.inSi = true;
          this.current = "";
          this.rphDepth = 0;
        }
      } else if (n === 1 && c0 === 116) { // t
        if (!close && !selfClose && this.inSi && this.rphDepth === 0) this.inText = true;
      } else if (n === 3 && c0 === 114 && buf[nameStart + 1] === 80 && buf[nameStart + 2] === 104) { // rPh
        if (close) this.rphDepth = Math.max(0, this.rphDepth - 1);
        else if (!selfClose) this.rphDepth++;
      }
    }
  }
}

export async function readSharedStrings(zip: ZipArchive, path: string, maxInflatedBytes: number): Promise<string[]> {
  const entry = zip.get(path);
  if (!entry) return [];
  const parser = new SharedStringsParser(zip.file, path);
  for await (const chunk of zip.chunks(entry, {maxInflatedBytes})) parser.feed(chunk);
  return parser.end();
}
