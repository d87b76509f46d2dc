// Byte-level helpers for the streaming XML scanners (sheet and shared strings).
// All positions are indexes into a Buffer; -1 means "need more bytes".

import {formatError} from "./errors.ts";

export const LT = 60; // <
export const GT = 62; // >
export const SLASH = 47; // /
export const BANG = 33; // !
export const QMARK = 63; // ?
export const EQ = 61; // =
export const DQUOTE = 34;
export const SQUOTE = 39;

/** Largest single XML token (tag or text run) a scanner will buffer across chunks. */
export const MAX_TOKEN_BYTES = 32 * 1024 * 1024;

function startsWithAscii(buf: Buffer, p: number, len: number, ascii: string): number {
  // 1 = matches, 0 = does not match, -1 = not enough bytes to tell
  for (let i = 0; i < ascii.length; i++) {
    if (p + i >= len) return -1;
    if (buf[p + i] !== ascii.charCodeAt(i)) return 0;
  }
  return 1;
}

function indexOfAscii(buf: Buffer, needle: string, from: number, len: number): number {
  const i = buf.indexOf(needle, from, "latin1");
  return i >= 0 && i + needle.length <= len ? i : -1;
}

export interface SpecialResult {
  /** Position after the construct, or -1 when incomplete. */
  end: number;
  /** For CDATA sections: content range; otherwise -1. */
  cdataStart: number;
  cdataEnd: number;
}

/**
 * Handles a markup construct starting at `lt` with `<!` or `<?`: comments, CDATA sections and
 * processing instructions are skipped (CDATA content is reported); DTDs and entity declarations throw.
 */
export function scanSpecial(buf: Buffer, lt: number, len: number, file: string, part: string, out: SpecialResult): void {
  out.cdataStart = -1;
  out.cdataEnd = -1;
  if (buf[lt + 1] === QMARK) {
    const e = indexOfAscii(buf, "?>", lt + 2, len);
    out.end = e < 0 ? -1 : e + 2;
    return;
  }
  const isComment = startsWithAscii(buf, lt, len, "<!--");
  if (isComment === -1) { out.end = -1; return; }
  if (isComment === 1) {
    const e = indexOfAscii(buf, "-->", lt + 4, len);
    out.end = e < 0 ? -1 : e + 3;
    return;
  }
  const isCdata = startsWithAscii(buf, lt, len, "<![CDATA[");
  if (isCdata === -1) { out.end = -1; return; }
  if (isCdata === 1) {
    const e = indexOfAscii(buf, "]]>", lt + 9, len);
    if (e < 0) { out.end = -1; return; }
    out.cdataStart = lt + 9;
    out.cdataEnd = e;
    out.end = e + 3;
    return;
  }
  throw formatError(file, `part ${part} contains a dtd or entity declaration (<!doctype>/<!entity>), which is not allowed`);
}

/** Finds the `>` closing a tag whose attributes start at p, skipping quoted values; -1 if incomplete. */
export function findTagEnd(buf: Buffer, p: number, len: number): number {
  let q = p;
  while (q < len) {
    const b = buf[q]!;
    if (b === GT) return q;
    if (b === DQUOTE || b === SQUOTE) {
      q++;
      while (q < len && buf[q] !== b) q++;
      if (q >= len) return -1;
    }
    q++;
  }
  return -1;
}

/** Throws when the part starts with a UTF-16 byte order mark. Returns bytes to skip (UTF-8 BOM). */
export function checkBom(buf: Buffer, file: string, part: string): number {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw formatError(file, `part ${part} is utf-16 encoded, which is not supported`);
  }
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
}

/** Parses an unsigned decimal integer; returns -1 when the range holds anything else. */
export function parseUint(buf: Buffer, s: number, e: number): number {
  if (s >= e) return -1;
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
