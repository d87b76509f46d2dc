// One department's detail, all years, as a tar of three Arrow files (Framework extracts
// `departments/<code>/projects.arrow` etc. from it): the page ships no other department's rows.
// Framework passes --dept=<code>; the build makes these files ahead (src/report-data/precompute.ts).
//   projects.arrow      department_projects.sql
//   indicators.arrow    department_indicators.sql
//   explanations.arrow  department_explanations.sql
import {runLoader} from "../../../src/report-data/loader.ts";

await runLoader("data/departments/[dept].tar");
