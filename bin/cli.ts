import {type Args, parseArgs, UsageError} from "./args.ts";

type Command = (args: Args) => Promise<number>;

/** Commands load lazily, so `jixiao rejects` does not pay for the spreadsheet readers. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  ingest: async () => (await import("./commands/ingest.ts")).ingestCommand,
  rejects: async () => (await import("./commands/rejects.ts")).rejectsCommand,
  score: async () => (await import("./commands/score.ts")).scoreCommand,
  explain: async () => (await import("./commands/explain.ts")).explainCommand,
  export: async () => (await import("./commands/export.ts")).exportCommand
};

const HELP = `jixiao — 预算绩效分析

用法：npx jixiao <命令> [参数]

  ingest <文件或文件夹…> [--db 路径]   导入预算与绩效导出文件（xlsx / csv）
  rejects [--db 路径]                  查看拒收的行与警告
  score [--policy mof|xinjiang|文件]    按政策口径计算评分、等级、预警与扣减（导入后自动运行）
  explain <项目编码> [--year 年度]       逐项说明一个项目的评分、封顶、预警与扣减依据
  export <表名> --format csv|xlsx|json --out 文件 [--year 年度]
                                       导出任一结果表，如 project-scores
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    console.log(HELP);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`未知命令：${name}\n\n${HELP}`);
  return (await load())(parseArgs(rest, ["warnings", "errors", "public", "quick", "no-score"]));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) console.error(error.message);
    else console.error(`出错：${(error as Error).message}\n${(error as Error).stack ?? ""}`);
    process.exitCode = 1;
  }
);
