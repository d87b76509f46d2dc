// 绩效目标: goal-quality problems per year and department, counted in projects.
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("goals_by_dept"));
