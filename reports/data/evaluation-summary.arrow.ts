// One row per year, department, fund kind and budget type: self-evaluated projects, scores, grades (evaluation_summary.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/evaluation-summary.arrow");
