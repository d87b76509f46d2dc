import * as Plot from "npm:@observablehq/plot";
import {LIGHTS, LIGHT_COLORS, UNKNOWN_COLOR} from "./format.js";

const MIN_WIDTH = 360;

const KINDS = ["执行灯", "指标灯", "项目灯"];

/**
 * Shares of each light per department, one panel per kind (执行灯 per project, 指标灯 per indicator,
 * 项目灯 per project). Rows: {department, kind, light, n} (counts; several rows may share a key).
 */
export function LightsByDepartment(rows, {width} = {}) {
  const departments = [...new Set(rows.map((d) => d.department))].sort((a, b) => a.localeCompare(b, "zh-CN"));
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height: Math.max(140, 24 * departments.length + 80),
    marginLeft: 190,
    x: {label: "占比 →", ticks: [0.25, 0.5, 0.75], tickFormat: (d) => `${Math.round(d * 100)}%`},
    y: {label: null, domain: departments},
    fx: {label: null, domain: KINDS.filter((k) => rows.some((d) => d.kind === k)), padding: 0.1},
    color: {legend: true, domain: [...LIGHTS, "未计"], range: [...LIGHT_COLORS, UNKNOWN_COLOR], tickFormat: (d) => (d === "未计" ? d : `${d}灯`)},
    marks: [
      Plot.barX(
        rows,
        Plot.groupY(
          {x: "sum"},
          {
            x: "n",
            y: "department",
            fx: "kind",
            fill: "light",
            order: [...LIGHTS, "未计"],
            offset: "normalize",
            tip: {format: {x: (d) => `${(d * 100).toFixed(1)}%`}}
          }
        )
      ),
      Plot.frame({stroke: "#ccc"})
    ]
  });
}
