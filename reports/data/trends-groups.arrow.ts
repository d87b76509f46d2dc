// 趋势: average score, execution rate, share of top grades and cuts per year and breakdown group.
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("trends_groups"));
