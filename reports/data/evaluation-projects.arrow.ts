// One row per self-evaluated project per year: scores, grades, spot-check draw (evaluation_projects.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("evaluation_projects"));
