// The report pages' loader queries live beside this file, one `.sql` per loader, named after its page
// (monitoring_*, evaluation_*, application_*, department_*). Loaders and tests read them through here,
// so the SQL a test checks is the SQL the site ships.
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

const CUT_REVIEW = fileURLToPath(new URL("../../application/cut_review.sql", import.meta.url));

/**
 * The text of `src/report-data/sql/<name>.sql`. With `cutReview`, the reviewers' decisions
 * (src/application/cut_review.sql) come first as the CTE `cut_review`, so the query (written without a
 * WITH clause of its own) can join them without a temp view.
 */
export function reportSql(name: string, {cutReview = false}: {cutReview?: boolean} = {}): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`invalid report query name: ${name}`);
  const sql = stripSemicolon(readFileSync(fileURLToPath(new URL(`${name}.sql`, import.meta.url)), "utf8"));
  if (!cutReview) return sql;
  if (/^WITH\b/i.test(withoutComments(sql))) throw new Error(`report query ${name}.sql has its own WITH clause: cut_review cannot be prepended`);
  return `WITH cut_review AS (\n${stripSemicolon(readFileSync(CUT_REVIEW, "utf8"))}\n)\n${sql}`;
}

function stripSemicolon(sql: string): string {
  return sql.trim().replace(/;\s*$/, "");
}

function withoutComments(sql: string): string {
  return sql.replace(/^\s*--.*$/gm, "").trim();
}
