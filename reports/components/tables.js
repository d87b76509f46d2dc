// Tables every exploration page can query with DuckDB-WASM, each from one Arrow file written by a
// data loader in ../data/. Add an entry here when a loader adds a table; FileAttachment needs a
// literal path, so each entry names its file itself.
import {FileAttachment} from "observablehq:stdlib";

export const TABLES = [
  {name: "imports", label: "导入记录（每次文件载入一行）", file: FileAttachment("../data/imports.arrow")}
];

/** Sources for `DuckDBClient.of`: {table name: FileAttachment}. */
export function tableSources(tables = TABLES) {
  return Object.fromEntries(tables.map(({name, file}) => [name, file]));
}
