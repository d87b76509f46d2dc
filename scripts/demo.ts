// The main job on the bundled sample (`npm start`): generate the sample county's exports, ingest and
// score them into data/jixiao.duckdb, build the report site into dist/ and serve it on localhost.
import {Database, DEFAULT_DB_PATH} from "../src/db/database.ts";
import {ingestPaths} from "../loaders/ingest.ts";
import {printReport} from "../bin/commands/ingest.ts";
import {currentPolicy, printSummary} from "../bin/commands/score.ts";
import {buildMarts} from "../src/scoring/buildMarts.ts";
import {prepareSite, runFramework} from "./build-site.ts";
import {generateSample} from "./sample/index.ts";
import {serveStatic} from "./serve.ts";

const SAMPLE_DIR = "data/sample";
const started = performance.now();
const step = (label: string) => console.log(`\n== ${label}（已用 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`);

step("生成示例县数据 data/sample/");
await generateSample({out: SAMPLE_DIR, scale: "county", years: [2021, 2022, 2023, 2024]});

step(`导入并评分 ${DEFAULT_DB_PATH}`);
const db = await Database.open(DEFAULT_DB_PATH);
try {
  const reports = await ingestPaths(db, [SAMPLE_DIR]);
  for (const report of reports) printReport(report, (line) => console.log(line));
  printSummary(await buildMarts(db, await currentPolicy(db)), (line) => console.log(line));
} finally {
  db.close();
}

step("构建报告网站 dist/");
await prepareSite();
const code = await runFramework(["build"]);
if (code !== 0) {
  console.error("网站构建失败");
  process.exit(code);
}

const port = Number(process.env.PORT ?? 3000);
const {origin} = await serveStatic("dist", port);
step(`完成：报告网站 ${origin}/ （按 Ctrl+C 停止）`);
