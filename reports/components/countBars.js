import * as Plot from "npm:@observablehq/plot";

const MIN_WIDTH = 360;

/** Horizontal bars counting rows per value of `y` (e.g. caps per rule), longest first, labelled with the count. */
export function CountBars(rows, {width, y, label = "项目数", fill = "#0072b2"} = {}) {
  const counts = [...Plot.valueof(rows, y).reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map())]
    .map(([key, n]) => ({key, n}))
    .sort((a, b) => b.n - a.n);
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height: Math.max(90, 30 * counts.length + 50),
    marginLeft: 190,
    marginRight: 50,
    // counts: whole-number ticks only
    x: {label: `${label} →`, grid: true, ticks: Math.min(10, Math.max(1, ...counts.map((d) => d.n))), tickFormat: "d"},
    y: {label: null, domain: counts.map((d) => d.key)},
    marks: [
      Plot.barX(counts, {x: "n", y: "key", fill, tip: true}),
      Plot.text(counts, {x: "n", y: "key", text: "n", dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}
