/** data/sample/README.md: what was generated (counts per year, variety cases, files and their layouts). */
import path from "node:path";
import type {Plan} from "./options.ts";
import type {GeneratedFile} from "./index.ts";
import type {YearStats} from "./stats.ts";
import {yearVariants} from "./tables.ts";
import {BUDGET_TYPES, FUND_KINDS} from "./catalog.ts";

type Row = [label: string, key: string | ((s: YearStats) => string | number)];

const COUNTS: Row[] = [
  ["regions (counties)", "regions"],
  ["departments 主管部门", "departments"],
  ["units 单位", "units"],
  ["projects", "projects"],
  ["— recurring 经常性 / one-off 一次性", (s) => `${s.get("projects.recurring")} / ${s.get("projects.oneoff")}`],
  ["— new 新增 / continuing 延续", (s) => `${s.get("projects.new")} / ${s.get("projects.continuing")}`],
  ["全年预算数 total (万元)", (s) => s.get("budget.total").toFixed(2)],
  ["全年执行数 total (万元)", (s) => s.get("spent.total").toFixed(2)],
  ["projects with goals", "goals.projects"],
  ["goal indicators (三级指标 rows)", "goals.rows"],
  ["monitoring rows", "monitoring.rows"],
  ["— projects monitored 1-5月 / 1-8月 / 1-9月", (s) => `${s.get("monitoring.1-5月.projects")} / ${s.get("monitoring.1-8月.projects")} / ${s.get("monitoring.1-9月.projects")}`],
  ["self-evaluation: standard forms (sheets)", "selfeval.forms.standard"],
  ["self-evaluation: Sichuan forms (sheets)", "selfeval.forms.sichuan"],
  ["self-evaluation: flat (projects / indicator rows)", (s) => `${s.get("selfeval.flat.projects")} / ${s.get("selfeval.flat.rows")}`],
  ["recomputed grade 优 / 良 / 中 / 差", (s) => `${s.get("grade.优")} / ${s.get("grade.良")} / ${s.get("grade.中")} / ${s.get("grade.差")}`],
  ["部门评价 rows", "eval.dept"],
  ["— departments covered ≥20% / short / none", (s) => `${s.get("eval.deptCovered")} / ${s.get("eval.deptShort")} / ${s.get("eval.deptNone")}`],
  ["财政重点评价 objects", "eval.key"],
  ["— 项目 / 部门整体 / 财政政策 / 政府采购 / 政府购买服务 / 专项债券 / 其他", (s) => ["项目", "部门整体", "财政政策", "政府采购", "政府购买服务", "专项债券", "其他"].map((t) => s.get(`eval.key.${t}`)).join(" / ")],
  ["findings 审计 / 监督检查 / 绩效监控 / 真实性核查", (s) => ["审计", "监督检查", "绩效监控", "真实性核查"].map((t) => s.get(`finding.${t}`)).join(" / ")],
  ["— 重大 / 不属实 / audit-inspection not rectified", (s) => `${s.get("finding.major")} / ${s.get("finding.untrue")} / ${s.get("finding.unrectified")}`],
  ["预算类型 " + BUDGET_TYPES.join(" / "), (s) => BUDGET_TYPES.map((t) => s.get(`budgetType.${t}`)).join(" / ")],
  ["资金性质 " + FUND_KINDS.join(" / "), (s) => FUND_KINDS.map((t) => s.get(`fund.${t}`)).join(" / ")]
];

const CASES: Row[] = [
  ["low performers: recomputed < 80 (中/差)", (s) => s.get("grade.中") + s.get("grade.差")],
  ["below 80 two years running (same project code)", "case.below80TwoYears"],
  ["inflated self-score: reported − recomputed > 5", "case.inflated"],
  ["qualitative score reported outside its tier's band", "case.qualOutOfBand"],
  ["under-spending: execution < 50%", "case.underspend"],
  ["zero-budget projects (全年预算数 = 0)", "case.zeroBudget"],
  ["上年结转 > 0", "case.carryIn"],
  ["idle carry-over two years running (结转 both years, not spent)", "case.idleCarryTwoYears"],
  ["overlapping projects (deliberate pairs, same 功能分类, near-identical names)", "case.overlap"],
  ["new projects with 事前评估 不支持 / 未评估", (s) => `${s.get("case.exAnte.不支持")} / ${s.get("case.exAnte.未评估")}`],
  ["major projects: 总投资 ≥ 200万元", "case.major"],
  ["重点保障 must-keep projects", "case.key"],
  ["涉密 classified projects", "case.secret"],
  ["projects without goals / goals but no self-evaluation", (s) => `${s.get("case.noGoals")} / ${s.get("case.noSelfEval")}`],
  ["projects with < 8 level-3 indicators", "case.fewIndicators"],
  ["projects with quantifiable share ≤ 70%", "case.lowQuant"],
  ["indicators with a goal-quality defect (成本 with ≥, % target > 100, no unit)", "case.goalDefect"],
  ["reverse indicators with actual ≥ 2 × target (score 0)", "case.reverse2x"],
  ["equal indicators with target 0 (missed)", (s) => `${s.get("case.eqZero")} (${s.get("case.eqZeroMiss")})`],
  ["positive indicators with actual ≥ 1.5 × target", "case.over15"],
  ["two failed monitoring reviews (< 60) not rectified", "case.monFailTwice"]
];

function table(rows: Row[], years: number[], stats: Map<number, YearStats>): string {
  const lines = [`| | ${years.join(" | ")} |`, `|---|${years.map(() => "---:").join("|")}|`];
  for (const [label, key] of rows) {
    const cells = years.map((y) => {
      const s = stats.get(y) as YearStats;
      return typeof key === "string" ? String(s.get(key)) : String(key(s));
    });
    lines.push(`| ${label} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

function describe(name: string, year: number): string {
  const v = yearVariants(year);
  if (name.startsWith("projects.xlsx")) return v.yuan ? "projects, flat xlsx, title + `单位：元` line, header aliases (预算单位, 调整后预算数, 实际支出, 结转资金)" : "projects, flat xlsx, title + `单位：万元` line";
  if (name.startsWith("projects.gbk.csv")) return v.yuan ? "projects, GB18030 CSV, amounts in 元 (headers `…（元）`, aliases)" : "projects, GB18030 CSV";
  if (name.startsWith("goals")) return v.combinedGoals ? "goal indicators, combined target strings (`≥95%`)" + (name.endsWith("xlsx") ? " under a title and a two-row merged header" : "") : "goal indicators, separate 指标性质 / 指标值 / 度量单位 / 分值";
  if (name.startsWith("monitoring")) return `monitoring, one row per indicator${v.monitorLiteralX ? ", headers `1-X月…`" : ""}${v.monitorAlias ? ", alias 累计完成值" : ""}${v.reviewColumns ? ", with 审核得分 / 是否整改" : ""}`;
  if (name.startsWith("selfeval_forms_sichuan")) return "self-evaluation forms, Sichuan variant, one project per sheet";
  if (name.startsWith("selfeval_forms")) return "self-evaluation forms (项目支出绩效自评表), one project per sheet";
  if (name.startsWith("selfeval_indicators")) return name.endsWith("csv") ? "self-evaluation per indicator, GB18030 CSV" : "self-evaluation per indicator, xlsx";
  if (name.startsWith("selfeval_totals")) return name.endsWith("csv") ? "self-evaluation totals, GB18030 CSV" : "self-evaluation totals, xlsx";
  if (name.startsWith("evaluations")) return "部门评价 and 财政重点评价" + (name.endsWith("csv") ? ", UTF-8 BOM CSV" : "");
  if (name.startsWith("findings")) return "findings (审计 / 监督检查 / 绩效监控 / 真实性核查)" + (name.endsWith("csv") ? ", UTF-8 BOM CSV" : "");
  if (name.startsWith("dept_overall")) return "部门整体, one row per unit";
  return "";
}

function size(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

export function renderReadme(plan: Plan, stats: Map<number, YearStats>, files: GeneratedFile[]): string {
  const o = plan.opts;
  const years = o.years;
  const parts: string[] = [];
  parts.push(`# Sample data: ${plan.jurisdiction}

Generated by \`scripts/generate-sample.ts\` (deterministic: the same options give byte-identical files).

- scale: \`${o.scaleLabel}\` — ${o.projectsPerYear} projects per year in ${plan.regions.length} county-sized region(s)
- years: ${years.join(", ")} (simulated from ${plan.simYears[0]} so that multi-year cases are the same whatever years are written)
- seed: ${o.seed}
- format: \`${o.format}\`
- regenerate: \`npx tsx scripts/generate-sample.ts --out ${path.isAbsolute(o.out) ? "<this directory>" : o.out.split(path.sep).join("/")} --scale ${o.scaleLabel} --years ${years.length > 1 && years[years.length - 1]! - years[0]! === years.length - 1 ? `${years[0]}-${years[years.length - 1]}` : years.join(",")} --seed ${o.seed} --format ${o.format}\`

## Conventions

- Codes: 主管部门 \`${"0".repeat(plan.deptCodeWidth - 1)}1\`…, 单位 = department code + 3 digits (\`…001\` is the department's own 本级 unit),
  项目编码 = \`<立项年度>-<单位编码>-<seq>\` — recurring (经常性) projects keep their code in every year.
- Amounts in 万元 with up to 2 decimals, except where a file says 元. 全年预算数 = 年度资金总额 = 当年财政拨款 + 上年结转 + 其他资金
  (so the execution rate's default denominator includes the carry-over); 年初预算数 is the appropriation at the start of the year.
- Indicator weights (分值) add up to 90 per project (budget execution has 10); self-reported indicator scores follow the official
  formulas except for the deliberate cases below. Self-evaluations of 涉密 projects are never in the published forms.
- Layout variants are tied to calendar years (year mod 4): 元 and header aliases in projects (≡2, e.g. 2022), combined target strings and a
  two-row header in goals (≡1, e.g. 2021), \`1-X月\` monitoring headers (≡3), 审核得分/是否整改 columns (≡3 and ≡0), 累计完成值 alias (≡2);
  the second monitoring checkpoint is 1-9月 instead of 1-8月 for some departments in years ≡2 (mod 3), e.g. 2021 and 2024.
- Self-evaluations: ${o.format === "mixed" ? "教育局, 农业农村局 and 交通运输局 of the first county publish the standard form, 卫生健康委员会 the Sichuan variant; all others are in the flat GB18030 CSVs" : o.format === "xlsx" ? "up to 10 projects of 教育局 (first county) as forms, the rest in flat xlsx tables" : "all flat (GB18030 CSV)"}.

## Counts

${table(COUNTS, years, stats)}

## Variety cases

${table(CASES, years, stats)}

## Files
`);
  for (const y of years) {
    const list = files.filter((f) => f.path.startsWith(`${y}/`));
    parts.push(`\n### ${y}\n\n| file | size | content |\n|---|---:|---|`);
    for (const f of list) {
      const name = f.path.slice(String(y).length + 1);
      parts.push(`| \`${f.path}\` | ${size(f.bytes)} | ${describe(name, y)} |`);
    }
  }
  parts.push("");
  return parts.join("\n");
}
