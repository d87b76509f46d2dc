// Light counts per year, checkpoint, department, fund kind, budget type and light kind (monitoring_lights.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/monitoring-lights.arrow");
