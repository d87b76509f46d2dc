/**
 * A region (one county): departments, units and the recurring projects with their lifecycles.
 * One-off projects are created year by year (model.ts) through `createOneOff`.
 */
import {DEPARTMENTS, GENERIC_PROJECTS, OVERLAP_PAIRS, TOWN_STEMS, VILLAGE_STEMS} from "./catalog.ts";
import type {FundKind, ProjectTemplate} from "./catalog.ts";
import type {Plan, RegionPlan} from "./options.ts";
import {Rng} from "./random.ts";
import {round2} from "./scoring.ts";
import type {Dept, ProjectDef, Unit} from "./types.ts";

export interface Region {
  index: number;
  name: string;
  quota: number;
  depts: Dept[];
  units: Unit[];
  recurring: ProjectDef[];
  /** one-off projects still running (two-year construction) */
  oneOffs: ProjectDef[];
  towns: string[];
  villages: string[];
  /** next project sequence number per unit and start year */
  seq: Map<string, number>;
  /** project names used by one-offs per unit and year (to keep names distinct) */
  usedNames: Set<string>;
  /** funds of last year's finance key evaluations ("not lower than last year" check) */
  lastKeyEvalFunds: number | null;
  evaluatedBefore: Set<string>;
}

/** Share of a region's yearly projects that are recurring slots. */
const RECURRING_SHARE = 0.74;

export function buildRegion(seed: number, plan: Plan, rp: RegionPlan): Region {
  const rng = Rng.of(seed, "region", rp.index);
  const w = plan.deptCodeWidth;

  // ---- departments and units (a partial region keeps the first units: all 本级 first, then subordinates)
  const order: Array<{d: number; s: number}> = [];
  const maxSubs = Math.max(...DEPARTMENTS.map((d) => d.subs.length));
  for (let s = 0; s <= maxSubs; s++) {
    for (let d = 0; d < DEPARTMENTS.length; d++) {
      if (s <= (DEPARTMENTS[d]?.subs.length ?? 0)) order.push({d, s});
    }
  }
  const chosen = new Set(order.slice(0, rp.unitCount).map((o) => `${o.d}:${o.s}`));
  const depts: Dept[] = [];
  const units: Unit[] = [];
  DEPARTMENTS.forEach((tpl, d) => {
    const code = String(rp.index * DEPARTMENTS.length + d + 1).padStart(w, "0");
    const region = {code: `65${String(rp.index + 1).padStart(4, "0")}`, name: rp.name};
    const dept: Dept = {tplIndex: d, code, name: `${rp.name}${tpl.name}`, tpl, units: [], region};
    const shorts = ["本级", ...tpl.subs];
    shorts.forEach((short, s) => {
      if (!chosen.has(`${d}:${s}`)) return;
      const unit: Unit = {
        code: `${code}${String(s + 1).padStart(3, "0")}`,
        name: short === "本级" ? `${rp.name}${tpl.name}本级` : `${rp.name}${short}`,
        short,
        dept,
        weight: 0,
        oneOffWeight: 0
      };
      unit.weight = Math.min(4, 1 + 0.3 * recurringCandidates(unit).length + (short === "本级" ? 0.6 : 0));
      unit.oneOffWeight = 1 + 0.6 * oneOffCandidates(unit).length;
      dept.units.push(unit);
      units.push(unit);
    });
    if (dept.units.length > 0) depts.push(dept);
  });

  const towns = rng.sample(TOWN_STEMS, 12).map((t, i) => `${t}${i % 3 === 2 ? "乡" : "镇"}`);
  const villages = rng.sample(VILLAGE_STEMS, 24);
  const region: Region = {
    index: rp.index, name: rp.name, quota: rp.quota, depts, units, recurring: [], oneOffs: [], towns, villages,
    seq: new Map(), usedNames: new Set(), lastKeyEvalFunds: null, evaluatedBefore: new Set()
  };

  // ---- recurring slots per unit (largest remainder over the weights)
  const totalRecurring = Math.round(rp.quota * RECURRING_SHARE);
  const wsum = units.reduce((s, u) => s + u.weight, 0);
  const raw = units.map((u) => (totalRecurring * u.weight) / wsum);
  const counts = raw.map((x) => Math.floor(x));
  let rest = totalRecurring - counts.reduce((s, c) => s + c, 0);
  const byRemainder = raw.map((x, i) => ({i, r: x - Math.floor(x)})).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const {i} of byRemainder) {
    if (rest <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    rest--;
  }

  // overlapping pairs first (both sides must exist in this region)
  const overlapByUnit = new Map<Unit, ProjectDef[]>();
  OVERLAP_PAIRS.forEach((pair, g) => {
    const sides = pair.sides.map((side) => {
      const dept = depts.find((d) => d.tpl.name === side.d);
      return dept?.units.find((u) => new RegExp(side.u).test(u.short));
    });
    if (sides.some((u) => !u)) return;
    const prng = Rng.of(seed, "overlap", rp.index, g);
    const amount = round2(prng.logUniform(pair.a[0], pair.a[1]));
    pair.sides.forEach((side, k) => {
      const unit = sides[k] as Unit;
      const tpl: ProjectTemplate = {n: side.n, f: pair.f, a: pair.a, k: "R", i: pair.i};
      const start = plan.windowStart - prng.int(2, 6);
      const def = newProject(region, unit, tpl, side.n, start, 9999, prng, plan);
      def.amount = round2(amount * prng.float(0.85, 1.15));
      def.purpose = pair.purpose;
      def.overlapGroup = rp.index * 100 + g;
      def.chronicLow = null;
      def.idleStart = null;
      const list = overlapByUnit.get(unit) ?? [];
      list.push(def);
      overlapByUnit.set(unit, list);
    });
  });

  units.forEach((unit, ui) => {
    const urng = Rng.of(seed, "unit", unit.code);
    const pre = overlapByUnit.get(unit) ?? [];
    const n = Math.max(pre.length, counts[ui] as number);
    const specific = urng.shuffle(recurringCandidates(unit).slice());
    // key (must-keep) templates first so every county has them
    specific.sort((a, b) => Number(!!b.key) - Number(!!a.key));
    const generic = urng.shuffle(GENERIC_PROJECTS.filter((t) => t.k === "R").slice());
    const pool = [...specific, ...generic];
    const list: ProjectDef[] = [...pre];
    for (let k = 0; list.length < n; k++) {
      const tpl = pool[k % Math.max(1, pool.length)];
      if (!tpl) break;
      const round = Math.floor(k / pool.length);
      let name = projectName(tpl, unit, region, urng);
      if (round > 0) name = `${name}（${region.towns[(k + round) % region.towns.length]}片区）`;
      const legacy = tpl.key || urng.chance(0.84);
      const start = legacy ? plan.windowStart - urng.int(1, 9) : plan.windowStart + urng.int(0, 3);
      const end = !tpl.key && urng.chance(0.07) ? Math.max(start, plan.windowStart) + urng.int(0, 2) : 9999;
      const def = newProject(region, unit, tpl, name, start, end, urng, plan);
      list.push(def);
    }
    region.recurring.push(...list);
  });
  return region;
}

/** Recurring templates fitting a unit (department-specific only). */
export function recurringCandidates(unit: Unit): ProjectTemplate[] {
  return unit.dept.tpl.projects.filter((t) => t.k === "R" && fits(t, unit));
}

export function oneOffCandidates(unit: Unit): ProjectTemplate[] {
  return unit.dept.tpl.projects.filter((t) => t.k === "O" && fits(t, unit));
}

function fits(t: ProjectTemplate, unit: Unit): boolean {
  return t.u ? new RegExp(t.u).test(unit.short) : unit.short === "本级";
}

/** Whether a unit-filtered template matches several units of the department (then the name gets the unit prefix). */
function sharedInDept(t: ProjectTemplate, unit: Unit): boolean {
  if (!t.u) return false;
  const re = new RegExp(t.u);
  let n = 0;
  for (const s of ["本级", ...unit.dept.tpl.subs]) if (re.test(s)) n++;
  return n > 1;
}

export function projectName(tpl: ProjectTemplate, unit: Unit, region: Region, rng: Rng): string {
  const unitShort = unit.short === "本级" ? unit.dept.tpl.name : unit.short;
  let name = tpl.n
    .replace("{U}", unitShort)
    .replace("{T}", rng.pick(region.towns))
    .replace("{V}", rng.pick(region.villages));
  if (!tpl.n.includes("{U}") && sharedInDept(tpl, unit) && unit.short !== "本级") name = `${unit.short}${name}`;
  return name;
}

function exAnteDraw(rng: Rng): ProjectDef["exAnte"] {
  return rng.weighted(["支持", "部分支持", "不支持", "未评估"] as const, [80, 9, 4, 7]);
}

function nextSeq(region: Region, unit: Unit, startYear: number): number {
  const key = `${unit.code}:${startYear}`;
  const n = (region.seq.get(key) ?? 0) + 1;
  region.seq.set(key, n);
  return n;
}

export function newProject(region: Region, unit: Unit, tpl: ProjectTemplate, name: string, start: number, end: number, rng: Rng, plan: Plan): ProjectDef {
  const code = `${start}-${unit.code}-${String(nextSeq(region, unit, start)).padStart(3, "0")}`;
  const fund: FundKind = tpl.fund ? rng.pick(tpl.fund) : rng.weighted(["部门预算项目", "专项转移支付", "其他"] as const, [86, 10, 4]);
  const recurring = tpl.k === "R";
  const amount = round2(rng.logUniform(tpl.a[0], tpl.a[1]));
  const build = !!tpl.build;
  const w0 = plan.windowStart;
  const few = rng.chance(0.07);
  const lowQuant = !few && rng.chance(0.05);
  const defect = rng.chance(0.03) ? rng.pick(["costGe", "pctOver100", "noUnit"] as const) : null;
  let chronicLow: number | null = null;
  let idleStart: number | null = null;
  if (recurring && !tpl.key && !tpl.secret) {
    const x = rng.next();
    if (x < 0.03) chronicLow = w0 + rng.int(0, 2);
    else if (x < 0.05) idleStart = w0 + rng.int(1, 2);
  }
  return {
    code,
    name,
    unit,
    tpl,
    func: tpl.f || unit.dept.tpl.gen,
    recurring,
    budgetType: tpl.bt ?? "一般公共预算",
    fund,
    key: !!tpl.key,
    secret: !!tpl.secret,
    build,
    startYear: start,
    endYear: end,
    purpose: `实施${name.replace(/^\d{4}年/, "")}，${unit.dept.tpl.goal}`,
    amount,
    invest: build ? round2(amount * rng.float(1.0, 1.5)) : null,
    exAnte: start >= w0 ? exAnteDraw(rng) : "未评估",
    overlapGroup: null,
    chronicLow,
    idleStart,
    fewIndicators: few,
    lowQuant,
    goalDefect: defect,
    firstYearShare: 1,
    prevTotal: null,
    carryOut: 0,
    structure: null,
    structFlags: 0
  };
}

/** A one-off project starting in `year` (some construction projects run for two years). */
export function createOneOff(region: Region, unit: Unit, year: number, rng: Rng, plan: Plan): ProjectDef {
  const specific = oneOffCandidates(unit);
  const generic = GENERIC_PROJECTS.filter((t) => t.k === "O");
  const key = (n: string, y = year) => `${unit.code}:${y}:${n}`;
  // two-year projects from last year are still running: their names count too
  const used = (n: string) => region.usedNames.has(key(n)) || region.usedNames.has(key(n, year - 1));
  // prefer a template whose name this unit has not used this year
  const order = [...rng.shuffle(specific.slice()), ...rng.shuffle(generic.slice())];
  if (specific.length > 0 && !rng.chance(0.72)) order.push(...order.splice(0, specific.length));
  let tpl = order[0] as ProjectTemplate;
  let name = projectName(tpl, unit, region, rng);
  for (const t of order) {
    const n = projectName(t, unit, region, rng);
    if (!used(n)) {
      tpl = t;
      name = n;
      break;
    }
  }
  for (let k = 0; used(name) && k < region.towns.length; k++) name = `${name.replace(/（[^）]*）$/, "")}（${region.towns[(k + rng.int(0, 11)) % region.towns.length]}）`;
  region.usedNames.add(key(name));
  if (!tpl.n.includes("{T}") && rng.chance(0.5)) name = `${year}年${name}`;
  const twoYears = !!tpl.build && rng.chance(0.35);
  const def = newProject(region, unit, tpl, name, year, twoYears ? year + 1 : year, rng, plan);
  def.exAnte = exAnteDraw(rng);
  if (twoYears) {
    // a two-year construction: the amount is the total, split over two years
    def.amount = round2(def.amount * rng.float(1.4, 2.0));
    def.invest = round2(def.amount * rng.float(1.0, 1.3));
    def.firstYearShare = rng.float(0.5, 0.7);
  }
  return def;
}
