// One row per project per year on the cut list, with the reviewer's decision when there is one (application_cuts.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/application-cuts.arrow");
