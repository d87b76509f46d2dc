// Cuts and recoveries per year, department, fund kind and budget type (application_dept_totals.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/application-dept-totals.arrow");
