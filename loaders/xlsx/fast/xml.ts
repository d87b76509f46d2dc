// Small XML helpers shared by the fast reader. No DTD processing: documents that carry a
// DOCTYPE or ENTITY declaration are rejected outright.

import {formatError} from "./errors.ts";

const ENTITY_RE = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const XSTRING_RE = /_x([0-9A-Fa-f]{4})_/g;

function entityReplacement(match: string, body: string): string {
  switch (body) {
    case "amp": return "&";
    case "lt": return "<";
    case "gt": return ">";
    case "quot": return "\"";
    case "apos": return "'";
    default: {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return match;
      return String.fromCodePoint(code);
    }
  }
}

/** Decodes XML character data: end-of-line normalisation, predefined and numeric entities. */
export function decodeXmlText(raw: string): string {
  let s = raw;
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  if (s.indexOf("&") >= 0) s = s.replace(ENTITY_RE, entityReplacement);
  return s;
}

/** Decodes the OOXML ST_Xstring escape `_xHHHH_` (e.g. `_x000D_` for a carriage return). */
export function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(XSTRING_RE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Throws when an XML document (or its first bytes) declares a DTD or entities. */
export function assertNoDtd(text: string, file: string, part: string): void {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw formatError(file, `part ${part} contains a dtd or entity declaration (<!doctype>/<!entity>), which is not allowed`);
  }
}

export interface XmlTag {
  /** Local name (namespace prefix removed). */
  name: string;
  /** Attributes keyed by their qualified name as written (e.g. "r:id"); values entity-decoded. */
  attrs: Record<string, string>;
  close: boolean;
  selfClose: boolean;
}

const TAG_RE = /<(\/?)([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR_RE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Tokenises a small XML part (workbook, relationships, styles) into its tags. */
export function parseTags(text: string, file: string, part: string): XmlTag[] {
  assertNoDtd(text, file, part);
  const body = text.indexOf("<!--") >= 0 ? text.replace(/<!--[\s\S]*?-->/g, "") : text;
  const tags: XmlTag[] = [];
  for (const m of body.matchAll(TAG_RE)) {
    const qname = m[2]!;
    const colon = qname.indexOf(":");
    const attrs: Record<string, string> = {};
    const attrText = m[3];
    if (attrText) {
      for (const a of attrText.matchAll(ATTR_RE)) attrs[a[1]!] = decodeXmlText(a[2] ?? a[3] ?? "");
    }
    tags.push({name: colon >= 0 ? qname.slice(colon + 1) : qname, attrs, close: m[1] === "/", selfClose: m[4] === "/"});
  }
  return tags;
}

/** Attribute lookup by local name, ignoring any namespace prefix ("r:id" matches "id" with prefix). */
export function attrByLocalName(attrs: Record<string, string>, local: string, prefixed: boolean): string | undefined {
  for (const key of Object.keys(attrs)) {
    const colon = key.indexOf(":");
    if (prefixed ? colon >= 0 && key.slice(colon + 1) === local && !key.startsWith("xmlns") : key === local) return attrs[key];
  }
  return undefined;
}

/** Decodes a UTF-8 XML part to a string, rejecting UTF-16 (never written by spreadsheet tools). */
export function decodeUtf8Part(buf: Buffer, file: string, part: string): string {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw formatError(file, `part ${part} is utf-16 encoded, which is not supported`);
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return buf.toString("utf8", start);
}
