-- The bulk normaliser's cell parsers: SQL twins of loaders/normalise/*.ts for the plain spellings that
-- make up nearly every cell of a large export. Each `*_ok` macro says whether a cell is plain enough for
-- its twin here to give exactly what the TypeScript parser gives; a row with any cell that is not goes
-- to the TypeScript normaliser instead (test/loaders/bulk.test.ts checks the twins against each other).
--
-- White space is JavaScript's \s (spaces, tabs, line breaks, NBSP, ideographic space, BOM …) spelled as
-- an RE2 class, so folding and trimming agree with `cleanText`.

-- cleanText: runs of white space folded to one space, trimmed; '' → NULL.
CREATE OR REPLACE TEMP MACRO jx_text(s) AS
  CASE WHEN regexp_matches(s, '[\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]')
       THEN nullif(trim(regexp_replace(s, '[\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]+', ' ', 'g')), '')
       ELSE nullif(s, '') END;

-- cleanCode for codes with nothing to remove or convert (no white space, quotes or full-width forms),
-- short enough for the schema's 64 UTF-16 units whatever the characters.
CREATE OR REPLACE TEMP MACRO jx_code_ok(s) AS
  s IS NULL OR (NOT regexp_matches(s, '[\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}''"\x{FF01}-\x{FF5E}]') AND length(s) <= 32);

-- parseYear: 2024, 2024.0, 2024年, 2024年度. Four ASCII digits, the usual spelling, are matched by GLOB
-- first: some seven times cheaper than the regular expression.
CREATE OR REPLACE TEMP MACRO jx_year(s) AS
  CASE WHEN s GLOB '[0-9][0-9][0-9][0-9]' THEN CAST(s AS INTEGER)
       WHEN regexp_full_match(s, '\d{4}(?:\.0+)?(?:年|年度)?') THEN TRY_CAST(left(s, 4) AS INTEGER) END;

-- Whether a year cell is plain, given its parsed value y = jx_year(s).
CREATE OR REPLACE TEMP MACRO jx_year_ok(s, y) AS s IS NULL OR y BETWEEN 1990 AND 2100;

-- parseAmount for plain decimals (no sign, separators or unit words) of up to 10 integer digits: exact,
-- shifted by `factor` (a DECIMAL power of ten: 元 → 万元 is 0.0001), as text the stage casts to
-- DECIMAL(20,6). Parsed as DECIMAL(18,8): text into a DECIMAL wider than 18 digits parses some 200
-- times slower. A factor above 1 (百万元, 亿元) needs the wider type for the product: jx_amount_up.
-- (TRY_CAST: the value of a row that is not plain is computed, then thrown away.)
CREATE OR REPLACE TEMP MACRO jx_amount_ok(s) AS s IS NULL OR regexp_full_match(s, '\d{1,10}(?:\.\d{1,8})?');

CREATE OR REPLACE TEMP MACRO jx_amount(s, factor) AS CAST(TRY_CAST(s AS DECIMAL(18, 8)) * factor AS VARCHAR);

CREATE OR REPLACE TEMP MACRO jx_amount_up(s, factor) AS CAST(CAST(TRY_CAST(s AS DECIMAL(18, 8)) AS DECIMAL(38, 8)) * factor AS VARCHAR);

-- parseNumber for plain decimals; -0 reads as 0, as Number("0") does.
CREATE OR REPLACE TEMP MACRO jx_number_ok(s) AS s IS NULL OR regexp_full_match(s, '-?\d{1,12}(?:\.\d{1,6})?');

CREATE OR REPLACE TEMP MACRO jx_number(s) AS CASE WHEN TRY_CAST(s AS DOUBLE) = 0 THEN 0.0 ELSE TRY_CAST(s AS DOUBLE) END;

-- parseBool for the words as written (case and width exactly as listed in values.ts).
CREATE OR REPLACE TEMP MACRO jx_bool_ok(s) AS
  s IS NULL OR s IN ('是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '已整改', '已完成', '已设定', '有',
                     '否', 'N', 'NO', 'FALSE', '0', '×', '✗', '未整改', '未完成', '未设定', '无');

CREATE OR REPLACE TEMP MACRO jx_bool(s) AS
  CASE WHEN s IS NULL THEN NULL ELSE s IN ('是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '已整改', '已完成', '已设定', '有') END;

-- parsePeriod: 1-5月, 1—5月, 1至5月, 5月, 5 → month 5. The twelve spellings 1-1月 … 1-12月 are looked up
-- first (three times cheaper than the regular expressions).
CREATE OR REPLACE TEMP MACRO jx_month(s) AS
  CASE WHEN s IN ('1-1月', '1-2月', '1-3月', '1-4月', '1-5月', '1-6月', '1-7月', '1-8月', '1-9月', '1-10月', '1-11月', '1-12月')
         THEN CAST(substr(s, 3, length(s) - 3) AS INTEGER)
       WHEN regexp_full_match(s, '(?:1[-—–~至到])?\d{1,2}月|\d{1,2}') THEN TRY_CAST(regexp_extract(s, '(\d{1,2})月?$', 1) AS INTEGER) END;

-- parseDirection for whole direction-column values (prefix words such as 不低于95 go to TypeScript).
CREATE OR REPLACE TEMP MACRO jx_direction(s) AS
  CASE
    WHEN s IN ('≥', '>=', '=>', '不低于', '不少于', '大于等于', '大于或等于', '至少', '正向指标', '正向') THEN 'ge'
    WHEN s IN ('≤', '<=', '=<', '不高于', '不多于', '不超过', '小于等于', '小于或等于', '至多', '反向指标', '反向') THEN 'le'
    WHEN s IN ('>', '大于', '高于', '多于', '超过') THEN 'gt'
    WHEN s IN ('<', '小于', '低于', '少于') THEN 'lt'
    WHEN s IN ('=', '==', '等于') THEN 'eq'
    WHEN s IN ('定性指标', '定性') THEN 'qual'
  END;

CREATE OR REPLACE TEMP MACRO jx_direction_ok(s) AS
  jx_text(s) IS NULL OR jx_direction(s) IS NOT NULL OR s IN ('定量', '定量指标');

-- parseMeasure, numeric: an optional direction sign, a plain number, a unit without digits, separators,
-- white space, full-width forms or the last characters of 以上/以下/以内 ("≥95%", "≤3天", "520人次").
-- A plain number (most progress and forecast cells) is told by a full match, cheaper than the extraction.
-- The sign is spelt [<>]=?|[≥≤=] (the same seven signs as >=|<=|≥|≤|>|<|=) so that no character leaves
-- two ways on: RE2 then extracts in one pass, some 2.7 times faster.
CREATE OR REPLACE TEMP MACRO jx_measure_parts(s) AS
  CASE WHEN regexp_full_match(s, '-?\d{1,12}(?:\.\d{1,6})?') THEN {'sign': '', 'number': s, 'unit': ''} ELSE regexp_extract(s, '^([<>]=?|[≥≤=])?(-?\d{1,12}(?:\.\d{1,6})?)([^0-9.,+\-\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}\x{FF01}-\x{FF5E}上下内]*)$', ['sign', 'number', 'unit']) END;

-- parseMeasure, qualitative: text without digits or full-width forms that neither starts with the
-- first character of a direction word nor ends with the last of a suffix word ("达成年度指标").
CREATE OR REPLACE TEMP MACRO jx_qualitative(t) AS
  NOT regexp_matches(t, '[0-9\x{FF01}-\x{FF5E}]')
  AND NOT regexp_matches(t, '^[≥>=不大至正反≤<小高多超低少等定]')
  AND NOT regexp_matches(t, '[上下内]$');

CREATE OR REPLACE TEMP MACRO jx_sign_direction(sign) AS
  CASE sign WHEN '>=' THEN 'ge' WHEN '≥' THEN 'ge' WHEN '<=' THEN 'le' WHEN '≤' THEN 'le'
            WHEN '>' THEN 'gt' WHEN '<' THEN 'lt' WHEN '=' THEN 'eq' END;

-- A cell that starts with white space (as JavaScript's \s counts it): the only kind of cell that can be
-- white space only, which the flat mapper does not count as filled. Text compares by its UTF-8 bytes, so
-- a cell below '!' starts with an ASCII control or space, and one from chr(160) below chr(12289) or from
-- chr(65279) on may start with a wider space: only those are looked at by code point (digits, letters
-- and Chinese characters fall through in two comparisons). Comparisons, not IN lists: DuckDB makes a
-- list of six or more values a join, which here would be two joins for every raw column.
CREATE OR REPLACE TEMP MACRO jx_lead_space(s) AS
  CASE WHEN s < '!' THEN ord(s) BETWEEN 9 AND 13 OR ord(s) = 32
       WHEN s < chr(160) THEN false
       WHEN s < chr(12289) OR s >= chr(65279) THEN ord(s) = 160 OR ord(s) = 5760 OR ord(s) BETWEEN 8192 AND 8202 OR ord(s) BETWEEN 8232 AND 8233
         OR ord(s) = 8239 OR ord(s) = 8287 OR ord(s) = 12288 OR ord(s) = 65279
       ELSE false END;
