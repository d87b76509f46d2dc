/**
 * The official scoring formulas (RULES.md §2), used to make self-reported scores consistent with
 * what a recomputation will find — except where the sample deliberately deviates.
 */
import type {Direction, QualTier} from "./types.ts";

export function round2(x: number): number {
  return Math.round((x + (x >= 0 ? 1e-9 : -1e-9)) * 100) / 100;
}

export function round1(x: number): number {
  return Math.round((x + (x >= 0 ? 1e-9 : -1e-9)) * 10) / 10;
}

/** Budget execution score: min(10, rate × 10); budget 0 → 0. */
export function executionScore(spent: number, budget: number): number {
  if (!(budget > 0)) return 0;
  return round2(Math.min(10, (spent / budget) * 10));
}

/** Quantitative indicator score by direction (positive / equal / reverse). */
export function quantScore(dir: Direction, target: number, actual: number, weight: number): number {
  let s: number;
  if (dir === "≥" || dir === ">") {
    s = actual >= target ? weight : target > 0 ? round2((actual / target) * weight) : weight;
  } else if (dir === "=") {
    if (target === 0) s = actual <= 0 ? weight : 0;
    else s = actual >= target ? weight : round2((actual / target) * weight);
  } else if (dir === "≤" || dir === "<") {
    if (actual <= target) s = weight;
    else if (target > 0 && actual < 2 * target) s = round2((1 - (actual - target) / target) * weight);
    else s = 0;
  } else {
    throw new Error("quantScore on a qualitative indicator");
  }
  return Math.max(0, Math.min(weight, s));
}

export const QUAL_TIERS: readonly QualTier[] = ["达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差"];

/** The tier's band as fractions of the weight: [low, high) — the top tier includes 100%. */
export function tierBand(tier: QualTier): [number, number] {
  if (tier === "达成年度指标") return [0.8, 1.0];
  if (tier === "部分达成年度指标并具有一定效果") return [0.6, 0.8];
  return [0, 0.6];
}

export function inTierBand(tier: QualTier, score: number, weight: number): boolean {
  const [lo, hi] = tierBand(tier);
  const s = score / weight;
  if (tier === "达成年度指标") return s >= lo - 1e-9 && s <= 1 + 1e-9;
  return s >= lo - 1e-9 && s < hi - 1e-9;
}

/** Recomputed qualitative score: reported when inside the band, else the band's floor. */
export function qualRecomputed(tier: QualTier, reported: number, weight: number): number {
  if (inTierBand(tier, reported, weight)) return reported;
  return round2(tierBand(tier)[0] * weight);
}

export function grade(total: number): "优" | "良" | "中" | "差" {
  if (total >= 90) return "优";
  if (total >= 80) return "良";
  if (total >= 60) return "中";
  return "差";
}
