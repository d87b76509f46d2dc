// Tables every exploration page can query with DuckDB-WASM, each from one Arrow file written by a
// data loader in ../data/. Add an entry here when a loader adds a table; FileAttachment needs a
// literal path, so each entry names its file itself.
import {FileAttachment} from "observablehq:stdlib";

export const TABLES = [
  {name: "imports", label: "导入记录（每次文件载入一行）", file: FileAttachment("../data/imports.arrow")},
  {name: "import_sheets", label: "各次导入的工作表（每个工作表一行）", file: FileAttachment("../data/quality-sheets.arrow")},
  {name: "rejects", label: "拒收与警告（每条一行：文件 · 工作表 · 行 · 列 · 值 · 规则 · 说明）", file: FileAttachment("../data/quality-rejects.arrow")},
  {name: "overview", label: "总览汇总（每年 × 部门 × 单位 × 资金性质 × 预算类型一行，可相加）", file: FileAttachment("../data/overview-cube.arrow")},
  {name: "trends", label: "趋势（每年 × 分组一行：dimension 为 all / department / fund_kind / function）", file: FileAttachment("../data/trends-groups.arrow")},
  {name: "goal_quality_by_dept", label: "绩效目标质量（每年 × 部门一行）", file: FileAttachment("../data/goals-by-dept.arrow")},
  {name: "monitoring", label: "绩效监控（每个项目 × 监控节点一行：执行率、三种预警灯、整改原因、连续不合格次数；每个节点至多 2,000 个最需关注的项目，checkpoint_projects 为该节点项目总数）", file: FileAttachment("../data/monitoring-checkpoints.arrow")},
  {name: "evaluation", label: "绩效评价（每个已自评项目 × 年一行：重算与自评总分、等级、封顶、抽查；每年至多 5,000 个最需关注的项目，year_projects 为该年项目总数）", file: FileAttachment("../data/evaluation-projects.arrow")},
  {name: "evaluation_summary", label: "绩效评价汇总（每年 × 部门 × 资金性质 × 预算类型一行：项目数、得分合计、最终等级、封顶、自评虚高，含全部项目）", file: FileAttachment("../data/evaluation-summary.arrow")},
  {name: "cut_list", label: "扣减清单（每个扣减、收回或低效无效项目 × 年一行，含审核决定；每年至多 3,000 个，全部见结果应用页的下载）", file: FileAttachment("../data/application-cuts.arrow")},
  {name: "low_efficiency", label: "低效无效资金（每条认定理由一行；每年至多 3,000 条）", file: FileAttachment("../data/application-low-efficiency.arrow")},
  {name: "departments", label: "部门汇总（每个部门 × 年一行：项目、预算、得分、等级、扣减）", file: FileAttachment("../data/departments.arrow")}
];

/** Sources for `DuckDBClient.of`: {table name: FileAttachment}. */
export function tableSources(tables = TABLES) {
  return Object.fromEntries(tables.map(({name, file}) => [name, file]));
}
