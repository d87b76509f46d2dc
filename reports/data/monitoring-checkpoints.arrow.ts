// One row per project per monitoring checkpoint (src/report-data/sql/monitoring_checkpoints.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/monitoring-checkpoints.arrow");
