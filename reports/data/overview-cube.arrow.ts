// 总览: additive project figures per year × department × unit × fund kind × budget type, which the page filters and sums.
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("overview_cube"));
