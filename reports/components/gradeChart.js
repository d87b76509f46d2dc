import * as Plot from "npm:@observablehq/plot";
import {GRADE_COLORS, UNKNOWN_COLOR, formatPercent} from "./format.js";

/**
 * Projects per final grade, best first, in the grade colours; rows {rank, label, band, projects} with
 * rank null for projects not graded yet (grey). Each bar is labelled with its count and share.
 */
export function GradeChart(rows, {width, height = 240} = {}) {
  const total = rows.reduce((s, d) => s + d.projects, 0);
  const labels = rows.map((d) => d.label);
  return Plot.plot({
    // narrower than the margins would draw bars of negative width (a console error); overflow instead
    width: Math.max(width ?? 640, 240),
    height,
    marginBottom: 44,
    marginTop: 24,
    x: {label: null, domain: labels, tickFormat: (label) => {
      const d = rows.find((r) => r.label === label);
      return d?.band ? `${label}\n${d.band}` : label;
    }},
    y: {label: "↑ 项目数", grid: true},
    color: {domain: labels, range: rows.map((d) => (d.rank == null ? UNKNOWN_COLOR : GRADE_COLORS[d.rank - 1] ?? UNKNOWN_COLOR))},
    marks: [
      Plot.barY(rows, {x: "label", y: "projects", fill: "label", tip: {format: {fill: false}}}),
      Plot.text(rows, {x: "label", y: "projects", text: (d) => `${d.projects}（${formatPercent(total ? d.projects / total : null)}）`, dy: -8}),
      Plot.ruleY([0])
    ]
  });
}
