// One row per grade cap with its reason (evaluation_caps.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/evaluation-caps.arrow");
