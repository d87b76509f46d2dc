// Cuts and recoveries per year, department, fund kind and budget type (application_dept_totals.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("application_dept_totals"));
