// RawRows (loaders/bulk/rows.ts) encodes raw sheet rows as TSV for DuckDB's CSV reader: every row it
// takes must read back cell for cell as the text TypeScript sees, and every row it cannot write so must
// be refused (TypeScript then maps it).
import {afterEach, describe, expect, it} from "vitest";
import {ensureMacros} from "../../loaders/bulk/select.ts";
import {RawRows} from "../../loaders/bulk/rows.ts";
import {Database} from "../../src/db/database.ts";
import type {Cell} from "../../loaders/normalise/values.ts";

const WIDTH = 6;

async function roundTrip(db: Database, rows: Cell[][]): Promise<{taken: boolean[]; back: Map<number, (string | null)[]>; flags: Map<number, boolean>}> {
  const raw = new RawRows(WIDTH);
  const taken = rows.map((cells, i) => raw.add(i + 1, cells));
  await raw.appendTo(db, "raw_rows_test");
  const back = new Map<number, (string | null)[]>();
  const flags = new Map<number, boolean>();
  for (const r of await db.all("SELECT * FROM raw_rows_test ORDER BY _row")) {
    back.set(Number(r._row), Array.from({length: WIDTH}, (_, i) => (r[`c${i}`] as string | null) ?? null));
    flags.set(Number(r._row), r._js as boolean);
  }
  await db.run("DROP TABLE raw_rows_test");
  return {taken, back, flags};
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

  it("flags the rows the flat mapper may skip or read otherwise, as the SQL source would", async () => {
    db = await Database.open(":memory:");
    const rows: [boolean, Cell[]][] = [
      [false, ["2024", "P1", "指标", 95]],
      [true, ["注：说明", null, "第二格"]], // two cells or fewer: a note to the flat mapper
      [true, [null, null, null, null, null, "只有一格"]],
      [true, ["合计", "", "x", "y"].map((c) => c || null)], // 计 in the first four columns: a total
      [true, ["2024", "P1", "x", "累计数"]],
      [false, ["2024", "P1", "x", "y", "小计在第五列"]],
      ...[" ", "\t", "\n", "\u000b", "\f", "\r", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff"]
        .map((space): [boolean, Cell[]] => [true, ["2024", "P1", "x", `${space}y`]]),
      ...["\u200b", "\u00a1", "≥", "\u3001", "\u0085"].map((other): [boolean, Cell[]] => [false, ["2024", "P1", "x", `${other}y`]])
    ];
    const {taken, flags} = await roundTrip(db, rows.map(([, cells]) => cells));
    expect(taken.every(Boolean)).toBe(true);
    rows.forEach(([flag, cells], i) => expect(flags.get(i + 1), JSON.stringify(cells)).toBe(flag));
    // The same test in SQL, on the same cells: jx_lead_space is JavaScript's \s at a cell's start.
    await ensureMacros(db);
    for (const [, cells] of rows.slice(6)) {
      const cell = cells[3] as string;
      expect(await db.value(`SELECT jx_lead_space($c)`, {c: cell}), JSON.stringify(cell)).toBe(/^\s/.test(cell));
    }
  });

  it("refuses the rows whose cells would not read back as themselves, and blank rows, and keeps the others", async () => {
    db = await Database.open(":memory:");
    const refused: Cell[][] = [
      ["孤\ud800代理"], ['引"号与孤\udc00代理'], ["反序\udc00\ud800"], [""], [1e21], [1e-7], [true], [new Date(Date.UTC(2024, 5, 30))],
      Array.from({length: WIDTH + 1}, () => "宽"), [], [null, null, null]
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
