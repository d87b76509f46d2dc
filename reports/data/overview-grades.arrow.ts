// The policy's grade labels and score bands, best first (legends and the grade chart).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("overview_grades"));
