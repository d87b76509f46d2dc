// 数据质量: every sheet of every import with its loaded, rejected and warned rows.
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("quality_sheets"));
