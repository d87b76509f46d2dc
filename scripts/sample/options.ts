/** Options of the generator and the plan derived from them (how many regions, units, projects). */
import {DEPARTMENTS, regionName} from "./catalog.ts";
import type {OutputFormat} from "./types.ts";

export const SCALES = {county: 800, province: 100_000, national: 1_000_000} as const;
export type ScaleName = keyof typeof SCALES;

/** Projects per county-sized region; larger scales are made of many such regions. */
export const PROJECTS_PER_REGION = 800;
/** Excel allows 1,048,576 rows per sheet; flat tables split into further sheets beyond this many data rows. */
export const DEFAULT_MAX_ROWS_PER_SHEET = 1_000_000;

export interface SampleOptions {
  /** output directory (created; existing files with the same names are overwritten) */
  out: string;
  /** "county" (800 projects/yr), "province" (100,000), "national" (1,000,000) or a number of projects per year */
  scale?: ScaleName | number;
  /** years to write, e.g. [2021, 2022, 2023, 2024] */
  years?: number[];
  seed?: number;
  format?: OutputFormat;
  /** data rows per xlsx sheet before splitting (tests use a small value) */
  maxRowsPerSheet?: number;
  /** print progress to stderr; default: only when there is more than one region */
  progress?: boolean;
}

export interface ResolvedOptions {
  out: string;
  projectsPerYear: number;
  scaleLabel: string;
  years: number[];
  seed: number;
  format: OutputFormat;
  maxRowsPerSheet: number;
  progress: boolean;
}

export interface RegionPlan {
  index: number;
  name: string;
  quota: number;
  /** number of units (all 79 of the template for a full region) */
  unitCount: number;
}

export interface Plan {
  opts: ResolvedOptions;
  jurisdiction: string;
  regions: RegionPlan[];
  /** simulated years: from min(2021, first requested year) to the last requested year */
  simYears: number[];
  /** first year of the lifecycle window (project starts/ends are drawn relative to it) */
  windowStart: number;
  deptCodeWidth: number;
}

export const TEMPLATE_UNIT_COUNT = DEPARTMENTS.reduce((n, d) => n + 1 + d.subs.length, 0);

export function parseYears(spec: string): number[] {
  const years = new Set<number>();
  for (const part of spec.split(",")) {
    const p = part.trim();
    if (!p) continue;
    const m = /^(\d{4})\s*[-–~]\s*(\d{4})$/.exec(p);
    if (m) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (b < a) throw new Error(`bad year range: ${p}`);
      for (let y = a; y <= b; y++) years.add(y);
    } else if (/^\d{4}$/.test(p)) {
      years.add(Number(p));
    } else {
      throw new Error(`bad years: ${spec} (expected e.g. 2021-2024, 2024 or 2021,2023)`);
    }
  }
  const list = [...years].sort((a, b) => a - b);
  if (list.length === 0) throw new Error("no years given");
  for (const y of list) if (y < 2000 || y > 2100) throw new Error(`year out of range: ${y}`);
  return list;
}

export function parseScale(spec: string): ScaleName | number {
  if (spec in SCALES) return spec as ScaleName;
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    if (n < 1) throw new Error("scale must be at least 1 project per year");
    return n;
  }
  throw new Error(`bad scale: ${spec} (county | province | national | <projects per year>)`);
}

export function resolveOptions(o: SampleOptions): ResolvedOptions {
  const scale = o.scale ?? "county";
  const projectsPerYear = typeof scale === "number" ? Math.floor(scale) : SCALES[scale];
  if (!(projectsPerYear >= 1)) throw new Error("scale must be at least 1 project per year");
  const years = [...new Set(o.years ?? [2021, 2022, 2023, 2024])].sort((a, b) => a - b);
  if (years.length === 0) throw new Error("no years given");
  const format = o.format ?? "mixed";
  if (!["mixed", "csv", "xlsx"].includes(format)) throw new Error(`bad format: ${format}`);
  const regions = Math.ceil(projectsPerYear / PROJECTS_PER_REGION);
  return {
    out: o.out,
    projectsPerYear,
    scaleLabel: typeof scale === "number" ? String(scale) : scale,
    years,
    seed: (o.seed ?? 20240101) >>> 0,
    format,
    maxRowsPerSheet: Math.max(10, Math.min(o.maxRowsPerSheet ?? DEFAULT_MAX_ROWS_PER_SHEET, 1_048_000)),
    progress: o.progress ?? regions > 1
  };
}

export function makePlan(opts: ResolvedOptions): Plan {
  const n = Math.ceil(opts.projectsPerYear / PROJECTS_PER_REGION);
  const regions: RegionPlan[] = [];
  for (let i = 0; i < n; i++) {
    const quota = i < n - 1 ? PROJECTS_PER_REGION : opts.projectsPerYear - PROJECTS_PER_REGION * (n - 1);
    const unitCount = quota >= PROJECTS_PER_REGION * 0.9 ? TEMPLATE_UNIT_COUNT : Math.max(1, Math.min(TEMPLATE_UNIT_COUNT, Math.round(quota / 10)));
    regions.push({index: i, name: regionName(i), quota, unitCount});
  }
  const first = opts.years[0] as number;
  const last = opts.years[opts.years.length - 1] as number;
  const windowStart = Math.min(2021, first);
  const simYears: number[] = [];
  for (let y = windowStart; y <= last; y++) simYears.push(y);
  const deptCount = n * DEPARTMENTS.length;
  return {
    opts,
    jurisdiction: n === 1 ? regionName(0) : "云岭省",
    regions,
    simYears,
    windowStart,
    deptCodeWidth: Math.max(3, String(deptCount).length)
  };
}
