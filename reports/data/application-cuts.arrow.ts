// One row per project per year on the cut list, with the reviewer's decision when there is one (application_cuts.sql).
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";
import {reportSql} from "../../src/report-data/sql/reportSql.ts";

await writeQueryAsArrow(reportSql("application_cuts", {cutReview: true}));
