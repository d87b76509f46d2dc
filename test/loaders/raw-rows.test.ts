// RawRows (loaders/bulk/rows.ts) encodes raw sheet rows as TSV for DuckDB's CSV reader: every row it
// takes must read back cell for cell as the text TypeScript sees, and every row it cannot write so must
// be refused (TypeScript then maps it).
import {afterEach, describe, expect, it} from "vitest";
import {RawRows} from "../../loaders/bulk/rows.ts";
import {Database} from "../../src/db/database.ts";
import type {Cell} from "../../loaders/normalise/values.ts";

const WIDTH = 6;

async function roundTrip(db: Database, rows: Cell[][]): Promise<{taken: boolean[]; back: Map<number, (string | null)[]>}> {
  const raw = new RawRows(WIDTH);
  const taken = rows.map((cells, i) => raw.add(i + 1, cells));
  await raw.appendTo(db, "raw_rows_test");
  const back = new Map<number, (string | null)[]>();
  for (const r of await db.all("SELECT * FROM raw_rows_test ORDER BY _row")) {
    back.set(Number(r._row), Array.from({length: WIDTH}, (_, i) => (r[`c${i}`] as string | null) ?? null));
  }
  return {taken, back};
}

/** The text TypeScript sees for a cell the bulk path takes, padded to the table's width. */
const expected = (cells: Cell[]) => Array.from({length: WIDTH}, (_, i) => (cells[i] === null || cells[i] === undefined ? null : String(cells[i])));

describe("raw rows for the bulk normaliser", () => {
  let db: Database | null = null;
  afterEach(() => {
    db?.close();
    db = null;
  });

  it("reads back every row it takes exactly, in any script, quoted where need be", async () => {
    db = await Database.open(":memory:");
    const rows: Cell[][] = [
      ["2024", "P001", "产出指标", "≥95%", 12.5, null],
      ["ASCII only", "ü é ñ ß", "表情😀指标", "𠀀扩展B区", "\u00a0不间断空格", "\u3000全角空格"],
      ['含"引号"', "含\t制表符", "含\n换行", "含\r\n回车换行", '"', '😀"与\t'],
      [0, -0, 0.000001, 123456789.125, -42, 1e20],
      [null, null, "只有一格"],
      ["a".repeat(70_000), "长".repeat(40_000)]
    ];
    // Enough rows to fill the buffer several times over.
    for (let i = 0; i < 30_000; i++) rows.push([`${i}`, `项目${i}`, i % 7 === 0 ? '带"引号' : "≤3天", i * 0.5, null, "末列"]);
    const {taken, back} = await roundTrip(db, rows);
    expect(taken.every(Boolean)).toBe(true);
    expect(back.size).toBe(rows.length);
    rows.forEach((cells, i) => expect(back.get(i + 1), `row ${i + 1}`).toEqual(expected(cells)));
  });

  it("refuses the rows whose cells would not read back as themselves, and keeps the others", async () => {
    db = await Database.open(":memory:");
    const refused: Cell[][] = [
      ["孤\ud800代理"], ['引"号与孤\udc00代理'], ["反序\udc00\ud800"], [""], [1e21], [1e-7], [true], [new Date(Date.UTC(2024, 5, 30))],
      Array.from({length: WIDTH + 1}, () => "宽")
    ];
    const rows: Cell[][] = [];
    refused.forEach((cells) => rows.push(["前一行", "好"], cells));
    rows.push(["最后", "好"]);
    const {taken, back} = await roundTrip(db, rows);
    rows.forEach((cells, i) => expect(taken[i], JSON.stringify(cells)).toBe(i % 2 === 0));
    expect([...back.keys()]).toEqual(rows.map((_, i) => i + 1).filter((n) => n % 2 === 1));
    for (const [row, cells] of back) expect(cells).toEqual(expected(rows[row - 1]!));
  });
});
