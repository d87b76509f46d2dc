// The note a page shows above a list it ships capped (src/report-data/row-caps.ts): how many rows it lists, how many
// there are, which come first, and where the full list is.
import {html} from "npm:htl";

/**
 * `listed` rows shipped of `all` (both for the same year or checkpoint, before the page's filters); null when nothing is
 * left out. `order` says which rows come first, `full` where to get all of them.
 */
export function ListedNote(listed, all, {unit = "个项目", order, full}) {
  if (!(all > listed)) return null;
  return html`<div class="note jx-listed-note">共 ${all.toLocaleString("zh-CN")} ${unit}，本页只列出最需关注的 ${listed.toLocaleString("zh-CN")} ${unit}（${order}），未列出 ${(all - listed).toLocaleString("zh-CN")} ${unit}；下面的图表和清单只含列出的部分。${full}</div>`;
}
