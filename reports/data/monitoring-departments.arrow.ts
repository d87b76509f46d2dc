// Budget and spending to date per year, checkpoint, department, fund kind and budget type (monitoring_departments.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/monitoring-departments.arrow");
