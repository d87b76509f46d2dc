// 数据质量: every sheet of every import with its loaded, rejected and warned rows.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/quality-sheets.arrow");
