// 绩效目标: the projects with at least one goal-quality problem, with the problems spelled out.
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/goals-projects.arrow");
