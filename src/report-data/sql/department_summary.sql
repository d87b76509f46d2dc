-- one row per department per year: projects, budget and execution, scores, final grades, caps, cuts and evaluation coverage
-- sources: marts.project_scores, marts.application, marts.coverage, pages (department_pages.sql: the detail page a name links to)
WITH d AS (
  SELECT
    p.year,
    -- the same code departmentPaths() gives the department pages
    coalesce(p.dept_code, p.department) AS dept_code,
    coalesce(p.department, p.dept_code) AS department,
    count(*) AS projects,
    count(*) FILTER (WHERE p.has_selfeval) AS scored_projects,
    coalesce(sum(p.budget_wan), 0) AS budget_wan,
    coalesce(sum(p.executed_wan), 0) AS executed_wan,
    avg(p.total_score) AS mean_score,
    min(p.total_score) AS min_score,
    count(*) FILTER (WHERE p.final_grade = grade_label(1)) AS grade_1,
    count(*) FILTER (WHERE p.final_grade = grade_label(2)) AS grade_2,
    count(*) FILTER (WHERE p.final_grade = grade_label(3)) AS grade_3,
    count(*) FILTER (WHERE p.final_grade = grade_label(4)) AS grade_4,
    count(*) FILTER (WHERE p.capped) AS capped_projects,
    count(*) FILTER (WHERE p.inflated) AS inflated_projects,
    coalesce(sum(a.deduction_wan), 0) AS deduction_wan,
    coalesce(sum(a.recover_wan), 0) AS recover_wan
  FROM marts.project_scores p
  LEFT JOIN marts.application a ON a.year = p.year AND a.project_code = p.project_code
  -- a project with neither code nor department cannot have a department page
  WHERE coalesce(p.dept_code, p.department) IS NOT NULL
  GROUP BY ALL
)
SELECT
  d.*,
  CASE WHEN d.budget_wan > 0 THEN d.executed_wan / d.budget_wan END AS execution_rate,
  c.dept_evaluation_share,
  c.dept_evaluation_ok,
  pg.region_code,
  pg.region_name,
  -- the site path of the page with this department's projects: its own page, or its 行政区划's page opened at it
  CASE pg.page_kind
    WHEN 'regions' THEN 'regions/' || url_encode(pg.page_key) || '?dept=' || url_encode(d.dept_code)
    ELSE 'departments/' || url_encode(pg.page_key)
  END AS page_path
FROM d
LEFT JOIN pages pg ON pg.dept_code = d.dept_code
LEFT JOIN marts.coverage c ON c.year = d.year AND coalesce(c.dept_code, c.department) = d.dept_code
ORDER BY d.year, d.dept_code
