// 绩效目标: the goal-quality rules with short labels carrying the policy's thresholds.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/goals-rules.arrow");
