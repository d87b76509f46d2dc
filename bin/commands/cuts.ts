import {writeCutList} from "../../src/application/cutList.ts";
import {Database, DEFAULT_DB_PATH} from "../../src/db/database.ts";
import {type Args, stringOption, UsageError} from "../args.ts";

const USAGE = "用法：jixiao export cuts --format xlsx --out 扣减清单.xlsx [--year 年度] [--db 路径]";

/** `jixiao export cuts`: the cut list (扣减清单) for reviewers; the returned file re-imports as cut decisions. */
export async function cutsCommand(args: Args): Promise<number> {
  const positionals = args.positionals[0] === "cuts" ? args.positionals.slice(1) : args.positionals;
  if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(" ")}\n${USAGE}`);
  const format = stringOption(args, "format") ?? "xlsx";
  if (format !== "xlsx") throw new UsageError(`扣减清单只支持 --format xlsx（需要下拉选项与合计行）：${format}\n${USAGE}`);
  const out = stringOption(args, "out");
  if (!out) throw new UsageError(USAGE);
  const yearText = stringOption(args, "year");
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && !Number.isInteger(year)) throw new UsageError(`年度应为四位数字：${yearText}`);
  const db = await Database.open(stringOption(args, "db") ?? DEFAULT_DB_PATH, {readOnly: true});
  try {
    const result = await writeCutList(db, out, year);
    console.log(`已导出扣减清单：${result.projects} 个项目（${result.departments} 个主管部门），拟扣减合计 ${result.deductionWan.toFixed(2)} 万元 → ${out}`);
    console.log("审核后请在「审核决定」列选择 同意 / 不同意 / 调整（调整须填审定扣减金额），再用 jixiao ingest 导入该文件。");
    return 0;
  } finally {
    db.close();
  }
}
