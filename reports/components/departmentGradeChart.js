import * as Plot from "npm:@observablehq/plot";
import {GRADE_COLORS, UNKNOWN_COLOR} from "./format.js";

/**
 * Projects per final grade for each department, stacked best grade first, departments with most
 * projects on top. Rows {department, rank, label, projects} (rank null: not graded yet).
 */
export function DepartmentGradeChart(rows, {width} = {}) {
  const totals = new Map();
  for (const d of rows) totals.set(d.department, (totals.get(d.department) ?? 0) + d.projects);
  const departments = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a) || a.localeCompare(b, "zh-CN"));
  const grades = [...new Map(rows.map((d) => [d.label, d.rank])).entries()].sort(([, a], [, b]) => (a ?? 9) - (b ?? 9));
  const data = rows.filter((d) => d.projects > 0);
  return Plot.plot({
    // narrower than the margins would draw bars of negative width (a console error); overflow instead
    width: Math.max(width ?? 640, 290),
    height: Math.max(120, 24 * departments.length + 70),
    marginLeft: 190,
    x: {label: "项目数 →", grid: true},
    y: {label: null, domain: departments},
    color: {
      legend: true,
      label: "最终等级",
      domain: grades.map(([label]) => label),
      range: grades.map(([, rank]) => (rank == null ? UNKNOWN_COLOR : GRADE_COLORS[rank - 1] ?? UNKNOWN_COLOR))
    },
    marks: [
      Plot.barX(data, {x: "projects", y: "department", fill: "label", order: grades.map(([label]) => label), tip: true}),
      Plot.ruleX([0])
    ]
  });
}
