// Budget and spending to date per year, checkpoint, department, fund kind and budget type (monitoring_departments.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("monitoring_departments"));
