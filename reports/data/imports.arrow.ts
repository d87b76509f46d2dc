// One row per file load that changed the database (the `imports` table), oldest first.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/imports.arrow");
