// The report to the people's congress for the latest year with projects, as self-contained HTML
// (the same document `jixiao report congress` prints to PDF). Prose: reports/prose/congress-<year>.md,
// else the default template.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/congress.html");
