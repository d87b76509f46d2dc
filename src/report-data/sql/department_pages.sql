-- one row per department with scored projects: the detail page that shows it. A database of one 行政区划 (a county)
-- gives each department its own page (departments/<dept_code>); a database of several (a city or province roll-up)
-- gives each 行政区划 one page holding its departments (regions/<region_code>), so the site grows with regions, not departments
-- sources: marts.project_scores, intermediate.int_projects (region_code, region_name of each project)
WITH projects AS (
  SELECT
    -- the department key every department file and link uses
    coalesce(p.dept_code, p.department) AS dept_code,
    coalesce(p.department, p.dept_code) AS department,
    -- a project without a 行政区划 still needs a page: one shared key for all of them
    coalesce(r.region_code, r.region_name, '未注明') AS region_code,
    coalesce(r.region_name, r.region_code, '（未注明行政区划）') AS region_name
  FROM marts.project_scores p
  LEFT JOIN intermediate.int_projects r ON r.year = p.year AND r.project_code = p.project_code
  -- a project with neither code nor department cannot be shown on a department's page
  WHERE coalesce(p.dept_code, p.department) IS NOT NULL
),
departments AS (
  -- a department belongs to one 行政区划; should its projects name several, the first by code holds it
  SELECT dept_code, any_value(department ORDER BY department) AS department, min(region_code) AS region_code
  FROM projects
  GROUP BY dept_code
),
mode AS (
  SELECT count(DISTINCT region_code) > 1 AS by_region FROM projects
)
SELECT
  CASE WHEN mode.by_region THEN d.region_code ELSE d.dept_code END AS page_key,
  CASE WHEN mode.by_region THEN 'regions' ELSE 'departments' END AS page_kind,
  d.dept_code,
  d.department,
  d.region_code,
  (SELECT any_value(region_name ORDER BY region_name) FROM projects r WHERE r.region_code = d.region_code) AS region_name
FROM departments d, mode
ORDER BY page_key, d.dept_code
