-- one row per year per breakdown group (全县, department, fund kind, functional class 类): the 趋势 page's four measures
WITH function_classes(code, name) AS (
  -- 《政府收支分类科目》支出功能分类的「类」(first three digits of the function code)
  VALUES
    ('201', '一般公共服务支出'), ('202', '外交支出'), ('203', '国防支出'), ('204', '公共安全支出'),
    ('205', '教育支出'), ('206', '科学技术支出'), ('207', '文化旅游体育与传媒支出'), ('208', '社会保障和就业支出'),
    ('209', '社会保险基金支出'), ('210', '卫生健康支出'), ('211', '节能环保支出'), ('212', '城乡社区支出'),
    ('213', '农林水支出'), ('214', '交通运输支出'), ('215', '资源勘探工业信息等支出'), ('216', '商业服务业等支出'),
    ('217', '金融支出'), ('219', '援助其他地区支出'), ('220', '自然资源海洋气象等支出'), ('221', '住房保障支出'),
    ('222', '粮油物资储备支出'), ('223', '国有资本经营预算支出'), ('224', '灾害防治及应急管理支出'), ('227', '预备费'),
    ('229', '其他支出'), ('230', '转移性支出'), ('231', '债务还本支出'), ('232', '债务付息支出'), ('233', '债务发行费用支出')
),
p AS (
  SELECT
    ps.*,
    -- the department key of marts.coverage, so departments agree across pages
    coalesce(ps.department, ps.dept_code, '（未知部门）') AS dept_key,
    coalesce(ps.fund_kind, '（未填）') AS fund_key,
    CASE WHEN ps.function_code IS NULL THEN '（未填）'
         ELSE left(ps.function_code, 3) || ' ' || coalesce(fc.name, '其他') END AS function_key
  FROM marts.project_scores ps
  LEFT JOIN function_classes fc ON fc.code = left(ps.function_code, 3)
),
grouped AS (
  SELECT
    year,
    CASE WHEN grouping(dept_key) = 0 THEN 'department'
         WHEN grouping(fund_key) = 0 THEN 'fund_kind'
         WHEN grouping(function_key) = 0 THEN 'function'
         ELSE 'all' END AS dimension,
    coalesce(dept_key, fund_key, function_key, '全部项目') AS group_name,
    count(*) AS projects,
    CAST(coalesce(sum(budget_wan), 0) AS DOUBLE) AS budget_wan,
    -- projects without a self-evaluation have no score yet: left out of the average, not counted as 0
    count(total_score) AS scored_projects,
    avg(total_score) AS avg_score,
    -- the execution denominator follows the scoring policy (上年结转 in or out); a zero budget has nothing to execute
    CAST(sum(execution_executed_wan) FILTER (WHERE execution_budget_wan > 0) AS DOUBLE)
      / nullif(CAST(sum(execution_budget_wan) FILTER (WHERE execution_budget_wan > 0) AS DOUBLE), 0) AS execution_rate,
    count(final_grade_rank) AS graded_projects,
    count(*) FILTER (WHERE final_grade_rank <= 2) AS top_projects,
    count(*) FILTER (WHERE final_grade_rank <= 2) / nullif(count(final_grade_rank), 0) AS top_share,
    CAST(coalesce(sum(deduction_wan), 0) AS DOUBLE) AS deduction_wan
  FROM p
  GROUP BY GROUPING SETS ((year), (year, dept_key), (year, fund_key), (year, function_key))
)
SELECT * FROM grouped
ORDER BY year, dimension, group_name
