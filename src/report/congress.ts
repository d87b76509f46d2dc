import {mkdirSync, writeFileSync} from "node:fs";
import {dirname} from "node:path";
import {writePdf, type Chromium, type PdfResult} from "../browser/chromium.ts";
import type {Database} from "../db/database.ts";
import {congressFigures, type Figures} from "./figures.ts";
import {renderCongressHtml, type RenderedReport} from "./html.ts";
import type {Prose} from "./prose.ts";

export interface CongressOptions {
  year: number;
  /** The evaluated year (self-evaluations, evaluations, result application); default `year - 1`. */
  evalYear?: number;
  prose: Prose;
}

export interface CongressReport extends RenderedReport {
  queries: Figures;
  year: number;
  evalYear: number;
}

/** Computes the figures and renders the report to the people's congress as self-contained HTML. */
export async function buildCongressReport(db: Database, options: CongressOptions): Promise<CongressReport> {
  const year = options.year;
  const evalYear = options.evalYear ?? year - 1;
  const queries = await congressFigures(db, {year, evalYear});
  const rendered = renderCongressHtml(options.prose, queries);
  return {...rendered, queries, year, evalYear};
}

export interface CongressOutputs {
  html?: string;
  pdf?: string;
}

/** Writes the HTML and/or prints the PDF (A4, page numbers, table of contents with page numbers). */
export async function writeCongressReport(report: CongressReport, out: CongressOutputs, browser?: Chromium): Promise<PdfResult | null> {
  if (out.html) {
    mkdirSync(dirname(out.html), {recursive: true});
    writeFileSync(out.html, report.html, "utf8");
  }
  if (!out.pdf) return null;
  return writePdf(report.html, out.pdf, {headerText: report.title, fillTocPages: true}, browser);
}
