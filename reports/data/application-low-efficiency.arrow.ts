// One row per low-efficiency reason per project per year (application_low_efficiency.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/application-low-efficiency.arrow");
