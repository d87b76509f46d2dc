// 趋势: average score, execution rate, share of top grades and cuts per year and breakdown group.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/trends-groups.arrow");
