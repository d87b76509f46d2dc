// 绩效目标: projects flagged per year, department and rule (the rule × department chart).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("goals_rule_counts"));
