// The policy's grade labels and score bands, best first (legends and the grade chart).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/overview-grades.arrow");
