import {csvFormat} from "npm:d3-dsv";
import {html} from "npm:htl";
import {arrowRows, columnNames} from "./arrowRows.js";

/** CSV text of a result, with a UTF-8 byte-order mark so Excel shows Chinese correctly. */
export function toCsv(result) {
  const rows = arrowRows(result).map((row) => {
    const out = {};
    for (const [key, value] of Object.entries(row)) out[key] = value instanceof Date ? value.toISOString() : value;
    return out;
  });
  return "\ufeff" + csvFormat(rows, columnNames(result));
}

/** A button that saves a result as CSV from memory (a Blob link: nothing leaves the browser). */
export function DownloadButton(result, {filename = "查询结果.csv", label = "下载 CSV"} = {}) {
  const button = html`<button type="button" class="jx-no-print">${label}</button>`;
  button.onclick = () => {
    const url = URL.createObjectURL(new Blob([toCsv(result)], {type: "text/csv;charset=utf-8"}));
    const link = html`<a href=${url} download=${filename} hidden></a>`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return button;
}
