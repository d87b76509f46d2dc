-- one row per project per year: the detail page (department_pages.sql) that lists it
-- sources: marts.project_scores, pages (department_pages.sql)
SELECT p.year, p.project_code, pg.page_key
FROM marts.project_scores p
JOIN pages pg ON pg.dept_code = coalesce(p.dept_code, p.department)
ORDER BY pg.page_key, p.year, p.project_code
