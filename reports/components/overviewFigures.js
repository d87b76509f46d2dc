// The 总览 page's figures from rows of the overview cube (src/report-data/sql/overview_cube.sql):
// one place that turns the additive measures into the numbers the cards show.
import {ratio, sumGroups, sumRows} from "./cube.js";

/** The cube's additive measures. */
export const OVERVIEW_MEASURES = [
  "projects", "budget_wan", "executed_wan", "goal_projects", "monitored_projects", "selfeval_projects",
  "grade_1", "grade_2", "grade_3", "grade_4", "ungraded", "capped_projects", "rectification_projects",
  "mismatch_projects", "inflated_projects", "cut_projects", "deduction_wan", "low_efficiency_projects", "low_efficiency_wan"
];

/** Totals, distinct units and rates of the given cube rows (already filtered to one year). */
export function overviewFigures(rows) {
  const totals = sumRows(rows, OVERVIEW_MEASURES);
  const graded = totals.grade_1 + totals.grade_2 + totals.grade_3 + totals.grade_4;
  return {
    ...totals,
    units: new Set(rows.filter((d) => d.projects > 0 && d.unit != null).map((d) => d.unit)).size,
    execution_rate: ratio(totals.executed_wan, totals.budget_wan),
    goal_coverage: ratio(totals.goal_projects, totals.projects),
    monitoring_coverage: ratio(totals.monitored_projects, totals.projects),
    selfeval_coverage: ratio(totals.selfeval_projects, totals.projects),
    graded,
    top_share: ratio(totals.grade_1 + totals.grade_2, graded)
  };
}

/** Projects per final grade (rank 1 = best) with the policy's labels, then the ungraded ones. */
export function gradeCounts(figures, grades) {
  const counts = grades.map((g) => ({rank: g.grade_rank, label: g.label, band: g.band, projects: figures[`grade_${g.grade_rank}`] ?? 0}));
  return [...counts, {rank: null, label: "未评", band: "未提交自评", projects: figures.ungraded}];
}

/** Budget per fund kind and budget type, largest fund kind first. */
export function fundsByKind(rows) {
  return sumGroups(rows, ["fund_kind", "budget_type"], ["projects", "budget_wan"]).filter((d) => d.projects > 0);
}

/** Grade counts per department, long form ({department, label, rank, projects}) for a stacked chart. */
export function gradesByDepartment(rows, grades) {
  const byDept = sumGroups(rows, ["department"], OVERVIEW_MEASURES);
  return byDept.flatMap((d) => gradeCounts(d, grades).map((g) => ({department: d.department, ...g})));
}
