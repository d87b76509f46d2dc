// A project's explanation trail (marts.explanations) as sections of rules, in the order
// src/explain/explainProject.ts prints them: indicators, execution, total and grade, caps, checks,
// result application, monitoring, goal quality, spot-check.
import {html} from "npm:htl";

function source(d) {
  if (!d.source_file) return "—";
  return [d.source_file, d.source_sheet, d.source_row != null ? `第 ${d.source_row} 行` : null].filter(Boolean).join(" · ");
}

/** Rows: {section, section_order, seq, indicator, rule_id, formula, result, source_file, source_sheet, source_row}. */
export function ExplainTrail(rows) {
  const sections = new Map();
  for (const d of [...rows].sort((a, b) => a.section_order - b.section_order || a.seq - b.seq)) {
    if (!sections.has(d.section)) sections.set(d.section, []);
    sections.get(d.section).push(d);
  }
  if (sections.size === 0) return html`<p>该项目没有计算过程记录。</p>`;
  return html`<div class="jx-explain">${[...sections].map(
    ([section, items]) => html`<h3>${section}</h3>
      <table style="width: 100%; max-width: none;">
        <thead style="white-space: nowrap;"><tr>${items.some((d) => d.indicator) ? html`<th style="min-width: 8em;">指标</th>` : null}<th>规则</th><th>计算过程</th><th>结果</th><th style="min-width: 10em;">来源</th></tr></thead>
        <tbody>${items.map(
          (d) => html`<tr>${items.some((e) => e.indicator) ? html`<td>${d.indicator ?? ""}</td>` : null}<td style="font-size: 80%;"><code>${d.rule_id}</code></td><td>${d.formula}</td><td style="white-space: nowrap;">${d.result ?? "—"}</td><td style="font-size: 85%;">${source(d)}</td></tr>`
        )}</tbody>
      </table>`
  )}</div>`;
}
