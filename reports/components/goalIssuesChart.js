import * as Plot from "npm:@observablehq/plot";

/**
 * Goal-quality problems as a department × rule table of cells: each cell gives the number of
 * projects the rule flagged, darker for a larger share of the department's projects. `rows`
 * {department, rule_id, projects}; `rules` {rule_id, label} in display order; `projects` Map
 * department → project count (the denominator of the share).
 */
export function GoalIssuesChart(rows, {rules, projects, width} = {}) {
  const label = new Map(rules.map((r) => [r.rule_id, r.label]));
  const departments = [...projects.keys()].sort((a, b) => a.localeCompare(b, "zh-CN"));
  const data = rows.map((d) => ({...d, rule: label.get(d.rule_id) ?? d.rule_id, share: projects.get(d.department) ? d.projects / projects.get(d.department) : null}));
  const columns = [...rules.map((r) => r.label), ...new Set(data.map((d) => d.rule).filter((r) => !rules.some((x) => x.label === r)))];
  return Plot.plot({
    // narrower than the margins would draw bars of negative width (a console error); overflow instead
    width: Math.max(width ?? 640, 290),
    height: Math.max(140, 26 * departments.length + 60),
    marginLeft: 190,
    marginTop: 40,
    x: {label: null, axis: "top", domain: columns, tickFormat: wrap},
    y: {label: null, domain: departments},
    color: {type: "linear", domain: [0, 0.5], range: ["#fddbc7", "#b2182b"], clamp: true, legend: true, label: "占本部门项目", tickFormat: (d) => `${Math.round(d * 100)}%`},
    marks: [
      Plot.frame({stroke: "#ddd"}),
      Plot.cell(data, {x: "rule", y: "department", fill: "share", inset: 1, tip: {format: {fill: (d) => `${(d * 100).toFixed(1)}%`}}, channels: {项目数: "projects"}}),
      // white on the dark cells, black on the light ones (constant fills stay out of the colour scale)
      Plot.text(data, {x: "rule", y: "department", text: "projects", fill: "white", filter: (d) => d.share >= 0.3}),
      Plot.text(data, {x: "rule", y: "department", text: "projects", fill: "black", filter: (d) => !(d.share >= 0.3)})
    ]
  });
}

// Column labels break every six characters so nine rules fit side by side.
function wrap(label) {
  return String(label).match(/.{1,6}/gu).join("\n");
}
