// Types for cube.js, so TypeScript tests can use it under strict mode.
export type CubeRow = Record<string, unknown>;
export declare function sumRows(rows: readonly CubeRow[], measures: readonly string[]): Record<string, number>;
export declare function sumGroups(rows: readonly CubeRow[], keys: readonly string[], measures: readonly string[]): Record<string, unknown>[];
export declare function ratio(numerator: number, denominator: number): number | null;
export declare function pivotYears(rows: readonly CubeRow[], options: {row: string; value: string; years: readonly number[]}): Record<string, unknown>[];
