/** Counters of what was generated, per year — they feed the README and the CLI summary. */
import {inTierBand} from "./scoring.ts";
import {grade} from "./scoring.ts";
import {fundForYear} from "./model.ts";
import type {EvaluationRow, FindingRow, ProjectYear} from "./types.ts";

export class YearStats {
  readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/** Per-region memory of the previous year, for the multi-year cases. */
export interface PrevYear {
  recomputed: Map<string, number>;
  carryIn: Map<string, number>;
}

export function collectProjects(s: YearStats, projects: ProjectYear[], prev: PrevYear | null): void {
  for (const p of projects) {
    const d = p.def;
    s.add("projects");
    s.add(d.recurring ? "projects.recurring" : "projects.oneoff");
    s.add(p.attr === "新增" ? "projects.new" : "projects.continuing");
    s.add("budget.total", p.budget);
    s.add("spent.total", p.spent);
    s.add(`budgetType.${d.budgetType}`);
    s.add(`fund.${fundForYear(d, p.year)}`);
    if (d.key) s.add("case.key");
    if (d.secret) s.add("case.secret");
    if (d.invest !== null && d.invest >= 200) s.add("case.major");
    if (d.overlapGroup !== null) s.add("case.overlap");
    if (p.budget === 0) s.add("case.zeroBudget");
    if (p.budget > 0 && p.spent / p.budget < 0.5) s.add("case.underspend");
    if (p.carryIn > 0) s.add("case.carryIn");
    if (p.attr === "新增" && (d.exAnte === "不支持" || d.exAnte === "未评估")) s.add(`case.exAnte.${d.exAnte}`);
    if (!p.hasGoals) s.add("case.noGoals");
    else {
      s.add("goals.projects");
      s.add("goals.rows", p.indicators.length);
      if (p.indicators.length < 8) s.add("case.fewIndicators");
      const quant = p.indicators.filter((i) => i.dir !== "定性").length;
      if (quant / p.indicators.length <= 0.7) s.add("case.lowQuant");
      for (const ind of p.indicators) {
        if (ind.dir === "=" && ind.target === 0) {
          s.add("case.eqZero");
          if (ind.actual > 0) s.add("case.eqZeroMiss");
        }
        if ((ind.dir === "≤" || ind.dir === "<") && ind.target > 0 && ind.actual >= 2 * ind.target) s.add("case.reverse2x");
        if ((ind.dir === "≥" || ind.dir === ">") && !ind.def.pct && ind.target > 0 && ind.actual / ind.target >= 1.5) s.add("case.over15");
        if (ind.tier && p.hasSelfEval && !inTierBand(ind.tier, ind.reported, ind.weight)) s.add("case.qualOutOfBand");
        if ((ind.def.key === "成本" && (ind.dir === "≥" || ind.dir === ">")) || (ind.def.pct && ind.target > 100) || (ind.dir !== "定性" && ind.unit === "")) s.add("case.goalDefect");
      }
      const failed = p.checkpoints.filter((c) => c.review < 60 && c.rectified === "否");
      if (failed.length >= 2) s.add("case.monFailTwice");
    }
    if (p.hasSelfEval) {
      s.add(`grade.${grade(p.recomputed)}`);
      if (p.reported - p.recomputed > 5) s.add("case.inflated");
      if (prev) {
        const last = prev.recomputed.get(d.code);
        if (last !== undefined && last < 80 && p.recomputed < 80) s.add("case.below80TwoYears");
      }
    } else if (p.hasGoals) s.add("case.noSelfEval");
    if (prev && p.carryIn > 0 && (prev.carryIn.get(d.code) ?? 0) > 0 && p.spent <= p.budget - p.carryIn + 0.01) s.add("case.idleCarryTwoYears");
  }
}

export function collectEvents(s: YearStats, evaluations: EvaluationRow[], findings: FindingRow[], projects: ProjectYear[]): void {
  const deptBudget = new Map<string, number>();
  for (const p of projects) deptBudget.set(p.def.unit.dept.code, (deptBudget.get(p.def.unit.dept.code) ?? 0) + p.budget);
  const covered = new Map<string, number>();
  const deptOf = new Map(projects.map((p) => [p.def.code, p.def.unit.dept.code]));
  for (const e of evaluations) {
    if (e.kind === "部门评价") {
      s.add("eval.dept");
      const dc = deptOf.get(e.projectCode);
      if (dc) covered.set(dc, (covered.get(dc) ?? 0) + e.amount);
    } else {
      s.add("eval.key");
      s.add(`eval.key.${e.objectType}`);
    }
  }
  for (const [dc, total] of deptBudget) {
    if (total <= 0) continue;
    const share = (covered.get(dc) ?? 0) / total;
    s.add(share >= 0.2 ? "eval.deptCovered" : share > 0 ? "eval.deptShort" : "eval.deptNone");
  }
  for (const f of findings) {
    s.add(`finding.${f.source}`);
    if (f.severity === "重大") s.add("finding.major");
    if (f.verdict === "不属实") s.add("finding.untrue");
    if ((f.source === "审计" || f.source === "监督检查") && f.rectified === "否") s.add("finding.unrectified");
  }
}
