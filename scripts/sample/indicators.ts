/**
 * Goal indicators: a project's stable indicator structure (三级指标, direction, unit, weight) and,
 * per year, the targets, actual values, official scores, self-reported scores and monitoring progress.
 */
import {GENERIC_INDICATORS, LEVEL2} from "./catalog.ts";
import type {Level2Key} from "./catalog.ts";
import {Rng} from "./random.ts";
import {QUAL_TIERS, inTierBand, qualRecomputed, quantScore, round1, round2, tierBand} from "./scoring.ts";
import type {Direction, Indicator, IndicatorDef, IndicatorProgress, Outcome, Profile, ProjectDef, QualTier} from "./types.ts";

// ---------------------------------------------------------------------------------------------
// spec parsing

interface Spec {
  key: Level2Key;
  name: string;
  dir: Direction;
  unit: string;
  lo: number;
  hi: number;
  decimals: number;
  budgetTied: boolean;
}

const specCache = new Map<string, Spec>();

export function parseSpec(s: string): Spec {
  const cached = specCache.get(s);
  if (cached) return cached;
  const [key, name, dir, unit = "", range = ""] = s.split("|");
  if (!key || !name || !dir || !(key in LEVEL2)) throw new Error(`bad indicator spec: ${s}`);
  let lo = NaN;
  let hi = NaN;
  let decimals = 0;
  let budgetTied = false;
  if (dir !== "定性") {
    if (range === "@budget") {
      budgetTied = true;
      decimals = 2;
    } else {
      const parts = range.split("-");
      lo = Number(parts[0]);
      hi = Number(parts[1] ?? parts[0]);
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new Error(`bad indicator range: ${s}`);
      decimals = Math.max(...parts.map((p) => (p.includes(".") ? (p.split(".")[1] as string).length : 0)));
    }
  }
  const spec: Spec = {key: key as Level2Key, name, dir: dir as Direction, unit, lo, hi, decimals, budgetTied};
  specCache.set(s, spec);
  return spec;
}

// ---------------------------------------------------------------------------------------------
// number helpers

export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((x + (x >= 0 ? 1e-9 : -1e-9)) * f) / f;
}

/** Round a target to a "nice" value as a planner would write it. */
function nice(x: number, decimals: number): number {
  if (decimals > 0) return roundTo(x, decimals);
  if (x >= 100000) return Math.round(x / 10000) * 10000;
  if (x >= 10000) return Math.round(x / 1000) * 1000;
  if (x >= 1000) return Math.round(x / 100) * 100;
  if (x >= 100) return Math.round(x / 10) * 10;
  if (x >= 20) return Math.round(x / 5) * 5;
  return Math.max(1, Math.round(x));
}

// ---------------------------------------------------------------------------------------------
// structure

const REQUIRED_ORDER: Level2Key[] = ["数量", "质量", "时效", "成本", "经济", "社会", "生态", "可持续", "满意"];

/** The project's indicator list (stable across years). */
/** Parsed department pool and generic indicators by level-2 key (cached per department template). */
const poolCache = new Map<string, Map<Level2Key, {pool: Spec[]; generic: Spec[]}>>();

function poolsFor(deptName: string, pool: string[]): Map<Level2Key, {pool: Spec[]; generic: Spec[]}> {
  let m = poolCache.get(deptName);
  if (!m) {
    m = new Map();
    for (const k of Object.keys(LEVEL2) as Level2Key[]) {
      m.set(k, {pool: pool.filter((p) => p.startsWith(`${k}|`)).map(parseSpec), generic: (GENERIC_INDICATORS[k] ?? []).map(parseSpec)});
    }
    poolCache.set(deptName, m);
  }
  return m;
}

class Chosen {
  readonly list: Spec[] = [];
  readonly names = new Set<string>();
  qual = 0;

  add(spec: Spec): boolean {
    if (this.names.has(spec.name)) return false;
    this.names.add(spec.name);
    this.list.push(spec);
    if (spec.dir === "定性") this.qual++;
    return true;
  }

  has(k: Level2Key): boolean {
    for (const c of this.list) if (c.key === k) return true;
    return false;
  }
}

/** First acceptable spec of level `k`: the department's pool first, then the generic ones in random order. */
function fromPool(chosen: Chosen, pools: Map<Level2Key, {pool: Spec[]; generic: Spec[]}>, k: Level2Key, allowQual: boolean, rng: Rng): boolean {
  const p = pools.get(k);
  if (!p) return false;
  for (const spec of p.pool) if ((allowQual || spec.dir !== "定性") && chosen.add(spec)) return true;
  const generic = p.generic.length > 1 ? rng.shuffle(p.generic.slice()) : p.generic;
  for (const spec of generic) if ((allowQual || spec.dir !== "定性") && chosen.add(spec)) return true;
  return false;
}

const FILL_KEYS: readonly Level2Key[] = ["质量", "时效", "社会", "可持续", "经济", "生态", "社会", "质量"];
const EXTRA_QUANTITY = ["数量|完成年度工作任务|≥|项|5-20", "数量|服务对象覆盖人数|≥|人|500-5000"];

/** The project's indicator list (stable across years). */
export function indicatorStructure(seed: number, def: ProjectDef): IndicatorDef[] {
  if (def.structure) return def.structure;
  const rng = Rng.of(seed, "structure", def.code);
  const dept = def.unit.dept.tpl;
  const pools = poolsFor(dept.name, dept.pool);
  const chosen = new Chosen();
  for (const s of def.tpl.i) chosen.add(parseSpec(s));
  if (!chosen.has("数量")) chosen.add(parseSpec(rng.pick(EXTRA_QUANTITY)));
  if (!chosen.has("质量")) fromPool(chosen, pools, "质量", true, rng);
  if (!chosen.has("时效") && rng.chance(0.8)) fromPool(chosen, pools, "时效", true, rng);
  if (!chosen.has("成本") && rng.chance(0.7)) fromPool(chosen, pools, "成本", true, rng);
  if (!chosen.has("经济") && !chosen.has("社会")) fromPool(chosen, pools, "社会", true, rng);
  if (!chosen.has("满意")) fromPool(chosen, pools, "满意", true, rng);

  const target = def.fewIndicators ? rng.int(4, 7) : rng.weighted([8, 9, 10, 11, 12], [30, 28, 22, 12, 8]);
  // normally at most a fifth qualitative (quantifiable share > 70%); lowQuant projects are made so later
  const maxQual = Math.max(1, Math.floor(target * 0.2));
  const fillOrder = rng.shuffle(FILL_KEYS.slice());
  for (let i = 0; chosen.list.length < target && i < 40; i++) {
    fromPool(chosen, pools, fillOrder[i % fillOrder.length] as Level2Key, chosen.qual < maxQual, rng);
  }
  // too many: drop optional ones (keep the first 数量, one 满意, one 效益)
  while (chosen.list.length > target) {
    const idx = findDroppable(chosen.list);
    if (idx < 0) break;
    chosen.list.splice(idx, 1);
  }

  // ---- build defs
  let defs: IndicatorDef[] = chosen.list.map((s) => {
    const lv = LEVEL2[s.key];
    let base = NaN;
    if (s.dir !== "定性" && !s.budgetTied) {
      const pct = s.unit === "%" || s.unit === "‰";
      const raw = s.lo === s.hi ? s.lo : !pct && s.hi / Math.max(s.lo, 1e-9) >= 3 ? rng.logUniform(s.lo, s.hi) : rng.float(s.lo, s.hi);
      base = s.lo === s.hi ? s.lo : nice(raw, s.decimals);
      if (base > s.hi) base = s.hi;
    }
    return {
      key: s.key, l1: lv.l1, l2: lv.l2, name: s.name, dir: s.dir, unit: s.unit, lo: s.lo, hi: s.hi,
      decimals: s.decimals, budgetTied: s.budgetTied, pct: s.unit === "%", weight: 0, base
    };
  });

  // ---- low quantifiable share: turn measurable 质量/效益 indicators into qualitative ones
  if (def.lowQuant) {
    const quant = () => defs.filter((d) => d.dir !== "定性").length;
    for (const d of rng.shuffle(defs.slice())) {
      if (quant() / defs.length <= 0.6) break;
      if (d.key === "数量" || d.key === "满意" || d.budgetTied || d.dir === "定性") continue;
      d.dir = "定性";
      d.unit = "";
      d.base = NaN;
    }
  }
  // ---- goal-quality defects
  if (def.goalDefect === "costGe") {
    const c = defs.find((d) => d.key === "成本" && d.dir !== "定性" && !d.budgetTied);
    if (c) c.dir = "≥";
  } else if (def.goalDefect === "pctOver100") {
    const c = defs.find((d) => d.pct && (d.dir === "≥" || d.dir === ">") && d.key !== "满意");
    if (c) c.base = rng.int(105, 120);
  } else if (def.goalDefect === "noUnit") {
    const c = defs.find((d) => d.dir !== "定性" && !d.pct && d.key === "数量");
    if (c) c.unit = "";
  }

  defs = defs
    .map((d, i) => ({d, i}))
    .sort((a, b) => LEVEL2[a.d.key].order - LEVEL2[b.d.key].order || a.i - b.i)
    .map((x) => x.d);
  assignWeights(defs, rng);
  def.structure = defs;
  let flags = 0;
  for (const d of defs) {
    if ((d.dir === "≤" || d.dir === "<") && !d.budgetTied) flags |= STRUCT_REVERSE;
    if (isCumulative(d)) flags |= STRUCT_CUMULATIVE;
    if (d.dir === "=" && d.base === 0) flags |= STRUCT_EQUAL_ZERO;
    if (d.dir === "定性") flags |= STRUCT_QUALITATIVE;
  }
  def.structFlags = flags;
  return defs;
}

export const STRUCT_REVERSE = 1;
export const STRUCT_CUMULATIVE = 2;
export const STRUCT_EQUAL_ZERO = 4;
export const STRUCT_QUALITATIVE = 8;

/** Structure flags of a project (building its structure if needed). */
export function structureFlags(seed: number, def: ProjectDef): number {
  if (!def.structure) indicatorStructure(seed, def);
  return def.structFlags;
}

function findDroppable(chosen: Spec[]): number {
  const count = (pred: (s: Spec) => boolean) => chosen.filter(pred).length;
  for (let i = chosen.length - 1; i >= 0; i--) {
    const s = chosen[i] as Spec;
    if (s.key === "数量" && count((c) => c.key === "数量") <= 1) continue;
    if (s.key === "满意" && count((c) => c.key === "满意") <= 1) continue;
    const benefit = (c: Spec) => LEVEL2[c.key].l1 === "效益指标";
    if (benefit(s) && count(benefit) <= 1) continue;
    if (s.key === "质量" && count((c) => c.key === "质量") <= 1 && chosen.length <= 5) continue;
    if (s.key === "数量" && i === chosen.findIndex((c) => c.key === "数量")) continue;
    return i;
  }
  return -1;
}

/** Weights (分值) per indicator: level totals 50/30/10 (sometimes another split), summing to 90. */
function assignWeights(defs: IndicatorDef[], rng: Rng): void {
  const levels = ["产出指标", "效益指标", "满意度指标"];
  const split = rng.chance(0.85) ? [50, 30, 10] : rng.pick([[40, 40, 10], [60, 20, 10], [45, 35, 10], [55, 25, 10]]);
  const totals = levels.map((l, i) => (defs.some((d) => d.l1 === l) ? (split[i] as number) : 0));
  // a level without indicators hands its weight to 产出
  const missing = 90 - totals.reduce((s, x) => s + x, 0);
  totals[0] = (totals[0] as number) + missing;
  levels.forEach((l, li) => {
    const items = defs.filter((d) => d.l1 === l);
    if (items.length === 0) return;
    const rel = items.map((d) => (d.key === "数量" ? 1.6 : d.key === "成本" ? 0.7 : 1) * rng.float(0.8, 1.2));
    const w = allocate(totals[li] as number, rel, items.length * 2 <= (totals[li] as number) ? 2 : 1);
    items.forEach((d, i) => (d.weight = w[i] as number));
  });
}

/** Integer allocation of `total` proportional to `rel`, each at least `min` (largest remainder). */
export function allocate(total: number, rel: number[], min: number): number[] {
  const n = rel.length;
  const free = total - min * n;
  const sum = rel.reduce((s, x) => s + x, 0);
  const raw = rel.map((x) => (free * x) / sum);
  const out = raw.map((x) => Math.floor(x));
  let rest = free - out.reduce((s, x) => s + x, 0);
  const order = raw.map((x, i) => ({i, r: x - Math.floor(x)})).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const {i} of order) {
    if (rest <= 0) break;
    out[i] = (out[i] as number) + 1;
    rest--;
  }
  return out.map((x) => x + min);
}

// ---------------------------------------------------------------------------------------------
// yearly values

const MISS_PROB: Record<Profile, [number, number]> = {
  // [mild, severe]
  good: [0.05, 0],
  fair: [0.5, 0.12],
  low: [0.45, 0.3],
  bad: [0.15, 0.8]
};

const MISS_REASONS = [
  "受资金拨付滞后影响，部分任务未按期完成，下一步将加快项目实施进度",
  "项目实施受天气等客观因素影响，进度滞后，将加强统筹调度",
  "受益对象信息核实工作量大，发放进度滞后，将优化工作流程",
  "年度目标设定偏高，下一年度将结合实际科学合理设定绩效目标",
  "前期准备工作不充分，影响项目推进，今后将加强项目前期论证",
  "受政策调整影响，部分任务未完成，将积极对接上级部门",
  "项目招标采购程序耗时较长，实施进度滞后，将提前谋划"
];
const OVER_REASON = "年度目标设定偏低，实际完成值远超目标，下一年度将合理调整目标值";
const DEVIATIONS = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"] as const;

export interface YearContext {
  seed: number;
  code: string;
  year: number;
  windowStart: number;
  budget: number;
  spent: number;
  profile: Profile;
  traits: Set<string>;
  /** monitoring checkpoint months, e.g. [5, 8]; empty when the year is only simulated, not written */
  months: number[];
}

function isCumulative(d: IndicatorDef): boolean {
  return (d.dir === "≥" || d.dir === ">") && !d.pct && d.unit !== "‰" && !d.budgetTied;
}

export function yearIndicators(structure: IndicatorDef[], ctx: YearContext): Indicator[] {
  const rng = Rng.of(ctx.seed, "indicators", ctx.code, ctx.year);
  // monitoring draws come from their own stream, so skipping them (years not written) changes nothing else
  const prng = ctx.months.length > 0 ? Rng.of(ctx.seed, "progress", ctx.code, ctx.year) : rng;
  const [pMild, pSevere] = MISS_PROB[ctx.profile];

  // forced special cases (one indicator each)
  const forced = new Map<number, Outcome>();
  if (ctx.traits.has("rev2x")) forceFirst(structure, forced, "rev2x");
  if (ctx.traits.has("over15")) forceFirst(structure, forced, "over");
  if (ctx.traits.has("eqZeroMiss")) forceFirst(structure, forced, "eqZeroMiss");
  let qualOobIndex = -1;
  if (ctx.traits.has("qualOutOfBand")) {
    for (let i = 0; i < structure.length; i++) if ((structure[i] as IndicatorDef).dir === "定性") {
      qualOobIndex = i;
      break;
    }
  }

  const out: Indicator[] = [];
  for (let i = 0; i < structure.length; i++) {
    const d = structure[i] as IndicatorDef;
    // ---- target
    let target = NaN;
    if (d.dir !== "定性") {
      if (d.budgetTied) target = ctx.budget;
      else if (isCumulative(d) && d.lo !== d.hi) {
        const drift = 1 + 0.04 * (ctx.year - ctx.windowStart);
        target = nice(d.base * drift * Rng.of(ctx.seed, "drift", ctx.code, i, ctx.year).float(0.97, 1.05), d.decimals);
      } else target = d.base;
    }
    // ---- outcome
    let outcome: Outcome = forced.get(i) ?? "meet";
    if (!forced.has(i)) {
      const x = rng.next();
      const satisfaction = d.key === "满意";
      if (x < pSevere * (satisfaction ? 0.3 : 1)) outcome = "severe";
      else if (x < pSevere + pMild) outcome = "mild";
      else if (isCumulative(d) && rng.chance(0.008)) outcome = "over";
    }
    if (d.budgetTied) outcome = "meet";
    if (i === qualOobIndex) outcome = rng.chance(0.5) ? "mild" : "meet";

    const w = d.weight;
    let actual = NaN;
    let tier: QualTier | null = null;
    let score: number;
    let reported: number;
    if (d.dir === "定性") {
      tier = outcome === "severe" ? QUAL_TIERS[2] as QualTier : outcome === "mild" ? QUAL_TIERS[1] as QualTier : QUAL_TIERS[0] as QualTier;
      const [lo] = tierBand(tier);
      if (tier === QUAL_TIERS[0]) reported = rng.chance(0.55) ? w : floor1(rng.float(0.85 * w, w));
      else if (tier === QUAL_TIERS[1]) reported = floor1(rng.float(0.62 * w, 0.79 * w));
      else reported = floor1(rng.float(0.2 * w, 0.58 * w));
      if (!inTierBand(tier, reported, w)) reported = round2(lo * w);
      if (i === qualOobIndex) reported = tier === QUAL_TIERS[1] ? w : round1(0.7 * w);
      score = qualRecomputed(tier, reported, w);
    } else {
      actual = actualValue(d, target, outcome, ctx, rng);
      score = quantScore(d.dir, target, actual, w);
      reported = score;
    }
    let reason = "";
    if (score < w - 1e-9 || (tier !== null && tier !== QUAL_TIERS[0])) reason = rng.pick(MISS_REASONS);
    else if (outcome === "over") reason = OVER_REASON;

    // ---- monitoring progress at each checkpoint
    const monitoring: IndicatorProgress[] = [];
    for (const m of ctx.months) monitoring.push(progressAt(d, target, actual, tier, outcome, m, ctx, prng));
    out.push({def: d, dir: d.dir, unit: d.unit, target, actual, tier, outcome, weight: w, score, reported, reason, monitoring});
  }
  return out;
}

function floor1(x: number): number {
  return Math.floor(x * 10 + 1e-9) / 10;
}

function forceable(d: IndicatorDef, outcome: Outcome): boolean {
  if (outcome === "rev2x") return (d.dir === "≤" || d.dir === "<") && !d.budgetTied;
  if (outcome === "over") return isCumulative(d);
  return d.dir === "=" && d.base === 0;
}

function forceFirst(structure: IndicatorDef[], forced: Map<number, Outcome>, outcome: Outcome): void {
  for (let i = 0; i < structure.length; i++) {
    if (!forced.has(i) && forceable(structure[i] as IndicatorDef, outcome)) {
      forced.set(i, outcome);
      return;
    }
  }
}

function capPct(d: IndicatorDef, x: number): number {
  return d.pct || d.unit === "‰" ? Math.min(x, 100) : x;
}

function rnd(x: number, dec: number): number {
  return roundTo(Math.max(0, x), dec);
}

function step(decimals: number): number {
  return 10 ** -decimals;
}

function actualDecimals(d: IndicatorDef, target: number): number {
  if (d.pct) return target < 10 && target !== 0 ? 1 : d.decimals;
  return d.decimals;
}

function actualValue(d: IndicatorDef, t: number, outcome: Outcome, ctx: YearContext, rng: Rng): number {
  const dec = actualDecimals(d, t);
  const st = step(dec);
  if (d.budgetTied) return roundTo(Math.min(ctx.spent, t), 2);
  if (d.dir === "≥" || d.dir === ">") {
    if (t === 0) return rnd(rng.float(0, 5), dec);
    switch (outcome) {
      case "over": {
        let a = rnd(t * rng.float(1.5, 2.2), dec);
        if (a / t < 1.5) a = rnd(a + st, dec);
        return a;
      }
      case "mild":
      case "severe": {
        const f = outcome === "mild" ? rng.float(0.8, 0.97) : rng.float(0.3, 0.7);
        let a = rnd(capPct(d, t * f), dec);
        if (a >= t) a = rnd(t - st, dec);
        return a;
      }
      default: {
        if ((d.pct && t >= 100) || d.key === "时效") return d.pct ? rnd(capPct(d, t + (100 - t) * rng.next()), dec) : t;
        return rnd(capPct(d, t * rng.float(1.0, d.pct ? 1.06 : 1.12)), dec);
      }
    }
  }
  if (d.dir === "=") {
    if (t === 0) return outcome === "eqZeroMiss" || outcome === "severe" ? (dec > 0 || d.pct ? roundTo(rng.float(0.1, 0.6), 1) : rng.int(1, 3)) : 0;
    if (outcome === "mild") return rnd(Math.min(t - st, t * rng.float(0.9, 0.99)), dec);
    if (outcome === "severe") return rnd(t * rng.float(0.5, 0.85), dec);
    return t;
  }
  // reverse: ≤ <
  switch (outcome) {
    case "rev2x":
      return roundTo(2 * t, dec);
    case "mild": {
      let a = rnd(t * rng.float(1.05, 1.45), dec);
      if (a <= t) a = rnd(t + st, dec);
      return a;
    }
    case "severe": {
      let a = rnd(t * rng.float(1.5, 1.95), dec);
      if (a >= 2 * t) a = rnd(2 * t - st, dec);
      if (a <= t) a = rnd(t + st, dec);
      return a;
    }
    default: {
      if (d.unit === "月" || d.unit === "工作日" || d.unit === "小时") return rnd(t * rng.float(0.8, 1.0), dec);
      return rnd(Math.min(t, t * rng.float(0.75, 1.0)), dec);
    }
  }
}

function progressAt(d: IndicatorDef, t: number, a: number, tier: QualTier | null, outcome: Outcome, m: number, ctx: YearContext, rng: Rng): IndicatorProgress {
  const s = m / 12;
  const lagging = ctx.profile === "low" || ctx.profile === "bad" || outcome === "severe" || ctx.traits.has("underspend") || ctx.traits.has("idle");
  if (d.dir === "定性" && tier) {
    const progressTier: QualTier = tier === QUAL_TIERS[2] && m <= 6 ? QUAL_TIERS[1] as QualTier : tier;
    return {
      progress: NaN, progressTier, forecast: NaN, forecastTier: tier,
      deviation: tier === QUAL_TIERS[0] ? "" : rng.weighted(DEVIATIONS, [35, 15, 15, 15, 20]),
      likelihood: tier === QUAL_TIERS[0] ? "确定能" : tier === QUAL_TIERS[1] || m <= 6 ? "有可能" : "完全不可能"
    };
  }
  const dec = actualDecimals(d, t);
  let progress: number;
  if (isCumulative(d)) {
    const f = lagging ? rng.float(Math.max(0.05, s - 0.3), Math.max(0.1, s - 0.08)) : rng.float(Math.max(0.05, s - 0.12), Math.min(1, s + 0.1));
    progress = roundTo(a * f, dec);
  } else if (d.budgetTied) {
    progress = roundTo(a * rng.float(Math.max(0.1, s - 0.2), s + 0.05), 2);
  } else if (d.dir === "=" && t === 0) {
    progress = a > 0 && m >= 8 ? a : 0;
  } else {
    progress = roundTo(d.pct ? Math.min(100, a * rng.float(0.97, 1.02)) : a * rng.float(0.95, 1.05), dec);
  }
  let forecast = isCumulative(d) ? roundTo(a * rng.float(0.97, 1.04), dec) : a;
  if (d.pct) forecast = Math.min(100, forecast);
  if (d.budgetTied) forecast = roundTo(Math.min(t, a * rng.float(1.0, 1.05)), 2);
  if (d.dir === "=" && t === 0) forecast = a;
  const positive = d.dir === "≥" || d.dir === ">" || d.dir === "=";
  if (outcome === "meet" || outcome === "over") forecast = positive ? Math.max(forecast, t) : Math.min(forecast, t);
  const meets = positive ? forecast >= t : forecast <= t;
  const behind = isCumulative(d) && t > 0 && progress < t * s * 0.8;
  const deviation = !meets || behind ? rng.weighted(DEVIATIONS, [35, 15, 15, 15, 20]) : "";
  let likelihood: IndicatorProgress["likelihood"] = "确定能";
  if (!meets) {
    const ratio = positive ? (t > 0 ? forecast / t : 0) : forecast > 0 ? t / forecast : 1;
    likelihood = ratio >= 0.7 ? "有可能" : "完全不可能";
  } else if (behind) likelihood = "有可能";
  return {progress, progressTier: null, forecast, forecastTier: null, deviation, likelihood};
}

// ---------------------------------------------------------------------------------------------
// formatting as the platforms print it

export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return "";
  return String(roundTo(x, 4));
}

/** Combined target string: `≥95%`, `≤120万元`, `=1次`, `达成年度指标`. */
export function targetText(ind: Indicator): string {
  if (ind.dir === "定性") return "达成年度指标";
  return `${ind.dir}${fmtNum(ind.target)}${ind.unit}`;
}

/** Actual value as printed in the forms: `520人次`, `100%`, or the qualitative tier. */
export function actualText(ind: Indicator): string {
  if (ind.dir === "定性") return ind.tier ?? "";
  return `${fmtNum(ind.actual)}${ind.unit}`;
}

export function progressText(p: IndicatorProgress): string | number {
  if (p.progressTier) return p.progressTier;
  return p.progress;
}

export function forecastText(p: IndicatorProgress): string | number {
  if (p.forecastTier) return p.forecastTier;
  return p.forecast;
}

export {round2};
