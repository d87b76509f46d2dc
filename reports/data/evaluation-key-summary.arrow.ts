// One row per year: finance key evaluations against the rules (evaluation_key_summary.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("evaluation_key_summary"));
