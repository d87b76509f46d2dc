// Types for overviewFigures.js, so TypeScript tests can use it under strict mode.
import type {CubeRow} from "./cube.js";
export declare const OVERVIEW_MEASURES: readonly string[];
export type OverviewFigures = Record<string, number> & {
  units: number;
  execution_rate: number | null;
  goal_coverage: number | null;
  monitoring_coverage: number | null;
  selfeval_coverage: number | null;
  graded: number;
  top_share: number | null;
};
export type GradeRow = {grade_rank: number; label: string; band: string};
export type GradeCount = {rank: number | null; label: string; band: string; projects: number};
export declare function overviewFigures(rows: readonly CubeRow[]): OverviewFigures;
export declare function gradeCounts(figures: Record<string, number>, grades: readonly GradeRow[]): GradeCount[];
export declare function fundsByKind(rows: readonly CubeRow[]): Record<string, unknown>[];
export declare function gradesByDepartment(rows: readonly CubeRow[], grades: readonly GradeRow[]): Record<string, unknown>[];
