import * as Plot from "npm:@observablehq/plot";
import {LIGHT_COLORS, formatScore} from "./format.js";

const MIN_WIDTH = 360;

/**
 * Self-reported total (y) against the recomputed total (x). The diagonal is agreement; the dashed lines
 * are ± `threshold` points: above the upper one the self-score is inflated (自评虚高), drawn as a
 * vermillion triangle, below the lower one too low (自评偏低). Rows: {total_score, reported_score, self_score_flag}.
 */
export function ReportedVsRecomputed(rows, {width, height = 420, threshold = 5} = {}) {
  const data = rows
    .filter((d) => d.total_score != null && d.reported_score != null)
    .map((d) => ({...d, flag: d.self_score_flag ?? "一致"}));
  const low = Math.max(0, Math.min(...data.map((d) => Math.min(d.total_score, d.reported_score))) - 5);
  return Plot.plot({
    // a container briefly laid out narrow (e.g. while a page is captured) must not invert the scales
    width: Math.max(MIN_WIDTH, width ?? 640),
    height,
    grid: true,
    x: {label: "重算总分 →", domain: [low, 100]},
    y: {label: "↑ 自评总分", domain: [low, 100]},
    symbol: {legend: true, domain: ["自评虚高", "自评偏低", "一致"], range: ["triangle", "square", "circle"]},
    color: {domain: ["自评虚高", "自评偏低", "一致"], range: [LIGHT_COLORS[0], LIGHT_COLORS[3], "#9a9a9a"]},
    marks: [
      Plot.line([[low, low], [100, 100]], {stroke: "#666"}),
      Plot.line([[low, low + threshold], [100 - threshold, 100]], {stroke: "#666", strokeDasharray: "4 3"}),
      Plot.line([[low + threshold, low], [100, 100 - threshold]], {stroke: "#666", strokeDasharray: "4 3"}),
      Plot.dot(data, {
        x: "total_score",
        y: "reported_score",
        symbol: "flag",
        stroke: "flag",
        fill: "flag",
        fillOpacity: (d) => (d.flag === "一致" ? 0.3 : 0.9),
        r: (d) => (d.flag === "一致" ? 3 : 5),
        sort: (d) => (d.flag === "一致" ? 0 : 1),
        channels: {项目: (d) => `${d.project_code} ${d.project_name}`, 部门: "department", 差额: (d) => formatScore(d.score_gap)},
        tip: true
      })
    ]
  });
}
