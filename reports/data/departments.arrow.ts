// One row per department per year: scores, grades, cuts, coverage (department_summary.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("department_summary"));
