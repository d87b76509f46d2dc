// Light counts per year, checkpoint, department, fund kind, budget type and light kind (monitoring_lights.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("monitoring_lights"));
