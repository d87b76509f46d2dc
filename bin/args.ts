/** Minimal argument parsing for the CLI: positionals and `--name value` / `--flag` options. */
export interface Args {
  positionals: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[], flags: string[] = []): Args {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      if (inline !== undefined) options[name] = inline;
      else if (flags.includes(name) || i + 1 >= argv.length || argv[i + 1]!.startsWith("--")) options[name] = true;
      else options[name] = argv[++i]!;
    } else positionals.push(arg);
  }
  return {positionals, options};
}

export function stringOption(args: Args, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === "string" ? value : undefined;
}

/** A user-facing error: printed without a stack trace, exit code 1. */
export class UsageError extends Error {}
