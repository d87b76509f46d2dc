// One row per department per year: department-evaluation coverage (evaluation_coverage.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("evaluation_coverage"));
