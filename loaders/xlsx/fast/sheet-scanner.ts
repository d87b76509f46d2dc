// Byte-level streaming scanner for worksheet XML (ECMA-376 18.3: <sheetData>/<row>/<c>).
// It is fed inflated chunks in order; only the unfinished token at the end of a chunk is carried
// over, so memory stays bounded by the chunk size plus one row of output.
//
// Recognised: <row r>, <c r s t> (t = s | n | b | e | str | inlineStr | d), <v>, <is> with <t>
// and rich-text runs (phonetic <rPh> skipped), <f> (ignored: the cached <v> is used), namespace
// prefixes (<x:c>), comments, CDATA and processing instructions. DTDs throw XlsxFormatError.

import {
  BANG, checkBom, DQUOTE, EQ, findTagEnd, GT, LT, MAX_TOKEN_BYTES, parseUint, QMARK, scanSpecial,
  SLASH, SQUOTE, type SpecialResult,
} from "./bytes.ts";
import {formatError} from "./errors.ts";
import type {FastCell} from "./types.ts";
import {decodeXmlText, decodeXstring} from "./xml.ts";

const T_NUMBER = 0;
const T_SHARED = 1;
const T_BOOL = 2;
const T_ERROR = 3;
const T_STR = 4;
const T_INLINE = 5;
const T_DATE = 6;

const MODE_MARKUP = 0;
const MODE_V = 1;
const MODE_T = 2;

/** Longest unfinished row the fast path carries to the next chunk before going incremental. */
const FAST_ROW_MAX_CARRY = 1 << 20;
/** Excel's last column is XFD = 16384. */
const MAX_COLUMNS = 16384;
const MS_PER_DAY = 86_400_000;
/** Exact powers of ten for the decimal fast path (10^22 is the largest exact double power). */
const POW10 = Array.from({length: 23}, (_, i) => 10 ** i);

export interface SheetScannerOptions {
  file: string;
  part: string;
  sharedStrings: readonly string[];
  /** Per-style (cellXfs index) date flags, or null to never convert numbers to dates. */
  dateStyles: Uint8Array | null;
  date1904: boolean;
  /** Use the whole-row fast path (default true); false forces the generic path, for tests. */
  fastPath?: boolean;
}

/** Converts an Excel serial date to a JS Date holding the wall-clock time as UTC. */
export function serialToDate(serial: number, date1904: boolean): Date {
  // 1900 system: serial 1 = 1900-01-01 and Excel counts a non-existent 1900-02-29 (serial 60),
  // so serials below 60 are one day "early" relative to the real calendar.
  let days = serial;
  if (date1904) days += 1462;
  else if (serial < 60) days += 1;
  return new Date(Math.round((days - 25569) * MS_PER_DAY));
}

function parseNumber(buf: Buffer, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (buf[i] === 45) {
    neg = true;
    i++;
  }
  // Fast path: up to 15 significant digits with an optional fraction. m / 10^k is correctly
  // rounded when m < 2^53 and 10^k is exact, so this matches Number() bit for bit.
  if (e - i > 0 && e - i <= 16) {
    let m = 0;
    let digits = 0;
    let fraction = -1;
    let j = i;
    for (; j < e; j++) {
      const b = buf[j]!;
      if (b >= 48 && b <= 57) {
        m = m * 10 + (b - 48);
        digits++;
      } else if (b === 46 && fraction < 0) {
        fraction = j;
      } else {
        break;
      }
    }
    if (j === e && digits > 0 && digits <= 15) {
      const k = fraction < 0 ? 0 : e - fraction - 1;
      const v = k === 0 ? m : m / POW10[k]!;
      return neg ? -v : v;
    }
  }
  const text = buf.toString("latin1", s, e).trim();
  return text === "" ? NaN : Number(text);
}

export class SheetScanner {
  /** Rows completed by the last feed(): parallel arrays, cleared by takeRows(). */
  rowNumbers: number[] = [];
  rowCells: FastCell[][] = [];
  done = false;
  /** Rows handled by the whole-row fast path and by the generic path. */
  readonly stats = {fastRows: 0, genericRows: 0};

  private readonly file: string;
  private readonly part: string;
  private readonly sst: readonly string[];
  private readonly dateStyles: Uint8Array | null;
  private readonly date1904: boolean;
  private readonly fastPath: boolean;
  private readonly special: SpecialResult = {end: 0, cdataStart: -1, cdataEnd: -1};

  private carry: Buffer | null = null;
  private work: Buffer = Buffer.alloc(0);
  private first = true;
  private mode = MODE_MARKUP;
  private textPrefix = ""; // text collected before a CDATA section/comment inside <v> or <t>

  private row: FastCell[] | null = null;
  private rowNumber = 0;
  private lastRowNumber = 0;
  private lastCol = -1;

  private inCell = false;
  private col = 0;
  private cellType = T_NUMBER;
  private cellStyle = 0;
  private cellValue: FastCell = null;
  private inIs = false;
  private rphDepth = 0;
  private inlineText = "";

  // attribute results of the last scanned tag
  private aRefStart = -1;
  private aRefEnd = -1;
  private aStyle = 0;
  private aType = T_NUMBER;
  private aSelfClose = false;

  constructor(options: SheetScannerOptions) {
    this.file = options.file;
    this.part = options.part;
    this.sst = options.sharedStrings;
    this.dateStyles = options.dateStyles;
    this.date1904 = options.date1904;
    this.fastPath = options.fastPath ?? true;
  }

  private fail(problem: string): never {
    throw formatError(this.file, `sheet ${this.part}: ${problem}`);
  }

  feed(chunk: Buffer): void {
    if (this.done) return;
    let buf = chunk;
    const carry = this.carry;
    if (carry !== null) {
      // Join the unfinished tail with the new chunk in a reused buffer (fresh allocations per
      // chunk cost page faults). The tail may already live at the end of the work buffer.
      if (carry.length > MAX_TOKEN_BYTES) {
        throw formatError(this.file, `part ${this.part} has an xml token over ${MAX_TOKEN_BYTES} bytes (corrupt or hostile xml)`);
      }
      const need = carry.length + chunk.length;
      if (this.work.length < need) {
        const grown = Buffer.allocUnsafe(Math.max(need, this.work.length * 2, 1 << 18));
        carry.copy(grown, 0);
        this.work = grown;
      } else if (carry.buffer === this.work.buffer && carry.byteOffset >= this.work.byteOffset &&
                 carry.byteOffset + carry.length <= this.work.byteOffset + this.work.length) {
        const from = carry.byteOffset - this.work.byteOffset;
        this.work.copyWithin(0, from, from + carry.length);
      } else {
        carry.copy(this.work, 0);
      }
      chunk.copy(this.work, carry.length);
      buf = this.work.subarray(0, need);
      this.carry = null;
    }
    let p = 0;
    if (this.first) {
      p = checkBom(buf, this.file, this.part);
      this.first = false;
    }
    const consumed = this.scan(buf, p);
    if (consumed < buf.length && !this.done) this.carry = buf.subarray(consumed);
  }

  /** Call after the last chunk: checks that the XML was complete. */
  end(): void {
    if (this.done) return;
    if (this.row !== null || this.mode !== MODE_MARKUP ||
        (this.carry !== null && this.carry.toString("latin1").trim() !== "")) {
      this.fail("xml ends in the middle of the sheet data (truncated)");
    }
  }

  takeRows(): void {
    this.rowNumbers = [];
    this.rowCells = [];
  }

  private scan(buf: Buffer, start: number): number {
    const len = buf.length;
    let p = start;
    for (;;) {
      if (this.mode !== MODE_MARKUP) {
        // Inside <v> or <t>: the text runs to the next '<'.
        const lt = buf.indexOf(LT, p);
        if (lt < 0 || lt + 1 >= len) return p;
        const b1 = buf[lt + 1];
        if (b1 === BANG) {
          scanSpecial(buf, lt, len, this.file, this.part, this.special);
          if (this.special.end < 0) return p;
          this.textPrefix += decodeXmlText(buf.toString("utf8", p, lt));
          if (this.special.cdataStart >= 0) this.textPrefix += buf.toString("utf8", this.special.cdataStart, this.special.cdataEnd);
          p = this.special.end;
          continue;
        }
        // the text ends here (normally at </v> or </t>); the tag is then handled as markup
        this.endText(buf, p, lt);
        p = lt;
      }

      while (p < len && buf[p] !== LT) p++;
      if (p >= len) return len;
      const lt = p;
      if (lt + 1 >= len) return lt;
      const b1 = buf[lt + 1]!;

      if (b1 === 114 && this.row === null && this.fastPath && buf[lt + 2] === 111 && buf[lt + 3] === 119) { // <row
        const fast = this.fastRow(buf, lt, len);
        if (fast >= 0) {
          p = fast;
          continue;
        }
        // an unfinished row is carried over whole, unless it is very long: then the generic
        // path below parses it incrementally
        if (fast === -1 && len - lt < FAST_ROW_MAX_CARRY) return lt;
      }

      if (b1 === SLASH) {
        let q = lt + 2;
        let nameStart = q;
        while (q < len) {
          const b = buf[q]!;
          if (b === GT || b <= 32) break;
          if (b === 58) nameStart = q + 1;
          q++;
        }
        if (q >= len) return lt;
        const nameEnd = q;
        const gt = buf[q] === GT ? q : buf.indexOf(GT, q);
        if (gt < 0) return lt;
        p = gt + 1;
        const n = nameEnd - nameStart;
        const c0 = buf[nameStart];
        if (n === 1) {
          if (c0 === 99) this.endCell(); // </c>
        } else if (n === 3) {
          if (c0 === 114 && buf[nameStart + 1] === 111 && buf[nameStart + 2] === 119) { // </row>
            this.endRow();
          } else if (c0 === 114 && buf[nameStart + 1] === 80) { // </rPh>
            if (this.rphDepth > 0) this.rphDepth--;
          }
        } else if (n === 2) {
          if (c0 === 105 && buf[nameStart + 1] === 115 && this.inIs) { // </is>
            this.inIs = false;
            this.cellValue = decodeXstring(this.inlineText);
            this.inlineText = "";
          }
        } else if (n === 9 && c0 === 115 && buf[nameStart + 5] === 68) { // </sheetData>
          if (this.row !== null) this.endRow();
          this.done = true;
          return len;
        }
        continue;
      }

      if (b1 === BANG || b1 === QMARK) {
        scanSpecial(buf, lt, len, this.file, this.part, this.special);
        if (this.special.end < 0) return lt;
        p = this.special.end;
        continue;
      }

      // opening tag
      let q = lt + 1;
      let nameStart = q;
      while (q < len) {
        const b = buf[q]!;
        if (b <= 32 || b === GT || b === SLASH) break;
        if (b === 58) nameStart = q + 1;
        q++;
      }
      if (q >= len) return lt;
      const n = q - nameStart;
      const c0 = buf[nameStart];

      if (n === 1 && c0 === 99) { // <c>
        if (nameStart === lt + 1 && !this.inCell && this.fastPath) {
          const fast = this.fastCell(buf, lt, len);
          if (fast >= 0) {
            p = fast;
            continue;
          }
          if (fast === -1 && len - lt < FAST_ROW_MAX_CARRY) return lt;
        }
        const end = this.scanAttributes(buf, q, len);
        if (end < 0) return lt;
        p = end;
        this.startCell(buf);
        continue;
      }
      if (n === 1 && c0 === 118) { // <v>
        const gt = buf[q] === GT ? q : findTagEnd(buf, q, len);
        if (gt < 0) return lt;
        p = gt + 1;
        if (buf[gt - 1] !== SLASH && this.inCell) {
          this.mode = MODE_V;
          this.textPrefix = "";
        }
        continue;
      }
      if (n === 3 && c0 === 114 && buf[nameStart + 1] === 111 && buf[nameStart + 2] === 119) { // <row>
        const end = this.scanAttributes(buf, q, len);
        if (end < 0) return lt;
        p = end;
        this.startRow(buf);
        continue;
      }
      // any other element: skip its tag
      const gt = findTagEnd(buf, q, len);
      if (gt < 0) return lt;
      p = gt + 1;
      const selfClose = buf[gt - 1] === SLASH;
      if (n === 1 && c0 === 116) { // <t> inside <is>, outside phonetic runs
        if (this.inIs && this.rphDepth === 0 && !selfClose) {
          this.mode = MODE_T;
          this.textPrefix = "";
        }
      } else if (n === 2 && c0 === 105 && buf[nameStart + 1] === 115) { // <is>
        if (this.inCell && !selfClose) {
          this.inIs = true;
          this.rphDepth = 0;
          this.inlineText = "";
        } else if (this.inCell) {
          this.cellValue = "";
        }
      } else if (n === 3 && c0 === 114 && buf[nameStart + 1] === 80 && buf[nameStart + 2] === 104) { // <rPh>
        if (!selfClose && this.inIs) this.rphDepth++;
      } else if (n === 9 && c0 === 115 && buf[nameStart + 5] === 68 && selfClose) { // <sheetData/>
        this.done = true;
        return len;
      }
    }
  }

  /**
   * Scans the attributes of <c> or <row> from q (just after the element name) to the end of the
   * tag. Records r, s, t and whether the tag self-closes. Returns the position after '>' or -1.
   */
  private scanAttributes(buf: Buffer, start: number, len: number): number {
    let q = start;
    this.aRefStart = -1;
    this.aStyle = 0;
    this.aType = T_NUMBER;
    for (;;) {
      while (q < len && buf[q]! <= 32) q++;
      if (q >= len) return -1;
      const b = buf[q]!;
      if (b === GT) {
        this.aSelfClose = false;
        return q + 1;
      }
      if (b === SLASH) {
        if (q + 1 >= len) return -1;
        if (buf[q + 1] !== GT) this.fail("malformed tag (stray '/')");
        this.aSelfClose = true;
        return q + 2;
      }
      const an = q;
      let prefixed = false;
      while (q < len) {
        const c = buf[q]!;
        if (c === EQ || c <= 32 || c === GT || c === SLASH) break;
        if (c === 58) prefixed = true;
        q++;
      }
      const anEnd = q;
      while (q < len && buf[q]! <= 32) q++;
      if (q >= len) return -1;
      if (buf[q] !== EQ) this.fail("malformed attribute (missing '=')");
      q++;
      while (q < len && buf[q]! <= 32) q++;
      if (q >= len) return -1;
      const quote = buf[q];
      if (quote !== DQUOTE && quote !== SQUOTE) this.fail("malformed attribute (unquoted value)");
      const vs = q + 1;
      let ve = vs;
      while (ve < len && buf[ve] !== quote) ve++;
      if (ve >= len) return -1;
      q = ve + 1;
      if (prefixed || anEnd - an !== 1) continue;
      const a = buf[an];
      if (a === 114) { // r
        this.aRefStart = vs;
        this.aRefEnd = ve;
      } else if (a === 115) { // s
        const s = parseUint(buf, vs, ve);
        this.aStyle = s < 0 ? 0 : s;
      } else if (a === 116) { // t
        this.aType = this.classifyType(buf, vs, ve);
      }
    }
  }

  /**
   * Fast path for a whole <row>…</row> (no namespace prefixes) whose cells have the common shapes:
   *   <c …/>,  <c …>[<f…>…</f> | <f…/>][<v>text</v>]</c>,  <c … t="inlineStr"><is><t…>text</t></is></c>
   * Returns the position after the row, -1 when the buffer ends inside the row, or -2 for any
   * other shape; in both failure cases nothing has been changed and the caller retries from `lt`.
   */
  private fastRow(buf: Buffer, lt: number, len: number): number {
    let q = lt + 4;
    if (q >= len) return -1;
    let b = buf[q]!;
    if (!(b <= 32 || b === GT || b === SLASH)) return -2;
    // row attributes: only r matters
    let rowNumber = -1;
    let rowDigits = -1; // cell references in this row usually end with the same digits
    let selfClose = false;
    for (;;) {
      if (q >= len) return -1;
      b = buf[q]!;
      if (b <= 32) {
        q++;
        continue;
      }
      if (b === GT) {
        q++;
        break;
      }
      if (b === SLASH) {
        if (q + 1 >= len) return -1;
        if (buf[q + 1] !== GT) return -2;
        q += 2;
        selfClose = true;
        break;
      }
      const nameStart = q;
      while (q < len && buf[q] !== EQ && buf[q]! > 32) q++;
      if (q + 1 >= len) return -1;
      if (buf[q] !== EQ || buf[q + 1] !== DQUOTE) return -2;
      const single = q - nameStart === 1 && buf[nameStart] === 114;
      q += 2;
      const vs = q;
      while (q < len && buf[q] !== DQUOTE) q++;
      if (q >= len) return -1;
      if (single) {
        rowNumber = parseUint(buf, vs, q);
        rowDigits = q - vs;
      }
      q++;
    }
    const cells: FastCell[] = [];
    if (!selfClose) {
      const sst = this.sst;
      const dateStyles = this.dateStyles;
      let lastCol = -1;
      for (;;) {
        while (q < len && buf[q]! <= 32) q++;
        if (q + 3 >= len) return -1;
        if (buf[q] !== LT) return -2;
        b = buf[q + 1]!;
        if (b === SLASH) {
          if (q + 5 >= len) return -1;
          if (buf[q + 2] !== 114 || buf[q + 3] !== 111 || buf[q + 4] !== 119 || buf[q + 5] !== GT) return -2;
          q += 6;
          break;
        }
        if (b !== 99) return -2;
        b = buf[q + 2]!;
        if (!(b === 32 || b === GT || b === SLASH)) return -2;
        // <c attributes>
        q += 2;
        let col = lastCol + 1;
        let style = 0;
        let type = T_NUMBER;
        let cellSelfClose = false;
        for (;;) {
          if (q + 2 >= len) return -1;
          b = buf[q]!;
          if (b === 32) {
            q++;
            continue;
          }
          if (b === GT) {
            q++;
            break;
          }
          if (b === SLASH) {
            if (buf[q + 1] !== GT) return -2;
            q += 2;
            cellSelfClose = true;
            break;
          }
          if (buf[q + 1] === EQ && buf[q + 2] === DQUOTE) {
            q += 3;
            if (b === 114) { // r="AB12"
              let c = 0;
              for (;;) {
                if (q >= len) return -1;
                const x = buf[q]!;
                if (x >= 65 && x <= 90) c = c * 26 + (x - 64);
                else if (x >= 97 && x <= 122) c = c * 26 + (x - 96);
                else break;
                if (c > MAX_COLUMNS) return -2;
                q++;
              }
              if (c === 0) return -2;
              col = c - 1;
              if (rowDigits > 0 && q + rowDigits < len && buf[q + rowDigits] === DQUOTE) q += rowDigits;
            } else if (b === 115) { // s="N"
              let v = 0;
              for (;;) {
                if (q >= len) return -1;
                const d = buf[q]! - 48;
                if (d < 0 || d > 9) break;
                v = v * 10 + d;
                q++;
              }
              style = v;
            } else if (b === 116) { // t="…"
              if (buf[q] === 115 && buf[q + 1] === DQUOTE) {
                type = T_SHARED;
                q++;
              } else {
                const vs = q;
                while (q < len && buf[q] !== DQUOTE) q++;
                if (q >= len) return -1;
                type = this.classifyType(buf, vs, q);
              }
            }
            while (q < len && buf[q] !== DQUOTE) q++;
            if (q >= len) return -1;
            q++;
          } else {
            // another attribute (cm, vm, ph, prefixed ones): skip name="value"
            while (q < len && buf[q] !== EQ && buf[q]! > 32) q++;
            if (q + 1 >= len) return -1;
            if (buf[q] !== EQ || buf[q + 1] !== DQUOTE) return -2;
            q += 2;
            while (q < len && buf[q] !== DQUOTE) q++;
            if (q >= len) return -1;
            q++;
          }
        }
        if (col <= lastCol && col < cells.length) return -2; // out-of-order cells: generic path
        lastCol = col;
        if (cellSelfClose) continue;
        let value: FastCell = null;
        if (q + 3 >= len) return -1;
        if (buf[q] !== LT) return -2;
        b = buf[q + 1]!;
        if (b === 102) { // <f …>…</f> or <f …/>
          const b2 = buf[q + 2]!;
          if (!(b2 === GT || b2 === SLASH || b2 <= 32)) return -2;
          const gt = findTagEnd(buf, q + 2, len);
          if (gt < 0) return -1;
          if (buf[gt - 1] === SLASH) {
            q = gt + 1;
          } else {
            let r = gt + 1;
            while (r < len && buf[r] !== LT) r++;
            if (r + 3 >= len) return -1;
            if (buf[r + 1] !== SLASH || buf[r + 2] !== 102 || buf[r + 3] !== GT) return -2;
            q = r + 4;
          }
          if (q + 3 >= len) return -1;
          if (buf[q] !== LT) return -2;
          b = buf[q + 1]!;
        }
        if (b === 118) { // <v>
          if (buf[q + 2] !== GT) return -2;
          const vs = q + 3;
          let r = vs;
          if (type === T_SHARED) {
            let idx = 0;
            for (;;) {
              if (r >= len) return -1;
              const d = buf[r]! - 48;
              if (d < 0 || d > 9) break;
              idx = idx * 10 + d;
              r++;
            }
            if (r === vs || buf[r] !== LT) return -2;
            const str = sst[idx];
            if (str === undefined) this.fail(`shared string index ${idx} out of range (table has ${sst.length})`);
            value = str;
          } else if (type === T_NUMBER) {
            // digits with an optional sign and fraction, parsed while scanning
            let neg = false;
            if (r < len && buf[r] === 45) {
              neg = true;
              r++;
            }
            let m = 0;
            let digits = 0;
            let frac = -1;
            for (;;) {
              if (r >= len) return -1;
              const x = buf[r]!;
              if (x >= 48 && x <= 57) {
                m = m * 10 + (x - 48);
                digits++;
              } else if (x === 46 && frac < 0) {
                frac = r;
              } else {
                break;
              }
              r++;
            }
            if (buf[r] === LT && digits > 0 && digits <= 15) {
              const k = frac < 0 ? 0 : r - frac - 1;
              const v = k === 0 ? m : m / POW10[k]!;
              value = neg ? -v : v;
            } else {
              while (r < len && buf[r] !== LT) r++;
              if (r >= len) return -1;
              value = r === vs ? null : parseNumber(buf, vs, r);
              if (typeof value === "number" && Number.isNaN(value)) value = decodeXmlText(buf.toString("utf8", vs, r));
            }
            if (value !== null && dateStyles !== null && dateStyles[style] === 1 && typeof value === "number") {
              value = serialToDate(value, this.date1904);
            }
          } else {
            while (r < len && buf[r] !== LT) r++;
            if (r >= len) return -1;
            this.cellType = type;
            this.cellStyle = style;
            value = this.convert(buf, vs, r);
          }
          if (r + 3 >= len) return -1;
          if (buf[r + 1] !== SLASH || buf[r + 2] !== 118 || buf[r + 3] !== GT) return -2;
          q = r + 4;
        } else if (b === 105 && type === T_INLINE) { // <is><t…>text</t></is>
          if (q + 6 >= len) return -1;
          if (buf[q + 2] !== 115 || buf[q + 3] !== GT || buf[q + 4] !== LT || buf[q + 5] !== 116) return -2;
          const b6 = buf[q + 6]!;
          if (!(b6 === GT || b6 === 32)) return -2;
          const gt = findTagEnd(buf, q + 6, len);
          if (gt < 0) return -1;
          if (buf[gt - 1] === SLASH) return -2;
          const vs = gt + 1;
          let r = vs;
          while (r < len && buf[r] !== LT) r++;
          if (r + 8 >= len) return -1;
          if (buf[r + 1] !== SLASH || buf[r + 2] !== 116 || buf[r + 3] !== GT || buf[r + 4] !== LT ||
              buf[r + 5] !== SLASH || buf[r + 6] !== 105 || buf[r + 7] !== 115 || buf[r + 8] !== GT) return -2;
          value = decodeXstring(decodeXmlText(buf.toString("utf8", vs, r)));
          q = r + 9;
        } else if (b !== SLASH) {
          return -2;
        }
        if (q + 3 >= len) return -1;
        if (buf[q] !== LT || buf[q + 1] !== SLASH || buf[q + 2] !== 99 || buf[q + 3] !== GT) return -2; // </c>
        q += 4;
        if (value !== null) {
          while (cells.length < col) cells.push(null);
          if (cells.length === col) cells.push(value);
          else cells[col] = value;
        }
      }
    }
    const n = rowNumber > 0 ? rowNumber : this.lastRowNumber + 1;
    this.lastRowNumber = n;
    this.rowNumbers.push(n);
    this.rowCells.push(cells);
    this.stats.fastRows++;
    return q;
  }

  /**
   * Fast path for the common cell shapes, with no namespace prefix:
   *   <c …/>   and   <c …>[<f…>…</f> | <f…/>][<v>text</v>]</c>
   * Returns the position after the cell, -1 when the buffer ends inside the cell (the caller
   * carries from `lt`), or -2 for any other shape (the generic path then handles it from `lt`).
   * Nothing is changed before success, so bailing out is always safe.
   */
  private fastCell(buf: Buffer, lt: number, len: number): number {
    let q = lt + 2;
    let refStart = -1;
    let refEnd = -1;
    let style = 0;
    let type = T_NUMBER;
    let selfClose = false;
    for (;;) {
      if (q >= len) return -1;
      const b = buf[q]!;
      if (b <= 32) {
        q++;
        continue;
      }
      if (b === GT) {
        q++;
        break;
      }
      if (b === SLASH) {
        if (q + 1 >= len) return -1;
        if (buf[q + 1] !== GT) return -2;
        q += 2;
        selfClose = true;
        break;
      }
      if (q + 2 >= len) return -1;
      if (buf[q + 1] === EQ) {
        const quote = buf[q + 2];
        if (quote !== DQUOTE && quote !== SQUOTE) return -2;
        const vs = q + 3;
        let ve = vs;
        while (ve < len && buf[ve] !== quote) ve++;
        if (ve >= len) return -1;
        if (b === 114) { // r
          refStart = vs;
          refEnd = ve;
        } else if (b === 115) { // s
          style = parseUint(buf, vs, ve);
          if (style < 0) style = 0;
        } else if (b === 116) { // t
          type = this.classifyType(buf, vs, ve);
          if (type === T_INLINE) return -2;
        }
        q = ve + 1;
      } else {
        // a longer attribute name (e.g. cm, vm, ph, x14ac:…): skip name="value"
        while (q < len && buf[q] !== EQ && buf[q]! > 32) q++;
        if (q + 1 >= len) return -1;
        if (buf[q] !== EQ) return -2;
        const quote = buf[q + 1];
        if (quote !== DQUOTE && quote !== SQUOTE) return -2;
        q += 2;
        while (q < len && buf[q] !== quote) q++;
        if (q >= len) return -1;
        q++;
      }
    }
    let value: FastCell = null;
    if (!selfClose) {
      if (q + 3 >= len) return -1;
      if (buf[q] !== LT) return -2;
      if (buf[q + 1] === 102) { // <f …> … </f> or <f …/>
        const b2 = buf[q + 2]!;
        if (!(b2 === GT || b2 === SLASH || b2 <= 32)) return -2;
        const gt = findTagEnd(buf, q + 2, len);
        if (gt < 0) return -1;
        if (buf[gt - 1] === SLASH) {
          q = gt + 1;
        } else {
          let r = gt + 1;
          while (r < len && buf[r] !== LT) r++;
          if (r + 3 >= len) return -1;
          if (buf[r + 1] !== SLASH || buf[r + 2] !== 102 || buf[r + 3] !== GT) return -2;
          q = r + 4;
        }
        if (q + 3 >= len) return -1;
        if (buf[q] !== LT) return -2;
      }
      if (buf[q + 1] === 118 && buf[q + 2] === GT) { // <v>
        const vs = q + 3;
        let r = vs;
        while (r < len && buf[r] !== LT) r++;
        if (r + 3 >= len) return -1;
        if (buf[r + 1] !== SLASH || buf[r + 2] !== 118 || buf[r + 3] !== GT) return -2;
        this.cellType = type;
        this.cellStyle = style;
        value = this.convert(buf, vs, r);
        q = r + 4;
        if (q + 3 >= len) return -1;
      }
      if (buf[q] !== LT || buf[q + 1] !== SLASH || buf[q + 2] !== 99 || buf[q + 3] !== GT) return -2; // </c>
      q += 4;
    }
    // commit
    let col = this.lastCol + 1;
    if (refStart >= 0) {
      let c = 0;
      for (let i = refStart; i < refEnd; i++) {
        const b = buf[i]!;
        if (b >= 65 && b <= 90) c = c * 26 + (b - 64);
        else if (b >= 97 && b <= 122) c = c * 26 + (b - 96);
        else break;
        if (c > MAX_COLUMNS) break;
      }
      if (c === 0 || c > MAX_COLUMNS) this.fail(`bad cell reference r="${buf.toString("latin1", refStart, refEnd)}"`);
      col = c - 1;
    }
    if (col >= MAX_COLUMNS) this.fail("more than 16384 columns in a row");
    this.lastCol = col;
    const row = this.row;
    if (value !== null && row !== null) {
      while (row.length < col) row.push(null);
      if (row.length === col) row.push(value);
      else row[col] = value;
    }
    return q;
  }

  private classifyType(buf: Buffer, s: number, e: number): number {
    const n = e - s;
    const c0 = buf[s];
    if (n === 1) {
      if (c0 === 115) return T_SHARED; // s
      if (c0 === 110) return T_NUMBER; // n
      if (c0 === 98) return T_BOOL; // b
      if (c0 === 101) return T_ERROR; // e
      if (c0 === 100) return T_DATE; // d
    } else if (n === 3 && c0 === 115) {
      return T_STR; // str
    } else if (n === 9 && c0 === 105) {
      return T_INLINE; // inlineStr
    }
    this.fail(`unknown cell type t="${buf.toString("latin1", s, e)}"`);
  }

  private startRow(buf: Buffer): void {
    if (this.row !== null) this.endRow(); // tolerate a missing </row>
    let r = -1;
    if (this.aRefStart >= 0) {
      r = parseUint(buf, this.aRefStart, this.aRefEnd);
    }
    this.rowNumber = r > 0 ? r : this.lastRowNumber + 1;
    this.lastRowNumber = this.rowNumber;
    this.row = [];
    this.lastCol = -1;
    if (this.aSelfClose) this.endRow();
  }

  private endRow(): void {
    if (this.row === null) return;
    if (this.inCell) this.endCell();
    this.rowNumbers.push(this.rowNumber);
    this.rowCells.push(this.row);
    this.stats.genericRows++;
    this.row = null;
  }

  private startCell(buf: Buffer): void {
    if (this.inCell) this.endCell();
    let col = this.lastCol + 1;
    if (this.aRefStart >= 0) {
      let c = 0;
      let i = this.aRefStart;
      for (; i < this.aRefEnd; i++) {
        const b = buf[i]!;
        if (b >= 65 && b <= 90) c = c * 26 + (b - 64);
        else if (b >= 97 && b <= 122) c = c * 26 + (b - 96);
        else break;
        if (c > MAX_COLUMNS) break;
      }
      if (c === 0 || c > MAX_COLUMNS) this.fail(`bad cell reference r="${buf.toString("latin1", this.aRefStart, this.aRefEnd)}"`);
      col = c - 1;
    }
    if (col >= MAX_COLUMNS) this.fail("more than 16384 columns in a row");
    this.col = col;
    this.lastCol = col;
    this.cellType = this.aType;
    this.cellStyle = this.aStyle;
    this.cellValue = null;
    this.inIs = false;
    this.inCell = !this.aSelfClose;
  }

  private endCell(): void {
    if (!this.inCell) return;
    this.inCell = false;
    this.inIs = false;
    const value = this.cellValue;
    const row = this.row;
    if (value === null || row === null) return;
    const col = this.col;
    while (row.length < col) row.push(null);
    if (row.length === col) row.push(value);
    else row[col] = value;
  }

  /** Text of <v> or <t> ends at `lt`. */
  private endText(buf: Buffer, s: number, lt: number): void {
    const mode = this.mode;
    this.mode = MODE_MARKUP;
    if (mode === MODE_T) {
      this.inlineText += this.textPrefix + decodeXmlText(buf.toString("utf8", s, lt));
      return;
    }
    if (this.textPrefix !== "") {
      // rare: CDATA or a comment inside <v>; convert from the assembled string
      const text = this.textPrefix + decodeXmlText(buf.toString("utf8", s, lt));
      const tmp = Buffer.from(text, "utf8");
      this.cellValue = this.convert(tmp, 0, tmp.length);
      return;
    }
    this.cellValue = this.convert(buf, s, lt);
  }

  private convert(buf: Buffer, s: number, e: number): FastCell {
    switch (this.cellType) {
      case T_SHARED: {
        let idx = parseUint(buf, s, e);
        if (idx < 0) {
          const text = buf.toString("latin1", s, e).trim();
          if (text === "") return null;
          if (!/^\d+$/.test(text)) this.fail(`bad shared string index "${text.slice(0, 40)}"`);
          idx = Number(text);
        }
        const str = this.sst[idx];
        if (str === undefined) this.fail(`shared string index ${idx} out of range (table has ${this.sst.length})`);
        return str;
      }
      case T_NUMBER: {
        if (s === e) return null;
        const v = parseNumber(buf, s, e);
        if (Number.isNaN(v)) return decodeXmlText(buf.toString("utf8", s, e));
        if (this.dateStyles !== null && this.dateStyles[this.cellStyle] === 1) return serialToDate(v, this.date1904);
        return v;
      }
      case T_BOOL: {
        const c0 = buf[s];
        if (s === e) return null;
        return c0 === 49 || c0 === 116; // "1" or "true"
      }
      case T_ERROR:
        return null;
      case T_DATE: {
        const text = buf.toString("latin1", s, e).trim();
        if (text === "") return null;
        // ISO 8601 without a zone designator is wall-clock time: keep it as UTC like serial dates
        const iso = /(Z|[+-]\d\d:?\d\d)$/.test(text) || !text.includes("T") ? text : `${text}Z`;
        const d = new Date(iso.includes("T") ? iso : `${iso}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? text : d;
      }
      default: // T_STR, T_INLINE given as <v>
        return decodeXstring(decodeXmlText(buf.toString("utf8", s, e)));
    }
  }
}

/** Finds a <mergeCell> element (with or without a namespace prefix) in streamed sheet XML. */
export class MergeDetector {
  found = false;
  private tail: Buffer | null = null;
  private first = true;
  private readonly file: string;
  private readonly part: string;

  constructor(file: string, part: string) {
    this.file = file;
    this.part = part;
  }

  feed(chunk: Buffer): void {
    if (this.found) return;
    if (this.first) {
      this.first = false;
      checkBom(chunk, this.file, this.part);
      const head = chunk.toString("latin1", 0, Math.min(chunk.length, 1 << 16));
      if (head.includes("<!DOCTYPE") || head.includes("<!ENTITY")) {
        throw formatError(this.file, `part ${this.part} contains a dtd or entity declaration (<!doctype>/<!entity>), which is not allowed`);
      }
    }
    // a match split between chunks is found in the seam: the end of the last chunk + the start of this one
    if (this.tail !== null && search(Buffer.concat([this.tail, chunk.subarray(0, SEAM)]))) {
      this.found = true;
      return;
    }
    if (search(chunk)) {
      this.found = true;
      return;
    }
    // keep the last SEAM bytes of the stream (chunks may be shorter than that)
    const last = chunk.length >= SEAM || this.tail === null ? chunk : Buffer.concat([this.tail, chunk]);
    this.tail = Buffer.from(last.subarray(Math.max(0, last.length - SEAM)));
  }
}

const SEAM = 96;

/** True when buf holds `<mergeCell` or `<prefix:mergeCell` followed by whitespace, '/' or '>'. */
function search(buf: Buffer): boolean {
  let i = buf.indexOf("mergeCell", 0, "latin1");
  while (i >= 0) {
    const after = i + 9;
    if (after >= buf.length) return false;
    const next = buf[after]!;
    if (next <= 32 || next === SLASH || next === GT) {
      let k = i - 1;
      if (k >= 0 && buf[k] === 58) { // namespace prefix
        k--;
        while (k >= 0 && buf[k] !== LT && buf[k]! > 32 && buf[k] !== GT) k--;
      }
      if (k >= 0 && buf[k] === LT) return true;
    }
    i = buf.indexOf("mergeCell", after, "latin1");
  }
  return false;
}
