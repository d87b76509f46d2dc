/**
 * Deterministic sample-data generator for jixiao: a county (or many) with departments, units,
 * projects, goal indicators, monitoring, self-evaluations, evaluations and findings, written in the
 * real export layouts (see /work/shared/domain/TEMPLATES.md).
 *
 *   await generateSample({out: "data/sample", scale: "county", years: [2021, 2022, 2023, 2024], seed: 1, format: "mixed"});
 *
 * The same options always produce byte-identical files. Regions are processed one at a time and all
 * tables are streamed, so memory stays bounded at province scale.
 */
import fs from "node:fs";
import path from "node:path";
import {deptOverallRows, departmentEvaluations, findings, keyEvaluations} from "./events.ts";
import {simulateRegionYear, type SimContext} from "./model.ts";
import {makePlan, resolveOptions, type Plan, type SampleOptions} from "./options.ts";
import {YearOutput} from "./output.ts";
import {renderReadme} from "./readme.ts";
import {buildRegion} from "./structure.ts";
import {YearStats, collectEvents, collectProjects, type PrevYear} from "./stats.ts";
import {
  deptOverallRow, evaluationRow, findingRow, goalRow, monitoringRow, projectRow, selfEvalIndicatorRow, selfEvalTotalRow
} from "./tables.ts";
import type {DeptOverallRow, EvaluationRow, FindingRow, ProjectYear} from "./types.ts";

export {parseScale, parseYears, SCALES, type SampleOptions} from "./options.ts";

export interface GeneratedFile {
  /** path relative to the output directory */
  path: string;
  bytes: number;
}

export interface GenerateResult {
  out: string;
  plan: Plan;
  stats: Map<number, YearStats>;
  files: GeneratedFile[];
}

export async function generateSample(options: SampleOptions): Promise<GenerateResult> {
  const opts = resolveOptions(options);
  const plan = makePlan(opts);
  const ctx: SimContext = {seed: opts.seed, plan};
  fs.mkdirSync(opts.out, {recursive: true});
  const requested = new Set(opts.years);
  const outputs = new Map<number, YearOutput>();
  const stats = new Map<number, YearStats>();
  for (const y of opts.years) {
    outputs.set(y, new YearOutput(opts.out, y, opts.format, plan.jurisdiction, opts.maxRowsPerSheet));
    stats.set(y, new YearStats());
  }
  const t0 = performance.now();
  const every = Math.max(1, Math.floor(plan.regions.length / 20));
  for (const rp of plan.regions) {
    const region = buildRegion(opts.seed, plan, rp);
    let prev: PrevYear | null = null;
    for (const year of plan.simYears) {
      const out = outputs.get(year);
      const s = stats.get(year);
      const projects = simulateRegionYear(ctx, region, year, requested.has(year));
      // evaluations are simulated every year (which projects were evaluated before matters later)
      const overall = deptOverallRows(opts.seed, region, year, projects);
      const evaluations = [...departmentEvaluations(opts.seed, region, year, projects), ...keyEvaluations(opts.seed, region, year, projects, overall)];
      if (out && s && requested.has(year)) {
        const found = findings(opts.seed, region, year, projects);
        s.add("regions");
        s.add("departments", region.depts.length);
        s.add("units", region.units.length);
        collectProjects(s, projects, prev);
        collectEvents(s, evaluations, found, projects);
        await writeRegionYear(out, s, rp.index, projects, evaluations, found, overall);
        if (rp.index === 0) out.closeForms();
      }
      prev = {
        recomputed: new Map(projects.filter((p) => p.hasSelfEval).map((p) => [p.def.code, p.recomputed])),
        carryIn: new Map(projects.map((p) => [p.def.code, p.carryIn]))
      };
    }
    if (opts.progress && ((rp.index + 1) % every === 0 || rp.index === plan.regions.length - 1)) {
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      process.stderr.write(`[sample] region ${rp.index + 1}/${plan.regions.length} (${rp.name}) done, ${secs}s, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB\n`);
    }
  }
  for (const out of outputs.values()) await out.close();

  const files = listFiles(opts.out).filter((f) => f.path !== "README.md");
  fs.writeFileSync(path.join(opts.out, "README.md"), renderReadme(plan, stats, files));
  return {out: opts.out, plan, stats, files: listFiles(opts.out)};
}

async function put(w: {writeRow(cells: ReadonlyArray<unknown>): Promise<void> | undefined}, cells: ReadonlyArray<unknown>): Promise<void> {
  const p = w.writeRow(cells);
  if (p) await p;
}

async function writeRegionYear(
  out: YearOutput, s: YearStats, regionIndex: number, projects: ProjectYear[],
  evaluations: EvaluationRow[], found: FindingRow[], overall: DeptOverallRow[]
): Promise<void> {
  const tProjects = out.table("projects");
  const tGoals = out.table("goals");
  const tSelfInd = out.table("selfevalIndicators");
  const tSelfTot = out.table("selfevalTotals");
  for (const p of projects) {
    await put(tProjects, projectRow(p));
    if (!p.hasGoals) continue;
    for (const ind of p.indicators) await put(tGoals, goalRow(p, ind));
    for (let k = 0; k < p.checkpoints.length; k++) {
      const cp = p.checkpoints[k] as ProjectYear["checkpoints"][number];
      const tMon = out.table(`monitoring:${cp.month}`);
      s.add(`monitoring.${cp.label}.projects`);
      for (const ind of p.indicators) await put(tMon, monitoringRow(p, cp, ind, k));
      s.add("monitoring.rows", p.indicators.length);
    }
    if (!p.hasSelfEval) continue;
    const layout = p.def.secret ? null : out.formLayout(regionIndex, p.def.unit.dept);
    if (layout && out.addForm(p, layout)) {
      s.add(`selfeval.forms.${layout}`);
      continue;
    }
    for (const ind of p.indicators) await put(tSelfInd, selfEvalIndicatorRow(p, ind));
    await put(tSelfTot, selfEvalTotalRow(p));
    s.add("selfeval.flat.projects");
    s.add("selfeval.flat.rows", p.indicators.length);
  }
  const tEval = out.table("evaluations");
  for (const e of evaluations) await put(tEval, evaluationRow(e));
  const tFind = out.table("findings");
  for (const f of found) await put(tFind, findingRow(f));
  const tOverall = out.table("deptOverall");
  for (const o of overall) await put(tOverall, deptOverallRow(o));
}

function listFiles(root: string): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const st = fs.statSync(full);
      if (st.isDirectory()) walk(full);
      else out.push({path: path.relative(root, full).split(path.sep).join("/"), bytes: st.size});
    }
  };
  walk(root);
  return out;
}
