// 数据质量: the rejected values and warnings themselves (file · sheet · row · column · value · rule · message).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("quality_rejects"));
