// 数据质量: rejects and warnings counted by rule and severity.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/quality-rules.arrow");
