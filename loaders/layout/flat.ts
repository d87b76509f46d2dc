import {cleanText} from "../normalise/text.ts";
import type {Cell} from "../normalise/values.ts";
import type {SheetLayout} from "./header.ts";
import type {RawRecord, RecordContext} from "./raw-record.ts";

const FOOTNOTE = /^(注|说明|备注|填表人|制表人|审核人|负责人|联系电话|填报日期|单位负责人)/;
const TOTAL = /^(合计|总计|小计|累计)$/;

/** The data rows of a recognised flat sheet as raw records; totals, notes and blank rows are skipped. */
export function flatRecords(sheet: string, rows: Cell[][], layout: SheetLayout): {records: RawRecord[]; skipped: number} {
  const context: RecordContext = {
    sheet,
    header: {},
    unit: {},
    percent: new Set(),
    defaultYear: layout.titleYear,
    defaultMonth: layout.headerMonth
  };
  for (const [field, index] of layout.columns) {
    const h = layout.headers[index]!;
    context.header[field] = h.text;
    context.unit[field] = h.unit ?? layout.sheetUnit;
    if (h.percent) context.percent.add(field);
  }
  const records: RawRecord[] = [];
  let skipped = 0;
  for (let r = layout.headerRow; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const texts = row.map((c) => (c === null ? null : cleanText(c instanceof Date ? c.toISOString() : String(c)))).filter((t) => t !== null);
    if (texts.length === 0) continue;
    if (texts.some((t) => TOTAL.test(t.replace(/\s/g, ""))) && texts.length <= row.length && isTotalRow(row, layout)) {
      skipped++;
      continue;
    }
    if (texts.length <= 2 && FOOTNOTE.test(texts[0]!)) {
      skipped++;
      continue;
    }
    const cells: Record<string, Cell> = {};
    for (const [field, index] of layout.columns) cells[field] = row[index] ?? null;
    records.push({table: layout.spec.table, row: r + 1, cells, context});
  }
  return {records, skipped};
}

/** A 合计 row: no key code, and the word 合计 in one of the first few columns. */
function isTotalRow(row: Cell[], layout: SheetLayout): boolean {
  const codeColumn = layout.columns.get("project_code") ?? layout.columns.get("unit_code");
  const code = codeColumn === undefined ? null : row[codeColumn];
  if (code !== null && code !== undefined && !TOTAL.test(String(code).replace(/\s/g, ""))) return false;
  return row.slice(0, 4).some((c) => typeof c === "string" && TOTAL.test(c.replace(/\s/g, "")));
}
