// One row per self-evaluated project per year: scores, grades, spot-check draw (evaluation_projects.sql).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/evaluation-projects.arrow");
