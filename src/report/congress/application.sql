-- one row per report: 结果应用 of the evaluated year — proposed cuts, recovered funds, low-efficiency funds, and cuts as reviewed
-- sources: marts.application (project_scores, low_efficiency), marts.low_efficiency, cut_review (src/application/cut_review.sql: cut_decisions)
WITH a AS (
  SELECT * FROM marts.application WHERE year = $eval_year
),
le AS (
  SELECT DISTINCT l.project_code, p.budget_wan
  FROM marts.low_efficiency l
  JOIN marts.project_scores p ON p.year = l.year AND p.project_code = l.project_code
  WHERE l.year = $eval_year
),
r AS (
  SELECT * FROM cut_review WHERE year = $eval_year
)
SELECT
  count(*) FILTER (WHERE deduction_wan > 0) AS cut_projects,
  round2(coalesce(sum(exact_wan(deduction_wan)) FILTER (WHERE deduction_wan > 0), 0)) AS cut_wan,
  round2(coalesce(sum(exact_wan(project_cut_wan)), 0)) AS project_cut_wan,
  round2(coalesce(sum(exact_wan(department_cut_wan)), 0)) AS department_cut_wan,
  count(*) FILTER (WHERE department_cut_wan > 0) AS department_cut_projects,
  count(*) FILTER (WHERE recover_wan > 0) AS recovered_projects,
  round2(coalesce(sum(exact_wan(recover_wan)), 0)) AS recovered_wan,
  count(*) FILTER (WHERE action = policy().application.actions.prioritise) AS prioritised_projects,
  count(*) FILTER (WHERE no_similar_new_funding) AS no_new_funding_projects,
  (SELECT count(*) FROM le) AS low_efficiency_projects,
  (SELECT round2(coalesce(sum(exact_wan(budget_wan)), 0)) FROM le) AS low_efficiency_wan,
  (SELECT count(*) FROM r WHERE decision IS NOT NULL) AS reviewed_projects,
  (SELECT count(*) FROM r WHERE decision IS NULL AND proposed_cut_wan > 0) AS pending_projects,
  (SELECT round2(coalesce(sum(exact_wan(decided_cut_wan)), 0)) FROM r) AS decided_cut_wan,
  (SELECT list(DISTINCT f ORDER BY f) FROM (
     SELECT source_file AS f FROM a WHERE source_file IS NOT NULL
     UNION SELECT decision_source_file FROM r WHERE decision_source_file IS NOT NULL)) AS source_files
FROM a
