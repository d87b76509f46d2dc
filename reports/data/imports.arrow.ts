// One row per file load that changed the database (the `imports` table), oldest first.
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("quality_imports"));
