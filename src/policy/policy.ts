import {z} from "zod";

/**
 * Every threshold, weight, band, label, proportion and flag of docs RULES.md, as one validated object.
 * Sources in comments: [MOF10] 财预〔2020〕10号, [MOF136] 财预〔2019〕136号, [PMKPI] the ministry platform,
 * [S0]…[S4] the local documents, [LOCAL] published local practice.
 */

/** Internal grade keys, best first; labels come from `grades.labels`. */
export const GradeKey = z.enum(["excellent", "good", "fair", "poor"]);
export type GradeKey = z.infer<typeof GradeKey>;

/** Indicator directions as stored by the loaders (≥ > = ≤ < 定性). */
export const Direction = z.enum(["ge", "gt", "eq", "le", "lt", "qual"]);
export type Direction = z.infer<typeof Direction>;

const score = z.number().finite().min(0).max(100);
const share = z.number().finite().min(0).max(1);
const positive = z.number().finite().positive();
const count = z.number().int().min(0);
const label = z.string().trim().min(1);
const labels = z.array(label).min(1);

const Level = z.strictObject({
  /** 一级指标 label as it appears in goal tables. */
  label,
  /** Default weight of the level [MOF10]. */
  weight: score,
  /** 二级指标 allowed under this level (matched with or without the trailing 指标). */
  level2: labels
});

const QualitativeTier = z.strictObject({
  label,
  /** Prefixes that put an actual-value text in this tier. */
  match: labels,
  /** Band as shares of the indicator weight: [min, max) or [min, max] when maxInclusive. */
  min: share,
  max: share,
  maxInclusive: z.boolean()
});

const Cap = z.strictObject({
  enabled: z.boolean(),
  /** The grade the project can at most get when the cap applies. */
  maxGrade: GradeKey
});

export const Policy = z
  .strictObject({
    name: label,
    description: z.string(),
    execution: z.strictObject({
      /** 预算执行率 weight [MOF10][PMKPI]; indicators share the rest. */
      weight: score,
      /** Whether 上年结转 stays in the denominator (the 年度资金总额 row includes it) [PMKPI]. */
      includeCarryover: z.boolean()
    }),
    levels: z.strictObject({output: Level, benefit: Level, satisfaction: Level}),
    indicators: z.strictObject({
      overAchievement: z.strictObject({
        /** a / t at or above this flags a positive indicator whose target was set too low [MOF10]. */
        ratio: z.number().finite().gt(1),
        /** Share of the weight deducted when flagged ("按偏离度适度调减"; no official formula → 0). */
        deductionShare: share
      }),
      qualitative: z.strictObject({
        tiers: z.strictObject({achieved: QualitativeTier, partial: QualitativeTier, failed: QualitativeTier})
      }),
      notApplicable: z.strictObject({
        /** Drop not-applicable indicators and rescale the rest of their level to the level's total [LOCAL]. */
        rescale: z.boolean(),
        /** Actual-value texts meaning "not applicable". */
        markers: labels
      })
    }),
    grades: z.strictObject({
      /** Lower bounds (inclusive) [MOF10]; some deployments use 80/70/60 [PMKPI]. */
      bands: z.strictObject({excellent: score, good: score, fair: score}),
      labels: z.strictObject({excellent: label, good: label, fair: label, poor: label})
    }),
    caps: z.strictObject({
      /** Audit or supervision found a problem → not 优/良 [S1][S4]. */
      audit: Cap.extend({sources: labels, exemptRectified: z.boolean()}),
      /** A major problem in the use of funds → 差 directly [S1][S4]. */
      major: Cap.extend({sources: labels, severity: label}),
      /** Consecutive failed monitoring reviews without rectification → not 优/良 [S1][S4]. */
      monitoring: Cap,
      /** Truthfulness spot-check failed → 一票否决 and the funds recovered [S4]. */
      veto: Cap.extend({sources: labels, verdict: label, recoverFunds: z.boolean()})
    }),
    selfScore: z.strictObject({
      /** |reported − recomputed| above this → 自评虚高/偏低 [PMKPI]. */
      gapThreshold: z.number().finite().min(0)
    }),
    warnings: z.strictObject({
      /** Red when goal completion exceeds execution by more than this relative share [PMKPI]. */
      mismatchRelative: share,
      /** Yellow when more than this share of the budget is unspent [PMKPI]. */
      unspentShare: share
    }),
    monitoring: z.strictObject({
      /** Checkpoint months (1-5月 and 1-8月 [S1][S4]; 1-9月 elsewhere [S2]). */
      checkpointMonths: z.array(z.number().int().min(1).max(12)).min(1),
      /** Execution light on v = rate / (m / 12) × 100: below red → red, below yellow → yellow [PMKPI]. */
      executionLight: z.strictObject({red: positive, yellow: positive}),
      /** Indicator light: below red → red, below yellow → yellow, below blue → green, else blue [PMKPI]. */
      indicatorLight: z.strictObject({red: positive, yellow: positive, blue: positive}),
      /** Rectification notice: review score below, or execution vs goal completion apart by more than [S4]. */
      rectification: z.strictObject({
        reviewBelow: score,
        gapPoints: score,
        /**
         * How much of an indicator's annual goal counts as done at a checkpoint, for the goal completion
         * rate the execution rate is set against (qualitative indicators are left out either way):
         * - "schedule": an indicator that accrues over the year (≥ or > with a unit not in `rateUnits`,
         *   such as 人次, 公里, 套) by its progress ÷ the annual target; every other one (a rate, a reverse
         *   or an equal indicator) by how far it meets its target × time progress m / 12, since a 合格率 at
         *   its target in May is on schedule, not a year's work done;
         * - "annual": every indicator by its progress against the annual target.
         */
        goalCompletion: z.enum(["schedule", "annual"]),
        /** Units of indicators that are rates, not amounts that accrue over the year. */
        rateUnits: labels
      }),
      /** What counts as a failed review: the review score alone, or any rectification warning. */
      failureBasis: z.enum(["review", "warning"]),
      /** Failed reviews in a row (not rectified) that trigger the grade cap [S1][S4]. */
      consecutiveFailures: z.number().int().min(1),
      /** From this checkpoint month, spending below spentBelow with an unspent balance ≥ balanceWan → interview, cut, recover [LOCAL]. */
      lateSpending: z.strictObject({enabled: z.boolean(), fromMonth: z.number().int().min(1).max(12), spentBelow: share, balanceWan: z.number().finite().min(0)})
    }),
    goalQuality: z.strictObject({
      /** Level-3 indicators per project must be more than this [S0]. */
      level3MoreThan: count,
      /** Quantifiable share must be more than this [S0]. */
      quantifiableShareMoreThan: share,
      /** Units that mark a percentage target; above percentMax is suspect [LOCAL]. */
      percentUnits: labels,
      percentMax: z.number().finite(),
      /** 成本 indicators do not use these directions [LOCAL]. */
      costLevel2: label,
      costForbiddenDirections: z.array(Direction).min(1),
      /** Level weights must match `levels.*.weight` within this tolerance. */
      weightTolerance: z.number().finite().min(0),
      /** A form's 年度资金总额 must equal 当年财政拨款 + 上年结转 + 其他资金 within this many 万元 [LOCAL]. */
      fundToleranceWan: z.number().finite().min(0)
    }),
    coverage: z.strictObject({
      departmentEvaluationType: label,
      keyEvaluationType: label,
      projectObjectTypes: labels,
      /** 部门评价 must cover at least this share of the department's project budget [S1][S4]. */
      departmentEvaluationShare: share,
      /** 财政重点评价: at least this many projects [S1]. */
      keyEvaluationMinCount: count,
      /** 财政重点评价 funds not lower than last year [S1]. */
      keyEvaluationFundsNotBelowLastYear: z.boolean(),
      /** Budget types the key evaluations must cover [S4]. */
      keyEvaluationBudgetTypes: labels
    }),
    exante: z.strictObject({
      newAttribute: label,
      /** Conclusions under which a new project must not be budgeted [S1][S4]. */
      notBudgetable: labels,
      /** Major project: total investment at or above this (万元, county level) → third-party re-assessment [S4]. */
      majorInvestmentWan: z.number().finite().min(0)
    }),
    application: z.strictObject({
      /** Next-year cut by FINAL grade (no official table; each year's budget guide sets it) [S1][S4]. */
      cutRates: z.strictObject({excellent: share, good: share, fair: share, poor: share}),
      /** Previous year's score below `score` → cut at least `minRate` [S1][S4]. */
      scoreBelow: z.strictObject({enabled: z.boolean(), score, minRate: share}),
      /** A must-keep project's cut is taken from the department's other budget instead [S1]. */
      mustKeepToDepartment: z.boolean(),
      /** A 差 one-off project gets no similar new funding. */
      oneOffCategory: label,
      actions: z.strictObject({prioritise: label, improve: label, adjust: label, cut: label, recover: label})
    }),
    lowEfficiency: z.strictObject({
      /** Final grades that make funds low-efficiency. */
      grades: z.array(GradeKey).min(1),
      /** Year-end execution rate below this. */
      executionBelow: share,
      /** Score below this in `consecutiveYears` years running. */
      scoreBelow: score,
      consecutiveYears: z.number().int().min(2),
      /** Carry-over present and unspent this many years running → recover [central rule]. */
      idleYears: z.number().int().min(1),
      /** Carry-over counts as unspent when at most this share of it was spent. */
      idleMaxSpentShare: share,
      /** Likely overlap: same functional class (this many leading digits), different units, names this similar. */
      overlapFunctionDigits: z.number().int().min(1).max(7),
      overlapSimilarity: share
    }),
    spotCheck: z.strictObject({
      /** Share of self-evaluated projects verified on site each year [S4]. */
      share,
      minPerYear: count,
      seed: z.number().int().min(0),
      weighting: z.enum(["amount", "uniform"]),
      /** Floor of the amount weight (万元), so zero-budget projects can still be drawn. */
      minWeightWan: positive,
      /** Sampling weight multiplier for inflated self-scores. */
      inflatedBoost: z.number().finite().min(1)
    })
  })
  .superRefine((policy, ctx) => {
    const {bands} = policy.grades;
    if (!(bands.excellent > bands.good && bands.good > bands.fair)) {
      ctx.addIssue({code: "custom", path: ["grades", "bands"], message: "bands must descend: excellent > good > fair"});
    }
    const e = policy.monitoring.executionLight;
    if (!(e.red < e.yellow)) ctx.addIssue({code: "custom", path: ["monitoring", "executionLight"], message: "red must be below yellow"});
    const i = policy.monitoring.indicatorLight;
    if (!(i.red < i.yellow && i.yellow < i.blue)) {
      ctx.addIssue({code: "custom", path: ["monitoring", "indicatorLight"], message: "red < yellow < blue required"});
    }
    for (const [key, tier] of Object.entries(policy.indicators.qualitative.tiers)) {
      if (!(tier.min < tier.max)) {
        ctx.addIssue({code: "custom", path: ["indicators", "qualitative", "tiers", key], message: "min must be below max"});
      }
    }
  });
export type Policy = z.infer<typeof Policy>;
