// One row per year: finance key evaluations against the rules (evaluation_key_summary.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/evaluation-key-summary.arrow");
