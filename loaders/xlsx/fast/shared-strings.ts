// Streaming parser for xl/sharedStrings.xml (ECMA-376 18.4). Each <si> becomes one string:
// plain <t>, or rich-text runs <r><t> concatenated; phonetic runs (<rPh>) are left out.
//
// Inflated chunks are cut after the last complete </si>, decoded from UTF-8 in one call, and the
// resulting string is scanned with indexOf (much cheaper than one decode per string).

import {checkBom, MAX_TOKEN_BYTES} from "./bytes.ts";
import {formatError} from "./errors.ts";
import {decodeXmlText, decodeXstring} from "./xml.ts";
import type {ZipArchive} from "./zip.ts";

const SI_END = Buffer.from("</si>", "latin1");

function isNameEnd(code: number): boolean {
  return code === 62 || code === 47 || code <= 32; // '>' '/' whitespace
}

export class SharedStringsParser {
  readonly strings: string[] = [];
  private readonly file: string;
  private readonly part: string;
  private carry: Buffer | null = null;
  private first = true;
  private ended = false;

  constructor(file: string, part: string) {
    this.file = file;
    this.part = part;
  }

  private fail(problem: string): never {
    throw formatError(this.file, `part ${this.part}: ${problem}`);
  }

  feed(chunk: Buffer): void {
    let buf = chunk;
    if (this.carry !== null) {
      if (this.carry.length > MAX_TOKEN_BYTES) this.fail(`an xml token is over ${MAX_TOKEN_BYTES} bytes (corrupt or hostile xml)`);
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    let start = 0;
    if (this.first) {
      start = checkBom(buf, this.file, this.part);
      this.first = false;
    }
    // Cut after the last complete </si> (UTF-8 continuation bytes never look like '<').
    const cut = buf.lastIndexOf(SI_END);
    if (cut < start) {
      this.carry = start === 0 ? buf : buf.subarray(start);
      return;
    }
    const end = cut + SI_END.length;
    this.parse(buf.toString("utf8", start, end));
    if (end < buf.length) this.carry = Buffer.from(buf.subarray(end));
  }

  end(): string[] {
    if (this.carry !== null) {
      // whatever follows the last </si>: closing tags, extLst, or a truncated document
      const rest = this.carry.toString("utf8");
      this.carry = null;
      this.parse(rest);
    }
    if (!this.ended && this.strings.length > 0) {
      // </sst> must close the part; a missing one means the XML was cut short
      this.fail("xml ends before </sst> (truncated)");
    }
    return this.strings;
  }

  /** Parses a run of complete top-level markup (always ends after </si>, or is the tail). */
  private parse(s: string): void {
    const strings = this.strings;
    let p = 0;
    const n = s.length;
    for (;;) {
      const lt = s.indexOf("<", p);
      if (lt < 0 || lt + 1 >= n) return;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 115 && s.charCodeAt(lt + 2) === 105 && isNameEnd(s.charCodeAt(lt + 3))) { // <si
        const gt = s.indexOf(">", lt + 3);
        if (gt < 0) this.fail("truncated <si> element");
        if (s.charCodeAt(gt - 1) === 47) { // <si/>
          strings.push("");
          p = gt + 1;
          continue;
        }
        const close = s.indexOf("</si>", gt + 1);
        if (close < 0) this.fail("unterminated <si> element");
        strings.push(this.item(s, gt + 1, close));
        p = close + 5;
        continue;
      }
      if (c1 === 33) { // <!-- … -->, <!DOCTYPE …>
        if (s.startsWith("<!--", lt)) {
          const e = s.indexOf("-->", lt + 4);
          if (e < 0) this.fail("unterminated comment");
          p = e + 3;
          continue;
        }
        this.fail("contains a dtd or entity declaration (<!doctype>/<!entity>), which is not allowed");
      }
      if (c1 === 47 && /^<\/(?:[A-Za-z_][\w.-]*:)?sst\s*>/.test(s.slice(lt, lt + 64))) this.ended = true;
      const gt = s.indexOf(">", lt + 1);
      if (gt < 0) return;
      p = gt + 1;
    }
  }

  /** The text of one <si> whose content is s[from, to). */
  private item(s: string, from: number, to: number): string {
    // Fast path: <t>text</t> or <t xml:space="preserve">text</t> with no other markup.
    if (s.charCodeAt(from) === 60 && s.charCodeAt(from + 1) === 116 && isNameEnd(s.charCodeAt(from + 2))) {
      const gt = s.indexOf(">", from + 2);
      if (gt >= 0 && gt < to && s.charCodeAt(gt - 1) !== 47) {
        const endT = s.indexOf("<", gt + 1);
        if (endT === to - 4 && s.startsWith("</t>", endT)) {
          let text = s.slice(gt + 1, endT);
          if (text.indexOf("&") >= 0 || text.indexOf("\r") >= 0) text = decodeXmlText(text);
          return text.indexOf("_x") >= 0 ? decodeXstring(text) : text;
        }
      }
    }
    return this.richItem(s, from, to);
  }

  /** General case: rich-text runs, phonetic runs, comments, CDATA. */
  private richItem(s: string, from: number, to: number): string {
    let out = "";
    let p = from;
    let inText = false;
    let rphDepth = 0;
    while (p < to) {
      const lt = s.indexOf("<", p);
      const stop = lt < 0 || lt > to ? to : lt;
      if (inText && stop > p) out += decodeXmlText(s.slice(p, stop));
      if (stop >= to) break;
      if (s.startsWith("<![CDATA[", lt)) {
        const e = s.indexOf("]]>", lt + 9);
        if (e < 0 || e > to) this.fail("unterminated cdata section");
        if (inText) out += s.slice(lt + 9, e);
        p = e + 3;
        continue;
      }
      if (s.startsWith("<!--", lt)) {
        const e = s.indexOf("-->", lt + 4);
        if (e < 0 || e > to) this.fail("unterminated comment");
        p = e + 3;
        continue;
      }
      if (s.charCodeAt(lt + 1) === 33) this.fail("contains a dtd or entity declaration (<!doctype>/<!entity>), which is not allowed");
      const gt = s.indexOf(">", lt + 1);
      if (gt < 0 || gt >= to) this.fail("malformed markup inside <si>");
      const closing = s.charCodeAt(lt + 1) === 47;
      const selfClose = s.charCodeAt(gt - 1) === 47;
      let nameStart = closing ? lt + 2 : lt + 1;
      let nameEnd = nameStart;
      while (nameEnd < gt && !isNameEnd(s.charCodeAt(nameEnd))) nameEnd++;
      const colon = s.lastIndexOf(":", nameEnd);
      if (colon >= nameStart) nameStart = colon + 1;
      const name = s.slice(nameStart, nameEnd);
      if (name === "t") {
        inText = !closing && !selfClose && rphDepth === 0;
      } else if (name === "rPh") {
        if (closing) rphDepth = Math.max(0, rphDepth - 1);
        else if (!selfClose) rphDepth++;
      }
      p = gt + 1;
    }
    return decodeXstring(out);
  }
}

export async function readSharedStrings(zip: ZipArchive, path: string, maxInflatedBytes: number): Promise<string[]> {
  const entry = zip.get(path);
  if (!entry) return [];
  const parser = new SharedStringsParser(zip.file, path);
  for await (const chunk of zip.chunks(entry, {maxInflatedBytes})) parser.feed(chunk);
  return parser.end();
}
