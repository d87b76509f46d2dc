// How many project rows a page lists at most, so that no page's data grows without bound with the database (issue #7:
// ≤ 10 MB a page at province scale, 100,000 projects). A capped query lists the rows that most need attention first
// and carries the count of all rows, so the page says how many it leaves out and where the full list is: the
// department (行政区划) pages list every project; `npx jixiao export` writes any mart in full.
// At ≈ 180–350 bytes an Arrow row (measured at province scale) these caps keep each file near or below 1.2 MB; a county (≈ 800 projects) is never capped.
export const ROW_CAPS = {
  /** projects per monitoring checkpoint (monitoring_checkpoints.sql) */
  monitoringCheckpoint: 2000,
  /** self-evaluated projects per year (evaluation_projects.sql) */
  evaluationYear: 5000,
  /** projects of the cut list per year (application_cuts.sql); the xlsx download and the detail pages' CSV hold them all */
  cutListYear: 3000,
  /** low-efficiency findings per year (application_low_efficiency.sql) */
  lowEfficiencyYear: 3000
} as const;
