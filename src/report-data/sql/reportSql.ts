// The report pages' loader queries live beside this file, one `.sql` per loader, named after its page
// (monitoring_*, evaluation_*, application_*, department_*). Loaders and tests read them through here,
// so the SQL a test checks is the SQL the site ships.
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

const CUT_REVIEW = fileURLToPath(new URL("../../application/cut_review.sql", import.meta.url));

export type ReportSqlOptions = {
  /** the reviewers' decisions (src/application/cut_review.sql) as the CTE `cut_review` */
  cutReview?: boolean;
  /** each department's detail page (department_pages.sql) as the CTE `pages` */
  pages?: boolean;
};

/**
 * The text of `src/report-data/sql/<name>.sql`. With `cutReview` or `pages`, those queries come first as
 * CTEs, so the query can join them without a temp view; a query with a WITH clause of its own gets them
 * in front of its own CTEs.
 */
export function reportSql(name: string, {cutReview = false, pages = false}: ReportSqlOptions = {}): string {
  const sql = readQuery(name);
  const ctes: string[] = [];
  if (cutReview) ctes.push(`cut_review AS (\n${stripSemicolon(readFileSync(CUT_REVIEW, "utf8"))}\n)`);
  if (pages) ctes.push(`pages AS (\n${readQuery("department_pages")}\n)`);
  if (ctes.length === 0) return sql;
  // the query's own WITH opens it, after its comment lines
  if (/^WITH\b/i.test(withoutComments(sql))) return sql.replace(/^WITH\b/im, () => `WITH ${ctes.join(",\n")},`);
  return `WITH ${ctes.join(",\n")}\n${sql}`;
}

function readQuery(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`invalid report query name: ${name}`);
  return stripSemicolon(readFileSync(fileURLToPath(new URL(`${name}.sql`, import.meta.url)), "utf8"));
}

function stripSemicolon(sql: string): string {
  return sql.trim().replace(/;\s*$/, "");
}

function withoutComments(sql: string): string {
  return sql.replace(/^\s*--.*$/gm, "").trim();
}
