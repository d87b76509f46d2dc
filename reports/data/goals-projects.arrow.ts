// 绩效目标: the projects with at least one goal-quality problem, with the problems spelled out.
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("goals_projects"));
