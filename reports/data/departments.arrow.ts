// One row per department per year: scores, grades, cuts, coverage (department_summary.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/departments.arrow");
