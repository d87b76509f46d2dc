// 总览: additive project figures per year × department × unit × fund kind × budget type, which the page filters and sums.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/overview-cube.arrow");
