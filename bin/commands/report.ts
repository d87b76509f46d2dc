import {existsSync} from "node:fs";
import {relative} from "node:path";
import {Database, DEFAULT_DB_PATH} from "../../src/db/database.ts";
import {buildCongressReport, writeCongressReport} from "../../src/report/congress.ts";
import {defaultProsePath, initProse, readProse} from "../../src/report/prose.ts";
import {TemplateError} from "../../src/report/template.ts";
import {type Args, stringOption, UsageError} from "../args.ts";

const USAGE = `用法：jixiao report congress --year 年度 --out 报告.pdf [--html 报告.html] [--prose 文稿.md] [--eval-year 年度] [--db 路径]
      jixiao report congress --year 年度 --init-prose [--prose 文稿.md]`;

function yearOption(args: Args, name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new UsageError(`--${name} 应为四位年度：${text}`);
  return year;
}

/** `jixiao report congress`: the annual report to the people's congress (人大报告). */
export async function reportCommand(args: Args): Promise<number> {
  const positionals = [...args.positionals];
  // `--init-prose` takes no value; a positional right after it was swallowed as one.
  const initValue = args.options["init-prose"];
  if (typeof initValue === "string") positionals.push(initValue);
  const [kind] = positionals;
  if (kind !== "congress") throw new UsageError(kind ? `未知报告类型：${kind}（可用：congress）\n${USAGE}` : USAGE);
  const year = yearOption(args, "year");
  if (year === undefined) throw new UsageError(`缺少 --year\n${USAGE}`);
  const prosePath = stringOption(args, "prose") ?? defaultProsePath(year);

  if (initValue !== undefined) {
    const wrote = initProse(prosePath);
    console.log(wrote ? `已生成文稿模板：${relative(process.cwd(), prosePath)}（编辑文字后运行 jixiao report congress --year ${year} --out 报告.pdf）`
      : `文稿已存在，未覆盖：${relative(process.cwd(), prosePath)}`);
    return 0;
  }

  const pdf = stringOption(args, "out");
  const html = stringOption(args, "html");
  if (!pdf && !html) throw new UsageError(`请用 --out 指定 PDF 文件（或用 --html 指定 HTML 文件）\n${USAGE}`);
  if (!existsSync(prosePath)) {
    initProse(prosePath);
    console.log(`未找到文稿，已按模板生成：${relative(process.cwd(), prosePath)}（请修改其中的文字后重新生成报告）`);
  }
  const evalYear = yearOption(args, "eval-year") ?? year - 1;

  const started = performance.now();
  const db = await Database.open(stringOption(args, "db") ?? DEFAULT_DB_PATH, {readOnly: true});
  let report;
  try {
    report = await buildCongressReport(db, {year, evalYear, prose: readProse(prosePath)});
  } catch (error) {
    if (error instanceof TemplateError) throw new UsageError(`文稿 ${relative(process.cwd(), prosePath)} 有误：${error.message}`);
    throw error;
  } finally {
    db.close();
  }
  const selfeval = report.queries.get("selfeval")?.rows[0];
  if (selfeval && Number(selfeval.projects) === 0) {
    console.log(`提示：${evalYear} 年度没有绩效自评记录；评价与结果应用部分的数字为 0。若要报告 ${year} 年度的自评，请加 --eval-year ${year}`);
  }
  const result = await writeCongressReport(report, {html, pdf});
  if (html) console.log(`已生成 HTML：${html}`);
  if (pdf && result) {
    console.log(`已生成 PDF：${pdf}（${result.pages} 页，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`);
  }
  console.log(`正文引用数字 ${report.figures.length} 个，来自 ${report.notes.length} 个查询（见报告末尾「数据来源」）`);
  return 0;
}
