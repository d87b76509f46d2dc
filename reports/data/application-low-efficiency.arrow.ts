// One row per low-efficiency reason per project per year (application_low_efficiency.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("application_low_efficiency"));
