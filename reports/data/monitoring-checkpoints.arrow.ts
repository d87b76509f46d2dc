// One row per project per monitoring checkpoint (src/report-data/sql/monitoring_checkpoints.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("monitoring_checkpoints"));
