// The cut list (扣减清单) for review as a formatted workbook, every year: the same file `jixiao cuts`
// writes (src/application/cutList.ts), so a reviewer can fill in decisions and send it back for loading.
import {Database} from "../../src/db/database.ts";
import {cutListRows, cutListWorkbook} from "../../src/application/cutList.ts";
import {resolveDbPath} from "../../src/report-data/arrow.ts";

const db = await Database.open(resolveDbPath(), {readOnly: true});
try {
  const bytes = await cutListWorkbook(await cutListRows(db)).xlsx.writeBuffer();
  process.stdout.write(new Uint8Array(bytes as ArrayBuffer));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  db.close();
}
