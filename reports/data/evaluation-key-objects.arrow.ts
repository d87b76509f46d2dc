// One row per finance key evaluation object (evaluation_key_objects.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("evaluation_key_objects"));
