import type {Cell} from "../normalise/values.ts";
import type {TableName} from "./fields.ts";

/** What a sheet (flat or form) says about a block of records: header texts, units, defaults. */
export interface RecordContext {
  sheet: string;
  /** field → the header text as written, for reject reports. */
  header: Record<string, string>;
  /** field → amount unit (元, 万元 …). */
  unit: Record<string, string>;
  /** Fields whose header marks them as percentages. */
  percent: Set<string>;
  defaultYear: number | null;
  defaultMonth: number | null;
}

/** One record as read, before normalisation: cells by field name. */
export interface RawRecord {
  table: TableName;
  row: number;
  cells: Record<string, Cell>;
  context: RecordContext;
}
