import {type Args, parseArgs, UsageError} from "./args.ts";

type Command = (args: Args) => Promise<number>;

/** Commands load lazily, so `jixiao rejects` does not pay for the spreadsheet readers. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  ingest: async () => (await import("./commands/ingest.ts")).ingestCommand,
  rejects: async () => (await import("./commands/rejects.ts")).rejectsCommand
};

const HELP = `jixiao — 预算绩效分析

用法：npx jixiao <命令> [参数]

  ingest <文件或文件夹…> [--db 路径]   导入预算与绩效导出文件（xlsx / csv）
  rejects [--db 路径]                  查看拒收的行与警告
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
