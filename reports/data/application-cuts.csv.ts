// The cut list (扣减清单) as CSV, every year: the rows and Chinese headers of the review workbook
// (src/application/cutList.ts), UTF-8 with a byte-order mark so Excel shows Chinese correctly.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/application-cuts.csv");
