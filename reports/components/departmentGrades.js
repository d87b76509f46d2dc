import * as Plot from "npm:@observablehq/plot";
import {GRADES, gradeScale} from "./format.js";

const MIN_WIDTH = 360;

/** Projects per final grade for each department, stacked. Rows: {department, grade_1 … grade_4} (优 … 差). */
export function DepartmentGrades(rows, {width} = {}) {
  const data = rows.flatMap((d) => GRADES.map((grade, i) => ({department: d.department, grade, n: Number(d[`grade_${i + 1}`] ?? 0)})));
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height: Math.max(120, 26 * rows.length + 70),
    marginLeft: 190,
    x: {label: "项目数 →", grid: true},
    y: {label: null, domain: rows.map((d) => d.department)},
    color: {...gradeScale(), legend: true, label: "最终等级"},
    marks: [Plot.barX(data, {x: "n", y: "department", fill: "grade", order: GRADES, tip: true}), Plot.ruleX([0])]
  });
}
