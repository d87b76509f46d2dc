// One row per department per year: department-evaluation coverage (evaluation_coverage.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/evaluation-coverage.arrow");
