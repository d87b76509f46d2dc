/**
 * What happens around the projects in a region-year: department evaluations (部门评价), finance key
 * evaluations (财政重点评价), findings (审计 / 监督检查 / 绩效监控 / 真实性核查) and the department-overall rows.
 */
import {POLICIES, THIRD_PARTIES} from "./catalog.ts";
import {Rng} from "./random.ts";
import {grade, round1, round2} from "./scoring.ts";
import type {Region} from "./structure.ts";
import type {DeptOverallRow, EvaluationRow, FindingRow, ProjectYear} from "./types.ts";

export function deptOverallRows(seed: number, region: Region, year: number, projects: ProjectYear[]): DeptOverallRow[] {
  const byUnit = new Map<string, number>();
  for (const p of projects) byUnit.set(p.def.unit.code, (byUnit.get(p.def.unit.code) ?? 0) + p.budget);
  return region.units.map((u) => {
    const rng = Rng.of(seed, "overall", u.code, year);
    const budget = round2((byUnit.get(u.code) ?? 0) * rng.float(1.3, 2.8) + rng.float(50, 300));
    const goalsSet = rng.chance(0.97) ? "是" : "否";
    const selfScore = goalsSet === "是" && rng.chance(0.98) ? round1(rng.float(78, 98)) : null;
    return {year, unitCode: u.code, unitName: u.name, budget, goalsSet, selfScore, monitored: rng.chance(0.92) ? "是" : "否"};
  });
}

function evalScore(rng: Rng, base: number, down: number): number {
  return round1(Math.max(35, Math.min(98, base - rng.float(0, down) + rng.float(-3, 3))));
}

export function departmentEvaluations(seed: number, region: Region, year: number, projects: ProjectYear[]): EvaluationRow[] {
  const out: EvaluationRow[] = [];
  for (const dept of region.depts) {
    const rng = Rng.of(seed, "depteval", dept.code, year);
    const all = projects.filter((p) => p.def.unit.dept === dept);
    const total = all.reduce((s, p) => s + p.budget, 0);
    if (total <= 0) continue;
    const candidates = all.filter((p) => p.budget > 0 && p.hasSelfEval && !p.def.secret);
    const mode = rng.weighted(["full", "short", "none"] as const, [55, 30, 15]);
    let chosen: ProjectYear[] = [];
    if (mode === "full") {
      // first those never evaluated before, and one-off projects; then the larger ones
      const ordered = rng.shuffle(candidates.slice()).sort((a, b) => {
        const ka = (region.evaluatedBefore.has(a.def.code) ? 2 : 0) + (a.def.recurring ? 1 : 0);
        const kb = (region.evaluatedBefore.has(b.def.code) ? 2 : 0) + (b.def.recurring ? 1 : 0);
        return ka - kb || b.budget - a.budget;
      });
      let covered = 0;
      for (const p of ordered) {
        if (covered >= 0.2 * total) break;
        chosen.push(p);
        covered += p.budget;
      }
    } else if (mode === "short") {
      const cap = total * rng.float(0.03, 0.15);
      let covered = 0;
      for (const p of rng.shuffle(candidates.slice()).sort((a, b) => a.budget - b.budget)) {
        if (covered + p.budget > cap) break;
        chosen.push(p);
        covered += p.budget;
        if (chosen.length >= 2) break;
      }
    }
    chosen = chosen.sort((a, b) => (a.def.code < b.def.code ? -1 : 1));
    for (const p of chosen) {
      region.evaluatedBefore.add(p.def.code);
      const score = evalScore(rng, p.recomputed, 8);
      out.push({
        year, kind: "部门评价", objectType: "项目", projectCode: p.def.code, unitCode: p.def.unit.code, object: p.def.name,
        agency: rng.chance(0.7) ? dept.name : rng.pick(THIRD_PARTIES), amount: p.budget, score, grade: grade(score)
      });
    }
  }
  return out;
}

export function keyEvaluations(seed: number, region: Region, year: number, projects: ProjectYear[], overall: DeptOverallRow[]): EvaluationRow[] {
  const rng = Rng.of(seed, "keyeval", region.index, year);
  const out: EvaluationRow[] = [];
  const used = new Set<string>();
  const pool = projects.filter((p) => p.budget > 0 && p.hasSelfEval && !p.def.secret);
  if (pool.length === 0) return out;
  const compliant = year % 4 === 0; // one year in four meets "≥ 10 projects"
  const missState = year % 4 === 2; // one year in four misses 国有资本经营预算 coverage
  const nObjects = compliant ? 12 : rng.int(6, 10);
  const nPolicies = compliant ? 1 : rng.int(1, 2);
  const extraTypes = compliant ? [] : rng.sample(["政府采购", "政府购买服务", "专项债券", "其他"] as const, rng.int(1, 2));
  const nProjects = Math.max(1, nObjects - 1 - nPolicies - extraTypes.length);
  const agency = () => rng.pick(THIRD_PARTIES);
  const addProject = (p: ProjectYear, type: EvaluationRow["objectType"]) => {
    used.add(p.def.code);
    region.evaluatedBefore.add(p.def.code);
    const score = evalScore(rng, p.recomputed, 12);
    out.push({year, kind: "财政重点评价", objectType: type, projectCode: p.def.code, unitCode: p.def.unit.code, object: p.def.name, agency: agency(), amount: p.budget, score, grade: grade(score)});
  };
  const pickWhere = (pred: (p: ProjectYear) => boolean): ProjectYear | undefined => {
    const c = pool.filter((p) => !used.has(p.def.code) && pred(p));
    if (c.length === 0) return undefined;
    c.sort((a, b) => b.budget - a.budget);
    return rng.pick(c.slice(0, 5));
  };

  // projects: cover 政府性基金预算 and 国有资本经营预算 (except the "miss" year), then the largest
  const fundP = pickWhere((p) => p.def.budgetType === "政府性基金预算");
  if (fundP) addProject(fundP, "项目");
  if (!missState) {
    const soe = pickWhere((p) => p.def.budgetType === "国有资本经营预算");
    if (soe) addProject(soe, "项目");
  }
  while (out.length < nProjects) {
    const p = pickWhere((x) => x.def.budgetType === "一般公共预算" && x.budget >= 50) ?? pickWhere(() => true);
    if (!p) break;
    addProject(p, "项目");
  }

  // department overall
  const dept = rng.pick(region.depts);
  const deptUnits = new Set(dept.units.map((u) => u.code));
  const deptBudget = round2(overall.filter((o) => deptUnits.has(o.unitCode)).reduce((s, o) => s + o.budget, 0));
  const dScore = round1(rng.float(72, 95));
  out.push({year, kind: "财政重点评价", objectType: "部门整体", projectCode: "", unitCode: (dept.units[0] as {code: string}).code, object: `${dept.name}部门整体支出`, agency: agency(), amount: deptBudget, score: dScore, grade: grade(dScore)});

  // policies
  const policies = rng.shuffle(POLICIES.slice()).filter((pol) => projects.some((p) => pol.t.some((t) => p.def.name.includes(t))));
  for (const pol of policies.slice(0, nPolicies)) {
    const members = projects.filter((p) => pol.t.some((t) => p.def.name.includes(t)));
    const amount = round2(members.reduce((s, p) => s + p.budget, 0));
    const score = round1(rng.float(70, 94));
    out.push({year, kind: "财政重点评价", objectType: "财政政策", projectCode: "", unitCode: (members[0] as ProjectYear).def.unit.code, object: pol.n, agency: agency(), amount, score, grade: grade(score)});
  }

  for (const type of extraTypes) {
    if (type === "专项债券") {
      const p = pickWhere((x) => x.def.fund === "政府债券");
      if (p) {
        addProject(p, "专项债券");
        continue;
      }
    }
    if (type === "政府采购") {
      const p = pickWhere((x) => /购置|采购/.test(x.def.name));
      if (p) {
        addProject(p, "政府采购");
        continue;
      }
    }
    if (type === "政府购买服务") {
      const p = pickWhere((x) => /购买服务|保洁|运营补贴/.test(x.def.name));
      if (p) {
        addProject(p, "政府购买服务");
        continue;
      }
    }
    const fin = region.units.find((u) => u.dept.tpl.name === "财政局") ?? (region.units[0] as {code: string});
    const score = round1(rng.float(70, 92));
    out.push({year, kind: "财政重点评价", objectType: "其他", projectCode: "", unitCode: fin.code, object: `${region.name}产业发展引导资金`, agency: agency(), amount: round2(rng.float(200, 1500)), score, grade: grade(score)});
  }
  region.lastKeyEvalFunds = round2(out.reduce((s, r) => s + r.amount, 0));
  return out;
}

const AUDIT_MINOR = [
  "项目资金存在超范围支出",
  "未按规定履行政府采购程序",
  "项目资金闲置，未及时发挥效益",
  "会计核算不规范，原始凭证不完整",
  "项目结余资金未及时上缴财政",
  "项目管理制度不健全，验收程序不规范"
];
const AUDIT_MAJOR = ["挤占挪用项目资金", "虚列支出套取财政资金", "违规出借财政资金", "重复申报套取补助资金"];
const INSPECTION = [
  "绩效目标设置不合理，部分指标不可衡量",
  "项目实施进度滞后，资金拨付不及时",
  "未按规定公开项目绩效信息",
  "补助对象审核把关不严"
];
const MONITOR = ["1-8月预算执行率低于序时进度", "绩效目标完成进度严重滞后", "预算执行率与绩效目标完成率偏差超过20个百分点", "监控发现绩效目标偏离，未及时纠偏"];
const UNTRUE = ["自评核心指标完成情况与实际不符", "自评得分与佐证材料不符，存在虚报完成值", "绩效目标完成数据无佐证材料支撑"];

export function findings(seed: number, region: Region, year: number, projects: ProjectYear[]): FindingRow[] {
  const rng = Rng.of(seed, "findings", region.index, year);
  const out: FindingRow[] = [];
  const n = projects.length;
  const count = (rate: number, min: number) => Math.max(n >= 40 ? min : 0, Math.round(n * rate));
  const open = projects.filter((p) => !p.def.secret && p.budget > 0);

  for (const p of rng.sample(open, count(0.03, 2))) {
    const major = rng.chance(0.2);
    out.push({year, projectCode: p.def.code, source: "审计", text: major ? `${rng.pick(AUDIT_MAJOR)}${fmtWan(p.budget * rng.float(0.05, 0.3))}万元` : rng.pick(AUDIT_MINOR), severity: major ? "重大" : "一般", rectified: rng.chance(0.55) ? "是" : "否", verdict: ""});
  }
  for (const p of rng.sample(open, count(0.015, 1))) {
    const major = rng.chance(0.05);
    out.push({year, projectCode: p.def.code, source: "监督检查", text: major ? "违规发放津贴补贴" : rng.pick(INSPECTION), severity: major ? "重大" : "一般", rectified: rng.chance(0.6) ? "是" : "否", verdict: ""});
  }
  for (const p of projects) {
    if (!p.hasGoals) continue;
    const failed = p.checkpoints.filter((c) => c.review < 60);
    if (failed.length === 0 || !rng.chance(0.6)) continue;
    const last = failed[failed.length - 1] as (typeof failed)[number];
    out.push({year, projectCode: p.def.code, source: "绩效监控", text: rng.pick(MONITOR), severity: "一般", rectified: last.rectified === "是" ? "是" : "否", verdict: ""});
  }
  // truthfulness spot-checks: a random share of self-evaluations plus most of the inflated ones
  const evaluated = projects.filter((p) => p.hasSelfEval && !p.def.secret);
  const inflated = evaluated.filter((p) => p.reported - p.recomputed > 5);
  const sample = new Set<ProjectYear>([...rng.sample(evaluated, count(0.05, 3)), ...inflated.filter(() => rng.chance(0.6))]);
  const checked = evaluated.filter((p) => sample.has(p));
  let untrue = 0;
  const rows = checked.map((p) => {
    const isInflated = p.reported - p.recomputed > 5;
    const bad = isInflated ? rng.chance(0.6) : rng.chance(0.03);
    if (bad) untrue++;
    return {p, bad};
  });
  if (untrue === 0 && rows.length > 0 && n >= 40) {
    const target = rows.find((r) => r.p.reported - r.p.recomputed > 5) ?? rows[0];
    if (target) target.bad = true;
  }
  for (const {p, bad} of rows) {
    if (bad) out.push({year, projectCode: p.def.code, source: "真实性核查", text: rng.pick(UNTRUE), severity: rng.chance(0.6) ? "重大" : "一般", rectified: rng.chance(0.3) ? "是" : "否", verdict: "不属实"});
    else out.push({year, projectCode: p.def.code, source: "真实性核查", text: "抽查核实，自评结果与实际相符", severity: "", rectified: "", verdict: "属实"});
  }
  const order = new Map(projects.map((p, i) => [p.def.code, i]));
  const srcOrder = {审计: 0, 监督检查: 1, 绩效监控: 2, 真实性核查: 3};
  return out.sort((a, b) => (order.get(a.projectCode) as number) - (order.get(b.projectCode) as number) || srcOrder[a.source] - srcOrder[b.source]);
}

function fmtWan(x: number): string {
  return String(round2(x));
}
