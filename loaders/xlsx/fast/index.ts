// Fast streaming reader for large flat .xlsx sheets: zip central directory + Node zlib inflate +
// byte-level scan of the sheet XML. For forms with merged cells use the exceljs-based loader.
//
// Behaviour worth knowing (see test/xlsx-fast.test.ts for each case):
// - Values: shared/inline/str strings (rich-text runs joined, phonetic runs dropped, entities and
//   _xHHHH_ escapes decoded), numbers, booleans; error cells (t="e") and empty cells are null;
//   formula cells give their cached <v> (no cached value -> null). t="d" (ISO 8601) gives a Date.
// - Dates (options.dates): numbers whose cellXfs style has a date/time format (built-in 14-22,
//   27-36 and 50-58 (zh-CN), 45-47, or a custom code with y/m/d/h/s outside quotes/brackets)
//   become Dates holding the wall-clock time as UTC, like exceljs. 1900 system with the phantom
//   1900-02-29 (serials below 60 are shifted one day; 0.5 -> 1899-12-31T12:00Z, exceljs gives
//   1899-12-30T12:00Z for such time-only values), or 1904 when workbookPr date1904 is set.
// - Merged cells: the XML (and this reader) hold the value only in the top-left cell of a merged
//   range; exceljs's reader repeats the master value in every cell of the range.
// - Safety: inflated size cap (maxInflatedBytes, default 2 GiB, for the sheet and the shared
//   strings), compression ratio cap (1000:1), declared sizes and CRC-32 checked, no DTD/entity
//   processing, relationship targets confined to the package, zip64/encryption/other methods
//   rejected. Corrupt input throws XlsxFormatError; a missing file throws the usual ENOENT error.

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
 * With `options.merges`, `merged` says whether the sheet has merged cells: they follow the rows in the
 * XML, so this is known only once every row has been delivered.
 */
export function readSheetRows(
  file: string,
  sheet: string | number,
  onRow: (rowNumber: number, cells: FastCell[]) => void | Promise<void>,
  options?: ReadSheetOptions,
): Promise<{rows: number; merged?: boolean}> {
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
    const merges = options?.merges ? new MergeDetector(file, target.path) : null;
    for await (const chunk of zip.chunks(entry, {maxInflatedBytes})) {
      scanner.feed(chunk);
      merges?.feed(chunk);
      await deliver();
    }
    scanner.end();
    await deliver();
    return merges ? {rows, merged: merges.found} : {rows};
  });
}
