import {publishSelfEval} from "../../src/application/selfevalForms.ts";
import {Database, DEFAULT_DB_PATH} from "../../src/db/database.ts";
import {type Args, stringOption, UsageError} from "../args.ts";

const USAGE = "用法：jixiao publish selfeval --year 年度 --out 文件夹 [--public] [--db 路径]";

/** `jixiao publish selfeval`: 项目支出绩效自评表 per department, for publication (`--public` leaves out 涉密 projects). */
export async function publishCommand(args: Args): Promise<number> {
  const [kind, ...rest] = args.positionals;
  if (kind !== "selfeval") throw new UsageError(kind ? `未知公开内容：${kind}（可用：selfeval）\n${USAGE}` : USAGE);
  if (rest.length > 0) throw new UsageError(`多余的参数：${rest.join(" ")}\n${USAGE}`);
  const yearText = stringOption(args, "year");
  const year = Number(yearText);
  if (yearText === undefined || !Number.isInteger(year)) throw new UsageError(`请用 --year 指定四位年度\n${USAGE}`);
  const out = stringOption(args, "out");
  if (!out) throw new UsageError(`请用 --out 指定输出文件夹\n${USAGE}`);
  const isPublic = args.options.public === true || args.options.public === "true";
  const db = await Database.open(stringOption(args, "db") ?? DEFAULT_DB_PATH, {readOnly: true});
  try {
    const result = await publishSelfEval(db, {year, out, public: isPublic});
    if (result.projects === 0) {
      console.log(`${year} 年度没有绩效自评记录，未生成文件`);
      return 0;
    }
    console.log(`已生成 ${result.files.length} 个部门的项目支出绩效自评表（${result.projects} 个项目）→ ${out}`);
    if (isPublic) console.log(`公开版：已略去涉密项目 ${result.withheld} 个`);
    return 0;
  } finally {
    db.close();
  }
}
