import {Database, DEFAULT_DB_PATH} from "../../src/db/database.ts";
import {explainProject} from "../../src/explain/explainProject.ts";
import {type Args, stringOption, UsageError} from "../args.ts";

export async function explainCommand(args: Args): Promise<number> {
  const [code] = args.positionals;
  if (!code) throw new UsageError("用法：jixiao explain <项目编码> [--year 年度] [--db 路径]");
  const yearText = stringOption(args, "year");
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && !Number.isInteger(year)) throw new UsageError(`年度应为四位数字：${yearText}`);
  const db = await Database.open(stringOption(args, "db") ?? DEFAULT_DB_PATH, {readOnly: true});
  try {
    console.log(await explainProject(db, code, year));
    return 0;
  } finally {
    db.close();
  }
}
