/**
 * The year-by-year simulation of a region: which projects run, their funds and spending,
 * goal indicators, monitoring, self-evaluation — with deliberate variety (low performers,
 * inflated self-scores, idle carry-overs, zero budgets …) assigned per region and year.
 */
import type {Plan} from "./options.ts";
import {Rng, hash32} from "./random.ts";
import {executionScore, grade, round2} from "./scoring.ts";
import {createOneOff, type Region} from "./structure.ts";
import {STRUCT_CUMULATIVE, STRUCT_EQUAL_ZERO, STRUCT_QUALITATIVE, STRUCT_REVERSE, indicatorStructure, structureFlags, yearIndicators, targetText, fmtNum} from "./indicators.ts";
import type {Checkpoint, Profile, ProjectDef, ProjectYear, Unit} from "./types.ts";

export interface SimContext {
  seed: number;
  plan: Plan;
}

/** Monitoring checkpoint months: end of May and end of August; some departments use September in some years. */
export function checkpointMonths(year: number, deptTplIndex: number): number[] {
  return [5, year % 3 === 2 && deptTplIndex % 4 === 3 ? 9 : 8];
}

export function fundForYear(def: ProjectDef, year: number): string {
  // 扶贫资金 became 衔接推进乡村振兴补助资金 in 2021; in the transition year about half still carry the old label
  if (def.fund === "乡村振兴资金" && (year <= 2020 || (year === 2021 && hash32(def.code) % 2 === 0))) return "扶贫资金";
  return def.fund;
}

/** The projects running in `year` (recurring plus one-offs, exactly `quota` when possible), in a stable order. */
export function activeProjects(ctx: SimContext, region: Region, year: number): ProjectDef[] {
  const recurring = region.recurring.filter((p) => p.startYear <= year && year <= p.endYear);
  const continuing = region.oneOffs.filter((p) => p.startYear < year && year <= p.endYear);
  const n = Math.max(0, region.quota - recurring.length - continuing.length);
  const rng = Rng.of(ctx.seed, "oneoffs", region.index, year);
  const weights = region.units.map((u) => u.oneOffWeight);
  const fresh: ProjectDef[] = [];
  for (let k = 0; k < n; k++) {
    const unit = rng.weighted(region.units, weights) as Unit;
    fresh.push(createOneOff(region, unit, year, rng, ctx.plan));
  }
  region.oneOffs = [...continuing, ...fresh];
  const all = [...recurring, ...continuing, ...fresh];
  const deptOrder = new Map(region.depts.map((d, i) => [d, i]));
  return all.sort((a, b) =>
    (deptOrder.get(a.unit.dept) as number) - (deptOrder.get(b.unit.dept) as number) ||
    (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

interface Assigned {
  profile: Profile;
  traits: Set<string>;
}

/** Deliberate variety for this region-year: profiles and special cases, each a chosen handful of projects. */
function assignTraits(ctx: SimContext, region: Region, year: number, projects: ProjectDef[]): Map<ProjectDef, Assigned> {
  const rng = Rng.of(ctx.seed, "traits", region.index, year);
  const out = new Map<ProjectDef, Assigned>();
  for (const p of projects) out.set(p, {profile: "good", traits: new Set()});
  const get = (p: ProjectDef) => out.get(p) as Assigned;
  const n = projects.length;
  const count = (rate: number, min: number) => Math.max(n >= 40 ? min : 0, Math.round(n * rate));
  const choose = (pred: (p: ProjectDef) => boolean, k: number) => rng.sample(projects.filter(pred), k);

  // multi-year patterns decided per project
  for (const p of projects) {
    const a = get(p);
    if (p.chronicLow !== null && (year === p.chronicLow || year === p.chronicLow + 1)) {
      a.profile = rng.chance(0.6) ? "low" : "bad";
      a.traits.add("chronicLow");
    }
    if (p.idleStart !== null && (year === p.idleStart || year === p.idleStart + 1)) {
      a.traits.add("idle");
      a.profile = rng.chance(0.5) ? "fair" : "low";
    }
    if (p.idleStart !== null && year === p.idleStart - 1) a.traits.add("idlePre");
  }
  const plain = (p: ProjectDef) => get(p).profile === "good" && get(p).traits.size === 0;
  for (const p of choose(plain, count(0.035, 2))) get(p).profile = "bad";
  for (const p of choose(plain, count(0.09, 3))) get(p).profile = "low";
  for (const p of choose(plain, count(0.18, 5))) get(p).profile = "fair";

  const zeroOk = (p: ProjectDef) =>
    p.recurring && p.startYear < year && p.carryOut === 0 && !p.key && p.overlapGroup === null && plain(p);
  for (const p of choose(zeroOk, count(0.006, 2))) get(p).traits.add("zeroBudget");
  const special = (p: ProjectDef) => !get(p).traits.has("zeroBudget") && !get(p).traits.has("idle") && !get(p).traits.has("idlePre");
  for (const p of choose((p) => special(p) && !p.build, count(0.03, 2))) get(p).traits.add("underspend");
  for (const p of choose((p) => special(p) && !p.secret && !get(p).traits.has("underspend"), count(0.0025, 1))) get(p).traits.add("noGoals");
  const withGoals = (p: ProjectDef) => !get(p).traits.has("noGoals");
  for (const p of choose((p) => withGoals(p) && !p.secret, count(0.005, 1))) get(p).traits.add("noSelfEval");
  const evaluated = (p: ProjectDef) => withGoals(p) && !get(p).traits.has("noSelfEval");

  const weak = (p: ProjectDef) => evaluated(p) && get(p).profile !== "good" && !get(p).traits.has("zeroBudget");
  const inflated = choose(weak, count(0.05, 3));
  inflated.forEach((p, i) => get(p).traits.add(i % 2 === 0 ? "inflateRows" : "inflateTotal"));
  const honest = (p: ProjectDef) => evaluated(p) && !get(p).traits.has("inflateRows") && !get(p).traits.has("inflateTotal");
  for (const p of choose(honest, count(0.06, 2))) get(p).traits.add("noise");

  const flag = (p: ProjectDef, bit: number) => (structureFlags(ctx.seed, p) & bit) !== 0;
  const hasRev = (p: ProjectDef) => flag(p, STRUCT_REVERSE);
  const hasCum = (p: ProjectDef) => flag(p, STRUCT_CUMULATIVE);
  const hasEq0 = (p: ProjectDef) => flag(p, STRUCT_EQUAL_ZERO);
  const hasQual = (p: ProjectDef) => flag(p, STRUCT_QUALITATIVE);
  for (const p of choose((p) => withGoals(p) && hasRev(p), count(0.008, 2))) get(p).traits.add("rev2x");
  for (const p of choose((p) => withGoals(p) && hasCum(p), count(0.015, 2))) get(p).traits.add("over15");
  for (const p of choose((p) => withGoals(p) && hasEq0(p), count(0.008, 1))) get(p).traits.add("eqZeroMiss");
  for (const p of choose((p) => evaluated(p) && hasQual(p), count(0.01, 1))) get(p).traits.add("qualOutOfBand");
  for (const p of choose((p) => withGoals(p) && get(p).profile !== "good", count(0.015, 1))) get(p).traits.add("monFail");
  return out;
}

const PROFILE_RATE: Record<Profile, [number, number]> = {
  good: [0.9, 1.0],
  fair: [0.82, 1.0],
  low: [0.6, 0.95],
  bad: [0.3, 0.75]
};

/**
 * Simulate one region-year; updates each project's carried state (amount, carry-over, last score).
 * With `detail` false (a year that is simulated but not written) monitoring and texts are skipped;
 * they draw from their own random streams, so the rest is identical either way.
 */
export function simulateRegionYear(ctx: SimContext, region: Region, year: number, detail = true): ProjectYear[] {
  const projects = activeProjects(ctx, region, year);
  const assigned = assignTraits(ctx, region, year, projects);
  const w0 = ctx.plan.windowStart;
  const out: ProjectYear[] = [];
  for (const def of projects) {
    const {profile, traits} = assigned.get(def) as Assigned;
    const rng = Rng.of(ctx.seed, "finance", def.code, year);
    const isNew = year === def.startYear;
    const twoYearBuild = !def.recurring && def.endYear > def.startYear;

    // ---- funds
    let initial: number;
    if (twoYearBuild) initial = round2(isNew ? def.amount * def.firstYearShare : def.amount - round2(def.amount * def.firstYearShare));
    else initial = def.amount;
    let carryIn = year > w0 ? def.carryOut : 0;
    if (year === w0 && !isNew) {
      if (traits.has("idle")) carryIn = round2(def.amount * rng.float(0.3, 0.6));
      else if (def.recurring && rng.chance(0.1)) carryIn = round2(def.amount * rng.float(0.05, 0.3));
    }
    const adjust = rng.weightedIndex([75, 15, 10]);
    let fiscal = round2(adjust === 0 ? initial : adjust === 1 ? initial * rng.float(1.05, 1.4) : initial * rng.float(0.7, 0.95));
    let other = rng.chance(0.05) ? round2(fiscal * rng.float(0.05, 0.3)) : 0;
    if (traits.has("zeroBudget")) {
      initial = 0;
      fiscal = 0;
      other = 0;
      carryIn = 0;
    }
    const budget = round2(fiscal + carryIn + other);

    // ---- spending
    let rate: number;
    let carryAll = def.build || rng.chance(0.25);
    const [lo, hi] = PROFILE_RATE[profile];
    rate = profile === "good" && rng.chance(0.35) ? 1 : rng.float(lo, hi);
    if (traits.has("underspend")) rate = rng.float(0.12, 0.49);
    if (twoYearBuild && isNew) rate = rng.float(0.4, 0.75);
    let spent = round2(budget * rate);
    if (traits.has("idlePre")) {
      spent = round2(budget * rng.float(0.3, 0.5));
      carryAll = true;
    }
    if (traits.has("idle")) {
      // the carried-over money sits idle: only this year's money is (partly) spent
      spent = round2((fiscal + other) * rng.float(0.85, 1.0));
      carryAll = true;
    }
    if (budget === 0) spent = 0;
    spent = Math.min(spent, budget);
    const unspent = round2(budget - spent);
    const carryOut = year < def.endYear && carryAll ? unspent : 0;

    // ---- indicators and scores
    const months = detail ? checkpointMonths(year, def.unit.dept.tplIndex) : [];
    const hasGoals = !traits.has("noGoals");
    const hasSelfEval = hasGoals && !traits.has("noSelfEval");
    const structure = indicatorStructure(ctx.seed, def);
    const indicators = hasGoals
      ? yearIndicators(structure, {seed: ctx.seed, code: def.code, year, windowStart: w0, budget, spent, profile, traits, months})
      : [];
    const srng = Rng.of(ctx.seed, "selfeval", def.code, year);
    if (traits.has("inflateRows")) {
      for (const ind of indicators) if (ind.score < ind.weight) ind.reported = ind.weight;
    }
    const execScore = executionScore(spent, budget);
    let indScore = 0;
    let indReported = 0;
    for (const ind of indicators) {
      indScore += ind.score;
      indReported += ind.reported;
    }
    const recomputed = round2(execScore + indScore);
    let reported = round2(execScore + indReported);
    if (traits.has("inflateTotal") || (traits.has("inflateRows") && reported - recomputed <= 5)) {
      reported = round2(Math.min(100, recomputed + srng.float(6, 18)));
    }
    if (traits.has("noise")) reported = round2(Math.max(0, Math.min(100, recomputed + (srng.chance(0.5) ? 1 : -1) * srng.float(0.5, 3))));
    const conclusion = grade(reported);

    // ---- monitoring checkpoints
    const lagging = profile === "low" || profile === "bad" || traits.has("underspend") || traits.has("idle") || traits.has("idlePre");
    const mrng = Rng.of(ctx.seed, "monitor", def.code, year);
    const checkpoints: Checkpoint[] = [];
    for (const m of months) checkpoints.push(checkpoint(m, spent, profile, traits, lagging, mrng));

    // ---- 年度总体目标 texts
    let first = indicators[0];
    for (const ind of indicators) {
      if (ind.def.key === "数量") {
        first = ind;
        break;
      }
    }
    const goalText = first ? `${def.purpose.replace(/，.*$/, "")}，${first.def.name}${first.dir === "定性" ? "达成年度指标" : targetPhrase(first.dir, fmtNum(first.target), first.unit)}，${def.unit.dept.tpl.goal}` : def.purpose;
    const lead = recomputed >= 90 ? "全面完成年度绩效目标" : recomputed >= 80 ? "基本完成年度绩效目标" : "部分完成年度绩效目标";
    const actualText = first ? `${lead}，${first.def.name}${first.dir === "定性" ? (first.tier ?? "") : `${fmtNum(first.actual)}${first.unit}`}` : lead;

    out.push({
      year, def, attr: isNew ? "新增" : "延续", initial, fiscal, carryIn, other, budget, spent, carryOut,
      profile, traits, hasGoals, hasSelfEval, indicators, execScore, recomputed, reported, conclusion,
      checkpoints, goalText, actualText
    });

    // ---- carry state to next year
    def.carryOut = carryOut;
    if (def.recurring) {
      let next = def.amount * rng.float(0.96, 1.1);
      const score = hasSelfEval ? recomputed : null;
      if (score !== null && !def.key && rng.chance(0.85)) {
        if (score < 60) next *= 0.7;
        else if (score < 80) next *= 0.9;
      }
      def.amount = round2(Math.max(1, next));
      def.prevTotal = score;
    }
  }
  return out;
}

function checkpoint(m: number, spent: number, profile: Profile, traits: Set<string>, lagging: boolean, mrng: Rng): Checkpoint {
  const share = m === 5 ? (lagging ? mrng.float(0.05, 0.3) : mrng.float(0.28, 0.5)) : m === 8 ? (lagging ? mrng.float(0.25, 0.55) : mrng.float(0.55, 0.8)) : lagging ? mrng.float(0.3, 0.6) : mrng.float(0.62, 0.85);
  const review = traits.has("monFail")
    ? mrng.int(40, 59)
    : profile === "good" ? mrng.int(78, 96) : profile === "fair" ? mrng.int(68, 90) : profile === "low" ? mrng.int(56, 82) : mrng.int(45, 70);
  const rectified: Checkpoint["rectified"] = review < 60 ? (traits.has("monFail") ? "否" : mrng.chance(0.7) ? "是" : "否") : "";
  return {month: m, label: `1-${m}月`, spent: round2(spent * share), review, rectified};
}

function targetPhrase(dir: string, value: string, unit: string): string {
  if (dir === "≥" || dir === ">") return `达到${value}${unit}以上`;
  if (dir === "≤" || dir === "<") return `控制在${value}${unit}以内`;
  return `达到${value}${unit}`;
}

export {targetText};
