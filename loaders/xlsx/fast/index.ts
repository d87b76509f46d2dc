// Fast streaming reader for large flat .xlsx sheets: zip central directory + Node zlib inflate +
// byte-level scan of the sheet XML. For forms with merged cells use the exceljs-based loader.

import {formatError, XlsxFormatError} from "./errors.ts";
import {readSharedStrings} from "./shared-strings.ts";
import {MergeDetector, SheetScanner} from "./sheet-scanner.ts";
import {dateStylesFromXml} from "./styles.ts";
import type {FastCell, FastSheetInfo, ReadSheetOptions} from "./types.ts";
import {readSmallPart, readWorkbookInfo, type WorkbookInfo} from "./workbook.ts";
import {DEFAULT_MAX_INFLATED_BYTES, ZipArchive} from "./zip.ts";

export {XlsxFormatError};
export type {FastCell, FastSheetInfo, ReadSheetOptions};
export {DEFAULT_MAX_INFLATED_BYTES, MAX_COMPRESSION_RATIO} from "./zip.ts";
export {serialToDate} from "./sheet-scanner.ts";
export {isDateFormatCode} from "./styles.ts";

async function withZip<T>(file: string, fn: (zip: ZipArchive) => Promise<T>): Promise<T> {
  const zip = await ZipArchive.open(file);
  try {
    return await fn(zip);
  } finally {
    await zip.close().catch(() => undefined);
  }
}

function pickSheet(info: WorkbookInfo, sheet: string | number, file: string): FastSheetInfo {
  let found: FastSheetInfo | undefined;
  if (typeof sheet === "number") {
    found = Number.isInteger(sheet) ? info.sheets[sheet] : undefined;
  } else {
    found = info.sheets.find(s => s.name === sheet) ??
      info.sheets.find(s => s.name.toLowerCase() === sheet.toLowerCase());
  }
  if (!found) {
    const names = info.sheets.map(s => JSON.stringify(s.name)).join(", ");
    throw formatError(file, `sheet ${JSON.stringify(sheet)} not found (sheets, 0-based: ${names || "none"})`);
  }
  return found;
}

function maxBytes(options: ReadSheetOptions | undefined): number {
  const m = options?.maxInflatedBytes;
  if (m === undefined) return DEFAULT_MAX_INFLATED_BYTES;
  if (!(m > 0)) throw new RangeError("maxInflatedBytes must be a positive number");
  return m;
}

/** Sheets in workbook order; `index` is 0-based and is what a numeric `sheet` argument refers to. */
export function listSheets(file: string): Promise<FastSheetInfo[]> {
  return withZip(file, async zip => (await readWorkbookInfo(zip)).sheets);
}

/**
 * Streams rows in order. rowNumber is 1-based as in Excel (from the r attribute, or counted when r
 * is missing). cells is a dense array indexed by 0-based column, trimmed after the last non-empty
 * cell; empty cells are null. Every <row> element is reported, including rows with no values.
 * `sheet` is a sheet name or a 0-based index. When onRow returns a promise, reading waits for it.
 */
export function readSheetRows(
  file: string,
  sheet: string | number,
  onRow: (rowNumber: number, cells: FastCell[]) => void | Promise<void>,
  options?: ReadSheetOptions,
): Promise<{rows: number}> {
  const maxInflatedBytes = maxBytes(options);
  return withZip(file, async zip => {
    const info = await readWorkbookInfo(zip);
    const target = pickSheet(info, sheet, file);
    const entry = zip.get(target.path);
    if (!entry) throw formatError(file, `sheet ${JSON.stringify(target.name)} part ${target.path} is missing from the zip`);
    const sharedStrings = info.sharedStringsPath === undefined ? [] :
      await readSharedStrings(zip, info.sharedStringsPath, maxInflatedBytes);
    let dateStyles: Uint8Array | null = null;
    if (options?.dates) {
      const text = info.stylesPath === undefined ? undefined : await readSmallPart(zip, info.stylesPath);
      dateStyles = text === undefined ? new Uint8Array(0) : dateStylesFromXml(text, file, info.stylesPath!);
    }
    const scanner = new SheetScanner({file, part: target.path, sharedStrings, dateStyles, date1904: info.date1904});
    let rows = 0;
    const deliver = async (): Promise<void> => {
      const numbers = scanner.rowNumbers;
      const cells = scanner.rowCells;
      if (numbers.length === 0) return;
      scanner.takeRows();
      for (let i = 0; i < numbers.length; i++) {
        const result = onRow(numbers[i]!, cells[i]!);
        if (result !== undefined && typeof (result as Promise<void>).then === "function") await result;
      }
      rows += numbers.length;
    };
    for await (const chunk of zip.chunks(entry, {maxInflatedBytes})) {
      scanner.feed(chunk);
      await deliver();
    }
    scanner.end();
    await deliver();
    return {rows};
  });
}

/** True when the sheet has merged cells (<mergeCell> inside <mergeCells>). Streams the whole part. */
export function sheetHasMerges(file: string, sheet: string | number): Promise<boolean> {
  return withZip(file, async zip => {
    const info = await readWorkbookInfo(zip);
    const target = pickSheet(info, sheet, file);
    const entry = zip.get(target.path);
    if (!entry) throw formatError(file, `sheet ${JSON.stringify(target.name)} part ${target.path} is missing from the zip`);
    const detector = new MergeDetector(file, target.path);
    for await (const chunk of zip.chunks(entry, {maxInflatedBytes: DEFAULT_MAX_INFLATED_BYTES})) {
      detector.feed(chunk);
      if (detector.found) return true;
    }
    return false;
  });
}
