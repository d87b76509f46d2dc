import {cleanText} from "../normalise/text.ts";
import type {Cell} from "../normalise/values.ts";
import type {SheetLayout} from "./header.ts";
import type {RawRecord, RecordContext} from "./raw-record.ts";

const FOOTNOTE = /^(注|说明|备注|填表人|制表人|审核人|负责人|联系电话|填报日期|单位负责人)/;
const TOTAL = /^(合计|总计|小计|累计)$/;

/** What a recognised flat sheet says about its records: header texts, units, defaults. */
export function recordContext(sheet: string, layout: SheetLayout): RecordContext {
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
  return context;
}

/** Maps the data rows of a recognised flat sheet to raw records; totals, notes and blank rows give null. */
export function flatMapper(
  layout: SheetLayout, context: RecordContext
): (rowNumber: number, row: Cell[]) => RawRecord | null {
  const columns = [...layout.columns];
  const codeColumn = layout.columns.get("project_code") ?? layout.columns.get("unit_code");
  return (rowNumber, row) => {
    let filled = 0;
    let firstCell: Cell = null;
    for (const cell of row) {
      if (cell === null || (typeof cell === "string" && cell.trim() === "")) continue;
      if (filled++ === 0) firstCell = cell;
    }
    if (filled === 0) return null;
    if (filled <= 2) {
      const first = cleanText(firstCell instanceof Date ? firstCell.toISOString() : String(firstCell));
      if (first !== null && FOOTNOTE.test(first)) return null;
    }
    if (isTotalRow(row, codeColumn)) return null;
    const cells: Record<string, Cell> = {};
    for (const [field, index] of columns) cells[field] = row[index] ?? null;
    return {table: layout.spec.table, row: rowNumber, cells, context};
  };
}

const isTotal = (c: Cell | undefined): boolean => typeof c === "string" && TOTAL.test(c.replace(/\s/g, ""));

/** A 合计 row: no key code, and the word 合计 in one of the first few columns. */
function isTotalRow(row: Cell[], codeColumn: number | undefined): boolean {
  const code = codeColumn === undefined ? null : (row[codeColumn] ?? null);
  if (code !== null && !isTotal(code) && String(code).trim() !== "") return false;
  return row.slice(0, 4).some(isTotal);
}
