import type {Database, Params} from "../db/database.ts";

interface ProjectRow extends Record<string, unknown> {
  year: number;
  project_code: string;
  project_name: string | null;
  department: string | null;
  unit_name: string | null;
  total_score: number | null;
  grade: string | null;
  final_grade: string | null;
  deduction_rate: number | null;
  deduction_wan: number | null;
  source_file: string | null;
  source_sheet: string | null;
  source_row: number | null;
  selfeval_source_file: string | null;
  selfeval_source_sheet: string | null;
  selfeval_source_row: number | null;
}

interface ExplanationRow extends Record<string, unknown> {
  year: number;
  seq: number;
  subject: string;
  rule_id: string;
  formula: string;
  result: string | null;
  source_file: string | null;
  source_sheet: string | null;
  source_row: number | null;
}

/** Sections of the trail, in order; the first holds every indicator (any subject not named below). */
const SECTIONS: {title: string; subjects: string[]}[] = [
  {title: "绩效指标", subjects: []},
  {title: "预算执行", subjects: ["execution"]},
  {title: "总分与等级", subjects: ["total", "grade"]},
  {title: "等级封顶", subjects: ["cap", "final_grade"]},
  {title: "自评核对与预警", subjects: ["self_score", "warning"]},
  {title: "结果应用", subjects: ["cut", "low_efficiency", "action"]},
  {title: "绩效监控", subjects: ["monitoring"]},
  {title: "目标质量与事前评估", subjects: ["goal_quality", "exante"]},
  {title: "真实性抽查", subjects: ["spot_check"]}
];
const NAMED = new Set(SECTIONS.flatMap((s) => s.subjects));
const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/**
 * The whole scoring trail of one project in Chinese — indicator by indicator, execution, total, grade,
 * caps, final grade, cut, low-efficiency reasons, monitoring — read from `marts.explanations` and
 * `marts.project_scores` (built by buildMarts). Without `year`, every year of the project.
 */
export async function explainProject(db: Database, projectCode: string, year?: number): Promise<string> {
  const filter = year === undefined ? "project_code = $code" : "project_code = $code AND year = $year";
  const params: Params = year === undefined ? {code: projectCode} : {code: projectCode, year};
  const projects = await db.all<ProjectRow>(`SELECT * FROM marts.project_scores WHERE ${filter} ORDER BY year`, params);
  if (projects.length === 0) {
    throw new Error(`no scored project ${projectCode}${year === undefined ? "" : ` in ${year}`} (build the marts first)`);
  }
  const explanations = await db.all<ExplanationRow>(
    `SELECT year, seq, subject, rule_id, formula, result, source_file, source_sheet, source_row
     FROM marts.explanations WHERE ${filter} ORDER BY year, seq`,
    params
  );
  const policy = await db.value<string | undefined>("SELECT policy_name FROM marts.build_info");
  return projects.map((project) => explainYear(project, explanations.filter((e) => e.year === project.year), policy)).join("\n\n");
}

function explainYear(project: ProjectRow, rows: ExplanationRow[], policy: string | undefined): string {
  const lines: string[] = [];
  const who = [project.department, project.unit_name].filter(Boolean).join(" · ");
  lines.push(`项目 ${project.project_code} ${project.project_name ?? ""}${who ? `（${who}）` : ""} ${project.year} 年度绩效评价过程`);
  lines.push(
    `结论：总分 ${show(project.total_score)}，等级 ${project.grade ?? "—"}，最终等级 ${project.final_grade ?? "—"}，` +
      `下年度扣减 ${percent(project.deduction_rate)}（${show(project.deduction_wan)} 万元）${policy ? `；政策口径 ${policy}` : ""}`
  );
  lines.push(`来源：${where(project.source_file, project.source_sheet, project.source_row)}` +
    (project.selfeval_source_file ? `；自评：${where(project.selfeval_source_file, project.selfeval_source_sheet, project.selfeval_source_row)}` : ""));

  SECTIONS.forEach((section, i) => {
    const inSection = rows.filter((r) => (i === 0 ? !NAMED.has(r.subject) : section.subjects.includes(r.subject)));
    lines.push("", `${NUMERALS[i] ?? String(i + 1)}、${section.title}`);
    if (inSection.length === 0) {
      lines.push("  （无）");
      return;
    }
    inSection.forEach((row, n) => {
      const label = i === 0 ? `${row.subject}：` : "";
      lines.push(`  ${n + 1}. ${label}${row.formula} → ${row.result ?? "—"}  [${row.rule_id}；${where(row.source_file, row.source_sheet, row.source_row)}]`);
    });
  });
  return lines.join("\n");
}

function where(file: string | null, sheet: string | null, row: number | null): string {
  if (!file) return "来源不详";
  return [file, sheet, row === null || row === undefined ? null : `第 ${row} 行`].filter(Boolean).join(" · ");
}

function show(value: number | null): string {
  return value === null || value === undefined ? "—" : String(Math.round(value * 100) / 100);
}

function percent(rate: number | null): string {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 10000) / 100}%`;
}
