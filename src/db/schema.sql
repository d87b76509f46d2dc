-- Raw layer: what the loaders write. One table per record kind of TEMPLATES.md; every record keeps its
-- provenance (import_id, source_file, source_sheet, source_row, file_hash). Amounts are 万元 as exact decimals.
-- Categorical values keep their canonical Chinese spelling (一般公共预算, 专项转移支付, 审计 …).
-- Directions: ge (≥), gt (>), eq (=), le (≤), lt (<), qual (定性). Percent indicator values are in
-- percentage points (95 for 95%).

-- one row per file load that changed the database
CREATE TABLE IF NOT EXISTS imports (
  import_id INTEGER NOT NULL,
  file_path VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  file_hash VARCHAR NOT NULL,
  file_bytes BIGINT NOT NULL,
  imported_at TIMESTAMP NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  warnings BIGINT NOT NULL,
  replaced_import_id INTEGER,
  active BOOLEAN NOT NULL
);

-- one row per sheet of an import
CREATE TABLE IF NOT EXISTS import_sheets (
  import_id INTEGER NOT NULL,
  sheet VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  layout VARCHAR NOT NULL,
  header_row INTEGER,
  unit VARCHAR,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  warnings BIGINT NOT NULL
);

-- one row per rejected value or warning
CREATE TABLE IF NOT EXISTS rejects (
  import_id INTEGER NOT NULL,
  source_file VARCHAR NOT NULL,
  source_sheet VARCHAR,
  source_row INTEGER,
  table_name VARCHAR,
  column_name VARCHAR,
  value VARCHAR,
  rule VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  message VARCHAR NOT NULL
);

-- one row per project per year
CREATE TABLE IF NOT EXISTS projects (
  year INTEGER NOT NULL,
  dept_code VARCHAR,
  dept_name VARCHAR,
  unit_code VARCHAR,
  unit_name VARCHAR,
  project_code VARCHAR NOT NULL,
  project_name VARCHAR NOT NULL,
  project_category VARCHAR,
  project_attribute VARCHAR,
  budget_type VARCHAR,
  fund_kind VARCHAR,
  function_code VARCHAR,
  function_name VARCHAR,
  initial_budget_wan DECIMAL(20,6),
  budget_wan DECIMAL(20,6),
  executed_wan DECIMAL(20,6),
  carryover_wan DECIMAL(20,6),
  exante_conclusion VARCHAR,
  total_investment_wan DECIMAL(20,6),
  must_keep BOOLEAN,
  classified BOOLEAN,
  import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER, file_hash VARCHAR NOT NULL,
  -- the county or city whose budget the project is in (行政区划): a province's roll-up holds many
  region_code VARCHAR,
  region_name VARCHAR
);
-- databases made before the region columns existed get them, at the same place
ALTER TABLE projects ADD COLUMN IF NOT EXISTS region_code VARCHAR;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS region_name VARCHAR;

-- one row per level-3 indicator per project per year
CREATE TABLE IF NOT EXISTS goal_indicators (
  year INTEGER NOT NULL,
  project_code VARCHAR NOT NULL,
  level1 VARCHAR,
  level2 VARCHAR,
  indicator VARCHAR NOT NULL,
  direction VARCHAR,
  target_raw VARCHAR,
  target_value DOUBLE,
  target_text VARCHAR,
  unit VARCHAR,
  weight DOUBLE,
  import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER, file_hash VARCHAR NOT NULL
);

-- one row per indicator per checkpoint per project; budget/executed repeat per project and checkpoint
CREATE TABLE IF NOT EXISTS monitoring (
  year INTEGER NOT NULL,
  period VARCHAR NOT NULL,
  month INTEGER NOT NULL,
  project_code VARCHAR NOT NULL,
  budget_wan DECIMAL(20,6),
  executed_wan DECIMAL(20,6),
  indicator VARCHAR,
  direction VARCHAR,
  target_raw VARCHAR,
  target_value DOUBLE,
  target_text VARCHAR,
  unit VARCHAR,
  progress_raw VARCHAR,
  progress_value DOUBLE,
  progress_text VARCHAR,
  forecast_raw VARCHAR,
  forecast_value DOUBLE,
  deviation_reason VARCHAR,
  likelihood VARCHAR,
  review_score DOUBLE,
  rectified BOOLEAN,
  import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER, file_hash VARCHAR NOT NULL
);

-- one row per indicator of a project's self-evaluation; target/weight only when the source carries them (forms)
CREATE TABLE IF NOT EXISTS selfeval_indicators (
  year INTEGER NOT NULL,
  project_code VARCHAR NOT NULL,
  level1 VARCHAR,
  level2 VARCHAR,
  indicator VARCHAR NOT NULL,
  direction VARCHAR,
  target_raw VARCHAR,
  target_value DOUBLE,
  target_text VARCHAR,
  unit VARCHAR,
  weight DOUBLE,
  actual_raw VARCHAR,
  actual_value DOUBLE,
  actual_text VARCHAR,
  score DOUBLE,
  deduction DOUBLE,
  deviation_note VARCHAR,
  import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER, file_hash VARCHAR NOT NULL
);

-- one row per project per year: the self-evaluation's fund block and reported total
CREATE TABLE IF NOT EXISTS selfeval_totals (
  year INTEGER NOT NULL,
  project_code VARCHAR NOT NULL,
  project_name VARCHAR,
  dept_name VARCHAR,
  unit_name VARCHAR,
  initial_budget_wan DECIMAL(20,6),
  budget_wan DECIMAL(20,6),
  executed_wan DECIMAL(20,6),
  carryover_budget_wan DECIMAL(20,6),
  carryover_executed_wan DECIMAL(20,6),
  reported_execution_score DOUBLE,
  reported_score DOUBLE,
  conclusion VARCHAR,
  overall_goal VARCHAR,
  overall_result VARCHAR,
  import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER, file_hash VARCHAR NOT NULL,
  -- the form's fund block: 其中：当年财政拨款 and 其他资金 (上年结转 above)
  fiscal_budget_wan DECIMAL(20,6),
  other_budget_wan DECIMAL(20,6)
);
-- databases made before the fund split existed get it, at the same place
ALTER TABLE selfeval_totals ADD COLUMN IF NOT EXISTS fiscal_budget_wan DECIMAL(20,6);
ALTER TABLE selfeval_totals ADD COLUMN IF NOT EXISTS other_budget_wan DECIMAL(20,6);

-- one row per evaluated object (部门评价 / 财政重点评价)
CREATE TABLE IF NOT EXISTS evaluations (
  year INTEGER NOT NULL,
  eval_type VARCHAR NOT NULL,
  object_type VARCHAR,
  project_code VARCHAR,
  unit_code VARCHAR,
  object_name VARCHAR NOT NULL,
  evaluator VARCHAR,
  amount_wan DECIMAL(20,6),
  score DOUBLE,
  grade VARCHAR,
  import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER, file_hash VARCHAR NOT NULL
);

-- one row per finding (审计 / 监督检查 / 绩效监控 / 真实性核查)
CREATE TABLE IF NOT EXISTS findings (
  year INTEGER NOT NULL,
  project_code VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  description VARCHAR NOT NULL,
  severity VARCHAR,
  rectified BOOLEAN,
  verification VARCHAR,
  import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER, file_hash VARCHAR NOT NULL
);

-- one row per unit per year (部门整体)
CREATE TABLE IF NOT EXISTS dept_overall (
  year INTEGER NOT NULL,
  unit_code VARCHAR NOT NULL,
  unit_name VARCHAR,
  overall_budget_wan DECIMAL(20,6),
  goals_set BOOLEAN,
  self_score DOUBLE,
  monitoring_done BOOLEAN,
  import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER, file_hash VARCHAR NOT NULL
);

-- one row per project per year: a reviewer's decision on the proposed cut, read back from the returned cut list
CREATE TABLE IF NOT EXISTS cut_decisions (
  year INTEGER NOT NULL,
  project_code VARCHAR NOT NULL,
  decision VARCHAR NOT NULL,
  decided_cut_wan DECIMAL(20,6),
  note VARCHAR,
  reviewer VARCHAR,
  import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER, file_hash VARCHAR NOT NULL
);
