// One department's detail, all years, as a tar of four CSV files (Framework extracts
// `departments/<code>/projects.csv` etc. from it), when the database holds one 行政区划: the page ships no other
// department's rows. Framework passes --dept=<code>; the build makes these files ahead (src/report-data/precompute.ts).
//   projects.csv      department_projects.sql
//   indicators.csv    department_indicators.sql
//   explanations.csv  department_explanations.sql
//   cut-list.csv      its projects of the cut list (src/report-data/cut-list-csv.ts)
import {runLoader} from "../../../src/report-data/loader.ts";

await runLoader("data/departments/[dept].tar");
