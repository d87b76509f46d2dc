import {Policy} from "./policy.ts";

/**
 * `CREATE OR REPLACE MACRO policy() AS {…}`: the validated policy as one DuckDB struct literal, keys in
 * snake_case, for ad-hoc queries (`SELECT policy().grades.bands`). Models and formula macros do not call it:
 * `inlinePolicy` replaces their `policy().a.b` references by literals, which DuckDB binds far faster.
 */
export function policySql(policy: Policy): string {
  return `CREATE OR REPLACE MACRO policy() AS ${sqlLiteral(snakeKeys(Policy.parse(policy)), "policy")};`;
}

/**
 * Replaces every `policy().path.to.value` in SQL text by the validated value as a literal
 * (`policy().grades.bands.good` → `CAST(80 AS DOUBLE)`); an unknown path is an error naming it.
 */
export function inlinePolicy(sql: string, policy: Policy): string {
  const root = snakeKeys(Policy.parse(policy));
  return sql.replace(/policy\(\)((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g, (_match, path: string) => {
    let value: unknown = root;
    for (const key of path.slice(1).split(".")) {
      if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) {
        throw new Error(`unknown policy path in SQL: policy()${path}`);
      }
      value = (value as Record<string, unknown>)[key];
    }
    return sqlLiteral(value, `policy()${path}`);
  });
}

/** A JSON-like value as a DuckDB literal: numbers as DOUBLE, strings quoted, objects as structs. */
export function sqlLiteral(value: unknown, path = "value"): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`invalid number at ${path}: ${value}`);
    return `CAST(${value} AS DOUBLE)`;
  }
  if (typeof value === "string") {
    if (value.includes("\0")) throw new Error(`invalid string at ${path}: contains NUL`);
    return `'${value.replaceAll("'", "''")}'`;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (Array.isArray(value)) {
    if (value.length === 0) return "CAST([] AS VARCHAR[])";
    return `[${value.map((item, i) => sqlLiteral(item, `${path}[${i}]`)).join(", ")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const fields = Object.entries(value).map(([key, item]) => `${sqlLiteral(key)}: ${sqlLiteral(item, `${path}.${key}`)}`);
    return `{${fields.join(", ")}}`;
  }
  throw new Error(`invalid value at ${path}: ${String(value)}`);
}

/** The policy with snake_case keys, as SQL sees it. */
function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(item)]));
  }
  return value;
}
