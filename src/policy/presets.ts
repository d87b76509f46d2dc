import {Policy} from "./policy.ts";

/** The ministry's defaults (RULES.md): weights 10/50/30/10, bands 90/80/60, labels 优/良/中/差. */
export const mof: Policy = Policy.parse({
  name: "mof",
  description: "财政部默认口径（财预〔2020〕10号、预算绩效管理系统计分规则），结果应用按阿图什/伽师做法的默认比例",
  execution: {weight: 10, includeCarryover: true},
  levels: {
    output: {label: "产出指标", weight: 50, level2: ["数量", "质量", "时效", "成本"]},
    benefit: {label: "效益指标", weight: 30, level2: ["经济效益", "社会效益", "生态效益", "可持续影响"]},
    satisfaction: {label: "满意度指标", weight: 10, level2: ["服务对象满意度"]}
  },
  indicators: {
    overAchievement: {ratio: 1.5, deductionShare: 0},
    qualitative: {
      tiers: {
        achieved: {label: "达成年度指标", match: ["达成", "完成", "全部达成"], min: 0.8, max: 1, maxInclusive: true},
        partial: {label: "部分达成年度指标并具有一定效果", match: ["部分达成", "基本达成", "部分完成", "基本完成"], min: 0.6, max: 0.8, maxInclusive: false},
        failed: {label: "未达成年度指标且效果较差", match: ["未达成", "未完成"], min: 0, max: 0.6, maxInclusive: false}
      }
    },
    notApplicable: {rescale: true, markers: ["不适用", "无此项"]}
  },
  grades: {
    bands: {excellent: 90, good: 80, fair: 60},
    labels: {excellent: "优", good: "良", fair: "中", poor: "差"}
  },
  caps: {
    audit: {enabled: true, maxGrade: "fair", sources: ["审计", "监督检查"], exemptRectified: false},
    major: {enabled: true, maxGrade: "poor", sources: ["审计", "监督检查"], severity: "重大"},
    monitoring: {enabled: true, maxGrade: "fair"},
    veto: {enabled: true, maxGrade: "poor", sources: ["真实性核查"], verdict: "不属实", recoverFunds: true}
  },
  selfScore: {gapThreshold: 5},
  warnings: {mismatchRelative: 0.05, unspentShare: 0.2},
  monitoring: {
    checkpointMonths: [5, 8],
    executionLight: {red: 60, yellow: 80},
    indicatorLight: {red: 60, yellow: 80, blue: 120},
    rectification: {reviewBelow: 60, gapPoints: 20, goalCompletion: "schedule", rateUnits: ["%", "％", "‰", "百分比"]},
    failureBasis: "review",
    consecutiveFailures: 2,
    lateSpending: {enabled: true, fromMonth: 9, spentBelow: 0.6, balanceWan: 200}
  },
  goalQuality: {
    level3MoreThan: 7,
    quantifiableShareMoreThan: 0.7,
    percentUnits: ["%", "％"],
    percentMax: 100,
    costLevel2: "成本",
    costForbiddenDirections: ["ge", "gt"],
    weightTolerance: 0.01,
    fundToleranceWan: 0.1
  },
  coverage: {
    departmentEvaluationType: "部门评价",
    keyEvaluationType: "财政重点评价",
    projectObjectTypes: ["项目"],
    departmentEvaluationShare: 0.2,
    keyEvaluationMinCount: 10,
    keyEvaluationFundsNotBelowLastYear: true,
    keyEvaluationBudgetTypes: ["一般公共预算", "政府性基金预算", "国有资本经营预算"]
  },
  exante: {newAttribute: "新增", notBudgetable: ["未评估", "不支持"], majorInvestmentWan: 200},
  application: {
    cutRates: {excellent: 0, good: 0, fair: 0.1, poor: 0.3},
    scoreBelow: {enabled: true, score: 80, minRate: 0.1},
    mustKeepToDepartment: true,
    oneOffCategory: "一次性项目",
    actions: {prioritise: "优先保障", improve: "督促改进", adjust: "调整", cut: "削减或取消", recover: "收回"}
  },
  lowEfficiency: {
    grades: ["poor"],
    executionBelow: 0.5,
    scoreBelow: 80,
    consecutiveYears: 2,
    idleYears: 2,
    idleMaxSpentShare: 0,
    overlapFunctionDigits: 7,
    overlapSimilarity: 0.9
  },
  spotCheck: {share: 0.1, minPerYear: 1, seed: 20240331, weighting: "amount", minWeightWan: 1, inflatedBoost: 3}
});

/** Xinjiang practice ([S1] 阿图什 2023, [S4] 伽师 2024): the ministry's formulas with the region's labels and rules. */
export const xinjiang: Policy = Policy.parse({
  ...mof,
  name: "xinjiang",
  description: "新疆口径（阿图什市、伽师县文件）：优秀/良好/一般/较差，5月、8月双监控，审计与监督检查问题封顶，真实性核查一票否决",
  grades: {...mof.grades, labels: {excellent: "优秀", good: "良好", fair: "一般", poor: "较差"}},
  monitoring: {...mof.monitoring, checkpointMonths: [5, 8]}
});

export const presets = {mof, xinjiang} as const satisfies Record<string, Policy>;
export type PresetName = keyof typeof presets;

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(presets, name);
}
