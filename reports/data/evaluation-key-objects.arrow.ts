// One row per finance key evaluation object (evaluation_key_objects.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/evaluation-key-objects.arrow");
