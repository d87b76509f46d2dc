// One department's detail, all years, as a tar of three Arrow files (Framework extracts
// `departments/<code>/projects.arrow` etc. from it): one loader process per department keeps the build
// short, and the page ships no other department's rows. Framework passes --dept=<code>.
//   projects.arrow      department_projects.sql
//   indicators.arrow    department_indicators.sql
//   explanations.arrow  department_explanations.sql
import {parseArgs} from "node:util";
import {arrowBytes, queryAsArrow} from "../../../src/report-data/arrow.ts";
import {reportSql} from "../../../src/report-data/sql/reportSql.ts";

const FILES = {"projects.arrow": "department_projects", "indicators.arrow": "department_indicators", "explanations.arrow": "department_explanations"};

/** A POSIX ustar member: 512-byte header, the bytes, zero padding to a 512-byte boundary. */
function tarEntry(name: string, data: Uint8Array): Buffer {
  const header = Buffer.alloc(512);
  const field = (text: string, offset: number, length: number) => header.write(text, offset, length, "ascii");
  field(name, 0, 100);
  field("0000644\0", 100, 8);
  field("0000000\0", 108, 8);
  field("0000000\0", 116, 8);
  field(data.length.toString(8).padStart(11, "0") + "\0", 124, 12);
  field("00000000000\0", 136, 12);
  field("        ", 148, 8);
  field("0", 156, 1);
  field("ustar\0" + "00", 257, 8);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  field(checksum.toString(8).padStart(6, "0") + "\0 ", 148, 8);
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

try {
  const {dept} = parseArgs({options: {dept: {type: "string"}}}).values;
  if (!dept) throw new Error("missing --dept: this loader is parameterised by the department page's code");
  const entries: Buffer[] = [];
  for (const [file, query] of Object.entries(FILES)) entries.push(tarEntry(file, arrowBytes(await queryAsArrow(reportSql(query), {dept}))));
  process.stdout.write(Buffer.concat([...entries, Buffer.alloc(1024)]));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
