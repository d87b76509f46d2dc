// 绩效目标: projects flagged per year, department and rule (the rule × department chart).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/goals-rule-counts.arrow");
