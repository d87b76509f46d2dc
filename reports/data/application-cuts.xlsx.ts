// The cut list (扣减清单) for review as a formatted workbook, every year: the same file `jixiao cuts`
// writes (src/application/cutList.ts), so a reviewer can fill in decisions and send it back for loading.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/application-cuts.xlsx");
