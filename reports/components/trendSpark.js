import * as Plot from "npm:@observablehq/plot";

/** A small line of one measure over the years with each point labelled, for a card. Rows {year, <y>}. */
export function TrendSpark(rows, {y, format = (v) => String(v), width, height = 110, zero = false} = {}) {
  const data = rows.filter((d) => d[y] != null);
  return Plot.plot({
    width: Math.max(width ?? 320, 160),
    height,
    marginTop: 22,
    marginLeft: 10,
    marginRight: 10,
    x: {label: null, type: "point", domain: [...new Set(rows.map((d) => d.year))].sort((a, b) => a - b), tickFormat: (v) => `${v}`, inset: 24},
    y: {axis: null, zero, nice: true},
    marks: [
      Plot.line(data, {x: "year", y, stroke: "#4393c3", strokeWidth: 2}),
      Plot.dot(data, {x: "year", y, fill: "#2166ac", r: 3}),
      Plot.text(data, {x: "year", y, text: (d) => format(d[y]), dy: -10, fontSize: 10})
    ]
  });
}
