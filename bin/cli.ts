import {outOfMemoryMessage, SettingError} from "../src/db/database.ts";
import {type Args, parseArgs, UsageError} from "./args.ts";

type Command = (args: Args) => Promise<number>;

/** Options that take no value. */
const FLAGS = ["warnings", "errors", "public", "no-score", "init-prose"];

/** Commands load lazily, so `jixiao rejects` does not pay for the spreadsheet readers. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  ingest: async () => (await import("./commands/ingest.ts")).ingestCommand,
  rejects: async () => (await import("./commands/rejects.ts")).rejectsCommand,
  score: async () => (await import("./commands/score.ts")).scoreCommand,
  explain: async () => (await import("./commands/explain.ts")).explainCommand,
  export: async () => (await import("./commands/export.ts")).exportCommand,
  report: async () => (await import("./commands/report.ts")).reportCommand,
  publish: async () => (await import("./commands/publish.ts")).publishCommand
};

const HELP = `jixiao — 预算绩效分析

用法：npx jixiao <命令> [参数]

  ingest <文件或文件夹…> [--db 路径]   导入预算与绩效导出文件（xlsx / csv）
  rejects [--db 路径]                  查看拒收的行与警告
  score [--policy mof|xinjiang|文件]    按政策口径计算评分、等级、预警与扣减（导入后自动运行）
  explain <项目编码> [--year 年度]       逐项说明一个项目的评分、封顶、预警与扣减依据
  export <表名> --format csv|xlsx|json --out 文件 [--year 年度]
                                       导出任一结果表，如 project-scores
  export --partitioned 目录            全部结果表导出为按年度、部门分区的 Parquet
  export cuts --format xlsx --out 文件 [--year 年度]
                                       导出扣减清单（填写审核决定后可用 ingest 重新导入）
  report congress --year 年度 --out 报告.pdf [--html 报告.html] [--prose 文稿.md] [--eval-year 年度]
                                       生成向人大报告的预算绩效管理情况报告（PDF，含目录、页码、数据来源）
  report congress --year 年度 --init-prose
                                       生成可编辑的文稿 reports/prose/congress-年度.md
  publish selfeval --year 年度 --out 文件夹 [--public]
                                       按部门生成项目支出绩效自评表（--public 不含涉密项目）
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    console.log(HELP);
    return 0;
  }
  if (name === "export" && rest[0] === "cuts") return (await import("./commands/cuts.ts")).cutsCommand(parseArgs(rest, FLAGS));
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`未知命令：${name}\n\n${HELP}`);
  return (await load())(parseArgs(rest, FLAGS));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const memory = outOfMemoryMessage(error);
    if (error instanceof UsageError || error instanceof SettingError) console.error(error.message);
    else if (memory) console.error(memory);
    else console.error(`出错：${(error as Error).message}\n${(error as Error).stack ?? ""}`);
    process.exitCode = 1;
  }
);
