import type {BudgetType, DeptTemplate, FundKind, Level2Key, ProjectTemplate} from "./catalog.ts";

export type OutputFormat = "mixed" | "csv" | "xlsx";
export type Direction = "≥" | ">" | "=" | "≤" | "<" | "定性";
export type QualTier = "达成年度指标" | "部分达成年度指标并具有一定效果" | "未达成年度指标且效果较差";
export type Profile = "good" | "fair" | "low" | "bad";
export type Outcome = "meet" | "mild" | "severe" | "over" | "rev2x" | "eqZeroMiss";

export interface Dept {
  /** index of the template in DEPARTMENTS */
  tplIndex: number;
  code: string;
  /** full name with the county prefix, e.g. 云溪县教育局 */
  name: string;
  tpl: DeptTemplate;
  units: Unit[];
  /** the county it belongs to: 行政区划代码 and name */
  region: {code: string; name: string};
}

export interface Unit {
  code: string;
  name: string;
  /** "本级" or the subordinate unit's short name */
  short: string;
  dept: Dept;
  /** share of recurring projects */
  weight: number;
  /** share of one-off projects */
  oneOffWeight: number;
}

export interface ProjectDef {
  code: string;
  name: string;
  unit: Unit;
  tpl: ProjectTemplate;
  func: string;
  recurring: boolean;
  budgetType: BudgetType;
  fund: FundKind;
  key: boolean;
  secret: boolean;
  build: boolean;
  startYear: number;
  /** last active year (inclusive) */
  endYear: number;
  purpose: string;
  /** planned annual appropriation (万元) — evolves year to year for recurring projects */
  amount: number;
  /** total investment (万元) for construction projects */
  invest: number | null;
  exAnte: "支持" | "部分支持" | "不支持" | "未评估";
  overlapGroup: number | null;
  /** two consecutive years forced below 80 */
  chronicLow: number | null;
  /** first of two consecutive years with an idle carry-over */
  idleStart: number | null;
  fewIndicators: boolean;
  lowQuant: boolean;
  goalDefect: "costGe" | "pctOver100" | "noUnit" | null;
  /** two-year construction: share of the total appropriated in the first year */
  firstYearShare: number;
  // ---- state carried from year to year ----
  prevTotal: number | null;
  carryOut: number;
  structure: IndicatorDef[] | null;
  /** bits describing the structure (see STRUCT_* in indicators.ts) */
  structFlags: number;
}

export interface IndicatorDef {
  key: Level2Key;
  l1: string;
  l2: string;
  name: string;
  dir: Direction;
  unit: string;
  lo: number;
  hi: number;
  decimals: number;
  budgetTied: boolean;
  pct: boolean;
  weight: number;
  /** stable base target (year drift applied on top) */
  base: number;
}

export interface Indicator {
  def: IndicatorDef;
  dir: Direction;
  unit: string;
  /** numeric target (NaN for qualitative) */
  target: number;
  /** numeric actual (NaN for qualitative) */
  actual: number;
  tier: QualTier | null;
  outcome: Outcome;
  weight: number;
  /** score by the official formula (recomputed) */
  score: number;
  /** self-reported score */
  reported: number;
  reason: string;
  monitoring: IndicatorProgress[];
}

export interface IndicatorProgress {
  /** numeric progress (NaN when qualitative) */
  progress: number;
  progressTier: QualTier | null;
  forecast: number;
  forecastTier: QualTier | null;
  deviation: string;
  likelihood: "确定能" | "有可能" | "完全不可能";
}

export interface Checkpoint {
  month: number;
  label: string;
  spent: number;
  review: number;
  rectified: "是" | "否" | "";
}

export interface ProjectYear {
  year: number;
  def: ProjectDef;
  attr: "新增" | "延续";
  initial: number;
  fiscal: number;
  carryIn: number;
  other: number;
  budget: number;
  spent: number;
  carryOut: number;
  profile: Profile;
  traits: Set<string>;
  hasGoals: boolean;
  hasSelfEval: boolean;
  indicators: Indicator[];
  execScore: number;
  /** total by the official formulas (qualitative: reported inside band, else band floor) */
  recomputed: number;
  reported: number;
  conclusion: string;
  checkpoints: Checkpoint[];
  /** 年度总体目标: expected and actual texts */
  goalText: string;
  actualText: string;
}

export interface EvaluationRow {
  year: number;
  kind: "部门评价" | "财政重点评价";
  objectType: "项目" | "部门整体" | "财政政策" | "政府采购" | "政府购买服务" | "专项债券" | "其他";
  projectCode: string;
  unitCode: string;
  object: string;
  agency: string;
  amount: number;
  score: number;
  grade: string;
}

export interface FindingRow {
  year: number;
  projectCode: string;
  source: "审计" | "监督检查" | "绩效监控" | "真实性核查";
  text: string;
  severity: "一般" | "重大" | "";
  rectified: "是" | "否" | "";
  verdict: "属实" | "不属实" | "";
}

export interface DeptOverallRow {
  year: number;
  unitCode: string;
  unitName: string;
  budget: number;
  goalsSet: "是" | "否";
  selfScore: number | null;
  monitored: "是" | "否";
}

export interface RegionYear {
  year: number;
  projects: ProjectYear[];
  evaluations: EvaluationRow[];
  findings: FindingRow[];
  deptOverall: DeptOverallRow[];
}
