// Package structure: _rels/.rels -> workbook part -> its relationships -> sheets, shared strings, styles.

import {formatError} from "./errors.ts";
import type {FastSheetInfo} from "./types.ts";
import {attrByLocalName, decodeUtf8Part, parseTags} from "./xml.ts";
import type {ZipArchive} from "./zip.ts";

/** Cap for small structural parts (workbook, relationships, styles). */
export const SMALL_PART_MAX_BYTES = 256 * 1024 * 1024;

export interface WorkbookInfo {
  workbookPath: string;
  sheets: FastSheetInfo[];
  date1904: boolean;
  sharedStringsPath: string | undefined;
  stylesPath: string | undefined;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash >= 0 ? path.slice(0, slash + 1) : "";
}

function relsPathOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return `${path.slice(0, slash + 1)}_rels/${path.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against the source part's folder; never leaves the package. */
export function resolveTarget(file: string, sourcePath: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // keep the raw target
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(decoded) || decoded.startsWith("//") || decoded.includes("\\") || decoded.includes("\0")) {
    throw formatError(file, `relationship target ${JSON.stringify(target)} is not a path inside the package`);
  }
  const joined = decoded.startsWith("/") ? decoded.slice(1) : dirOf(sourcePath) + decoded;
  const out: string[] = [];
  for (const segment of joined.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length === 0) throw formatError(file, `relationship target ${JSON.stringify(target)} points outside the package`);
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return out.join("/");
}

export async function readSmallPart(zip: ZipArchive, path: string): Promise<string | undefined> {
  const entry = zip.get(path);
  if (!entry) return undefined;
  const buf = await zip.readAll(entry, {maxInflatedBytes: SMALL_PART_MAX_BYTES});
  return decodeUtf8Part(buf, zip.file, path);
}

async function readRelationships(zip: ZipArchive, sourcePath: string): Promise<Relationship[]> {
  const relsPath = relsPathOf(sourcePath);
  const text = await readSmallPart(zip, relsPath);
  if (text === undefined) return [];
  const rels: Relationship[] = [];
  for (const tag of parseTags(text, zip.file, relsPath)) {
    if (tag.close || tag.name !== "Relationship") continue;
    const id = tag.attrs["Id"];
    const type = tag.attrs["Type"] ?? "";
    const target = tag.attrs["Target"];
    if (id === undefined || target === undefined) continue;
    rels.push({id, type, target, external: (tag.attrs["TargetMode"] ?? "").toLowerCase() === "external"});
  }
  return rels;
}

function relType(rel: Relationship): string {
  const slash = rel.type.lastIndexOf("/");
  return slash >= 0 ? rel.type.slice(slash + 1) : rel.type;
}

export async function readWorkbookInfo(zip: ZipArchive): Promise<WorkbookInfo> {
  const file = zip.file;
  let workbookPath = "xl/workbook.xml";
  const rootRels = await readRelationships(zip, "");
  const officeDoc = rootRels.find(r => relType(r) === "officeDocument" && !r.external);
  if (officeDoc) workbookPath = resolveTarget(file, "", officeDoc.target);
  const workbookText = await readSmallPart(zip, workbookPath);
  if (workbookText === undefined) {
    throw formatError(file, `not an xlsx workbook (no ${workbookPath} in the zip)`);
  }
  const rels = await readRelationships(zip, workbookPath);
  const relById = new Map(rels.map(r => [r.id, r]));
  const sheets: FastSheetInfo[] = [];
  let date1904 = false;
  let inSheets = false;
  for (const tag of parseTags(workbookText, file, workbookPath)) {
    if (tag.name === "sheets") {
      inSheets = !tag.close && !tag.selfClose;
    } else if (tag.name === "workbookPr" && !tag.close) {
      const v = (tag.attrs["date1904"] ?? "").toLowerCase();
      date1904 = v === "1" || v === "true";
    } else if (tag.name === "sheet" && inSheets && !tag.close) {
      const name = tag.attrs["name"] ?? "";
      const rid = attrByLocalName(tag.attrs, "id", true);
      const rel = rid === undefined ? undefined : relById.get(rid);
      if (!rel) throw formatError(file, `sheet ${JSON.stringify(name)} has no relationship in ${relsPathOf(workbookPath)}`);
      if (rel.external) throw formatError(file, `sheet ${JSON.stringify(name)} points outside the package`);
      sheets.push({name, index: sheets.length, path: resolveTarget(file, workbookPath, rel.target)});
    }
  }
  const internal = rels.filter(r => !r.external);
  const sst = internal.find(r => relType(r) === "sharedStrings");
  const styles = internal.find(r => relType(r) === "styles");
  const workbookDir = dirOf(workbookPath);
  let sharedStringsPath = sst ? resolveTarget(file, workbookPath, sst.target) : undefined;
  if (sharedStringsPath === undefined && zip.has(`${workbookDir}sharedStrings.xml`)) sharedStringsPath = `${workbookDir}sharedStrings.xml`;
  let stylesPath = styles ? resolveTarget(file, workbookPath, styles.target) : undefined;
  if (stylesPath === undefined && zip.has(`${workbookDir}styles.xml`)) stylesPath = `${workbookDir}styles.xml`;
  return {workbookPath, sheets, date1904, sharedStringsPath, stylesPath};
}
