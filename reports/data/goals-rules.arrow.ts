// 绩效目标: the goal-quality rules with short labels carrying the policy's thresholds.
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("goals_rules"));
