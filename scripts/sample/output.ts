/** The files of one year: which writer (xlsx / CSV, encoding) each table goes to, per output format. */
import fs from "node:fs";
import path from "node:path";
import type {Dept, OutputFormat, ProjectYear} from "./types.ts";
import {CsvWriter, type Cell, type CsvEncoding} from "./write-csv.ts";
import {FormWorkbookWriter, type FormLayout} from "./write-forms.ts";
import {XlsxTableWriter} from "./write-xlsx.ts";
import {
  EVALUATION_HEADER, FINDING_HEADER, SELFEVAL_INDICATOR_HEADER, SELFEVAL_TOTAL_HEADER,
  deptOverallLayout, goalsLayout, monitoringLayout, projectsLayout, type TableLayout
} from "./tables.ts";

export interface TableWriter {
  readonly path: string;
  rows: number;
  writeRow(cells: ReadonlyArray<Cell>): Promise<void> | undefined;
  close(): Promise<void>;
}

export type TableKey = "projects" | "goals" | "selfevalIndicators" | "selfevalTotals" | "evaluations" | "findings" | "deptOverall" | `monitoring:${number}`;

/** Departments whose self-evaluations are published as forms (mixed format, first county only). */
export const STANDARD_FORM_DEPTS = ["教育局", "农业农村局", "交通运输局"];
export const SICHUAN_FORM_DEPT = "卫生健康委员会";
const FORM_SHEET_CAP: Record<OutputFormat, number> = {mixed: 150, xlsx: 10, csv: 0};

const OWN_FILE = /^(projects|goals|monitoring_1-\d+|selfeval_\w+|evaluations|findings|dept_overall)[^/]*\.(xlsx|csv)$/;

interface FileSpec {
  name: string;
  kind: "xlsx" | CsvEncoding;
}

export class YearOutput {
  readonly dir: string;
  private readonly writers = new Map<string, TableWriter>();
  private readonly forms = new Map<string, FormWorkbookWriter>();
  readonly formCounts = {standard: 0, sichuan: 0};

  constructor(root: string, readonly year: number, readonly format: OutputFormat, readonly jurisdiction: string, readonly maxRowsPerSheet: number) {
    this.dir = path.join(root, String(year));
    fs.mkdirSync(this.dir, {recursive: true});
    // remove files of an earlier run (only names this generator writes)
    for (const name of fs.readdirSync(this.dir)) {
      if (OWN_FILE.test(name)) fs.rmSync(path.join(this.dir, name), {force: true});
    }
    for (const k of ["projects", "goals", "selfevalIndicators", "selfevalTotals", "evaluations", "findings", "deptOverall"] as const) this.table(k);
  }

  private fileSpec(key: TableKey): FileSpec {
    const x = this.format === "xlsx";
    const c = this.format === "csv";
    if (key.startsWith("monitoring:")) return {name: `monitoring_1-${key.split(":")[1]}.${c ? "csv" : "xlsx"}`, kind: c ? "utf8bom" : "xlsx"};
    switch (key) {
      case "projects": return c ? {name: "projects.gbk.csv", kind: "gb18030"} : {name: "projects.xlsx", kind: "xlsx"};
      case "goals": return c ? {name: "goals.csv", kind: "utf8bom"} : {name: "goals.xlsx", kind: "xlsx"};
      case "selfevalIndicators": return x ? {name: "selfeval_indicators.xlsx", kind: "xlsx"} : {name: "selfeval_indicators.gbk.csv", kind: "gb18030"};
      case "selfevalTotals": return x ? {name: "selfeval_totals.xlsx", kind: "xlsx"} : {name: "selfeval_totals.gbk.csv", kind: "gb18030"};
      case "evaluations": return x ? {name: "evaluations.xlsx", kind: "xlsx"} : {name: "evaluations.csv", kind: "utf8bom"};
      case "findings": return x ? {name: "findings.xlsx", kind: "xlsx"} : {name: "findings.csv", kind: "utf8bom"};
      case "deptOverall": return c ? {name: "dept_overall.csv", kind: "utf8bom"} : {name: "dept_overall.xlsx", kind: "xlsx"};
      default: throw new Error(`unknown table ${key}`);
    }
  }

  private layout(key: TableKey): TableLayout {
    if (key.startsWith("monitoring:")) return monitoringLayout(this.year, Number(key.split(":")[1]));
    const flat = (sheetName: string, header: string[]): TableLayout => ({sheet: {sheetName, header: {rows: [header]}}, csvHeader: header});
    switch (key) {
      case "projects": return projectsLayout(this.year, this.jurisdiction);
      case "goals": return goalsLayout(this.year, this.jurisdiction);
      case "selfevalIndicators": return flat("自评指标", SELFEVAL_INDICATOR_HEADER);
      case "selfevalTotals": return flat("自评汇总", SELFEVAL_TOTAL_HEADER);
      case "evaluations": return flat("评价结果", EVALUATION_HEADER);
      case "findings": return flat("问题清单", FINDING_HEADER);
      case "deptOverall": return deptOverallLayout(this.year, this.jurisdiction);
      default: throw new Error(`unknown table ${key}`);
    }
  }

  table(key: TableKey): TableWriter {
    const existing = this.writers.get(key);
    if (existing) return existing;
    const spec = this.fileSpec(key);
    const layout = this.layout(key);
    const file = path.join(this.dir, spec.name);
    const w: TableWriter = spec.kind === "xlsx" ? new XlsxTableWriter(file, layout.sheet, this.maxRowsPerSheet) : new CsvWriter(file, spec.kind, layout.csvHeader);
    this.writers.set(key, w);
    return w;
  }

  /** Where a project's self-evaluation goes: a form sheet (returns the layout) or the flat tables (null). */
  formLayout(regionIndex: number, dept: Dept): FormLayout | null {
    if (regionIndex !== 0 || this.format === "csv") return null;
    if (this.format === "xlsx") return dept.tpl.name === STANDARD_FORM_DEPTS[0] ? "standard" : null;
    if (STANDARD_FORM_DEPTS.includes(dept.tpl.name)) return "standard";
    if (dept.tpl.name === SICHUAN_FORM_DEPT) return "sichuan";
    return null;
  }

  /** Adds the project to its department's form workbook; false when the cap is reached (use the flat tables). */
  addForm(p: ProjectYear, layout: FormLayout): boolean {
    const dept = p.def.unit.dept;
    let wb = this.forms.get(dept.code);
    if (!wb) {
      const name = layout === "standard" ? `selfeval_forms_${dept.code}_${dept.tpl.name}.xlsx` : `selfeval_forms_sichuan_${dept.code}_${dept.tpl.name}.xlsx`;
      wb = new FormWorkbookWriter(path.join(this.dir, name), layout);
      this.forms.set(dept.code, wb);
    }
    if (wb.sheets >= FORM_SHEET_CAP[this.format]) return false;
    wb.addProject(p);
    this.formCounts[layout]++;
    return true;
  }

  private closing: Array<Promise<void>> = [];

  /**
   * Form workbooks are only written for the first region: start finishing them as soon as it is done
   * (the ZIP work then overlaps with the rest of the generation; `close` waits for it).
   */
  closeForms(): void {
    for (const wb of this.forms.values()) this.closing.push(wb.close());
    this.forms.clear();
  }

  async close(): Promise<void> {
    this.closeForms();
    await Promise.all([...this.closing, ...[...this.writers.values()].map((w) => w.close())]);
  }
}
