-- one row per grade (1 = best): the policy's labels and score bands, for legends and the grade chart
SELECT
  CAST(r AS INTEGER) AS grade_rank,
  grade_label(r) AS label,
  grade_band_text(r) AS band
FROM range(1, 5) AS t(r)
ORDER BY grade_rank
