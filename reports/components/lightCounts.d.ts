/** One row per kind and light with a count, from monitoring_lights.sql's wide rows. */
export function lightCounts(rows: Record<string, unknown>[]): {year: unknown; month: unknown; department: unknown; kind: string; light: string; n: number}[];
