// The public disclosure build (`npm run build:public`): the same site built from a redacted copy of the
// database (no 涉密 project, no sensitive field) into dist-public/.
import {mkdirSync} from "node:fs";
import {resolve} from "node:path";
import {DEFAULT_DB_PATH} from "../src/db/database.ts";
import {makePublicCopy} from "../src/public/redact.ts";
import {prepareSite, runFramework} from "./build-site.ts";

const source = resolve(process.env.JIXIAO_DB ?? DEFAULT_DB_PATH);
const target = resolve(process.env.JIXIAO_PUBLIC_DB ?? "data/public.duckdb");
const output = process.env.JIXIAO_SITE_OUTPUT ?? "dist-public";
mkdirSync(resolve(target, ".."), {recursive: true});
const copy = await makePublicCopy(source, target);
console.error(`公开版数据：已剔除涉密项目 ${copy.classifiedProjects} 个及敏感字段 → ${target}`);
await prepareSite();
process.exitCode = await runFramework(["build"], undefined, {...process.env, JIXIAO_DB: target, JIXIAO_SITE_OUTPUT: output});
