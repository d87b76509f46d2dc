// apache-arrow (≥ 15) reads Date and Timestamp columns as epoch milliseconds; charts and tables want
// Date objects. arrowRows turns an Arrow table (or a DuckDBClient result) into plain row objects.

// apache-arrow's Type enum: Date = 8, Timestamp = 10 (fields read from IPC carry these base ids).
const DATE_TYPE_IDS = new Set([8, 10]);

/** Names of the date/timestamp columns of an Arrow table; [] for anything without an Arrow schema. */
export function dateColumns(table) {
  const fields = table?.schema?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter((f) => DATE_TYPE_IDS.has(f.type?.typeId)).map((f) => f.name);
}

/** Plain objects, one per row, with date/timestamp columns as Date (null stays null). */
export function arrowRows(table) {
  const dates = dateColumns(table);
  const rows = typeof table?.toArray === "function" ? table.toArray() : Array.from(table ?? []);
  return rows.map((row) => {
    const out = typeof row?.toJSON === "function" ? row.toJSON() : {...row};
    for (const name of dates) if (out[name] != null) out[name] = new Date(out[name]);
    return out;
  });
}

/** Column names of an Arrow table or of an array of row objects. */
export function columnNames(table) {
  const fields = table?.schema?.fields;
  if (Array.isArray(fields)) return fields.map((f) => f.name);
  const first = Array.from(table ?? [])[0];
  return first ? Object.keys(first) : [];
}
