// 绩效目标: goal-quality problems per year and department, counted in projects.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/goals-by-dept.arrow");
