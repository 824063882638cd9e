import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each moment a commitment's report was accepted, and its reports as they counted then (corrections accepted by then applied). */
const MOMENTS = `
  WITH moment AS (SELECT DISTINCT commitment_id, accepted_at AS at FROM progress_report WHERE accepted_at IS NOT NULL),
  effective AS (
    SELECT m.commitment_id, m.at, r.id, r.activity_until, r.accepted_at, r.girls, r.boys, r.women, r.men,
           r.girls_with_disability + r.boys_with_disability + r.women_with_disability + r.men_with_disability AS with_disability
      FROM moment m JOIN progress_report r ON r.commitment_id = m.commitment_id AND r.accepted_at <= m.at
     WHERE NOT EXISTS (SELECT 1 FROM progress_report x WHERE x.corrects_id = r.id AND x.accepted_at <= m.at)
  )`;

/**
 * A commitment's progress and whether fulfilled at each moment its targets' figures were logged (its targets do not
 * change once it has a report): filled after the targets' log, from it.
 */
const LOGGED_PROGRESS = `
  SELECT t.commitment_id, l.known_from, avg(least(l.achieved / t.target_value, 1)) * 100 AS progress, bool_and(l.achieved >= t.target_value) AS fulfilled
    FROM target_figures_log l JOIN commitment_target t ON t.id = l.target_id
   GROUP BY t.commitment_id, l.known_from`;

/**
 * Fills the empty logs from the reports. Slow on big data (every moment re-adds its commitment's reports), so the
 * benchmark's loader writes them its own way; tests that re-date acceptances by SQL refill the logs with this.
 */
export const FILL_FIGURE_LOGS = [
  `${MOMENTS}
  INSERT INTO target_figures_log (target_id, known_from, achieved)
  SELECT t.id, m.at,
         coalesce(CASE WHEN t.aggregation = 'SUM' THEN sum(v.value)
                       ELSE (array_agg(v.value ORDER BY e.activity_until DESC, e.accepted_at DESC, e.id DESC) FILTER (WHERE v.value IS NOT NULL))[1] END, 0)
    FROM moment m JOIN commitment_target t ON t.commitment_id = m.commitment_id
    LEFT JOIN effective e ON e.commitment_id = m.commitment_id AND e.at = m.at
    LEFT JOIN report_value v ON v.report_id = e.id AND v.target_id = t.id
   GROUP BY t.id, t.aggregation, m.at`,
  `${MOMENTS}
  INSERT INTO commitment_figures_log (commitment_id, known_from, progress, fulfilled, girls, boys, women, men, with_disability)
  SELECT e.commitment_id, e.at, p.progress, p.fulfilled, sum(e.girls), sum(e.boys), sum(e.women), sum(e.men), sum(e.with_disability)
    FROM effective e JOIN (${LOGGED_PROGRESS}) p ON p.commitment_id = e.commitment_id AND p.known_from = e.at
   GROUP BY e.commitment_id, e.at, p.progress, p.fulfilled`,
];

/**
 * What each target had achieved, and each commitment's progress and people reached, from every moment its figures changed: a row per
 * acceptance (of a report or a correction); a commitment with no row before a moment had no report counted then. What was known at a past moment is then the last row before it, so a
 * past day's dashboard reads one logged row per target instead of adding up every report (the past does not change:
 * only reports accepted by then count). Filled here from the reports as they stand, at each acceptance moment.
 */
export class FigureLogs1796340000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "target_figures_log" (
        "target_id" uuid NOT NULL REFERENCES "commitment_target" ("id") ON DELETE CASCADE,
        "known_from" timestamptz NOT NULL,
        "achieved" numeric NOT NULL,
        PRIMARY KEY ("target_id", "known_from") INCLUDE ("achieved")
      )`);
    await queryRunner.query(`
      CREATE TABLE "commitment_figures_log" (
        "commitment_id" uuid NOT NULL REFERENCES "commitment" ("id") ON DELETE CASCADE,
        "known_from" timestamptz NOT NULL,
        "progress" numeric NOT NULL,
        "fulfilled" boolean NOT NULL,
        "girls" integer NOT NULL, "boys" integer NOT NULL, "women" integer NOT NULL, "men" integer NOT NULL,
        "with_disability" integer NOT NULL,
        PRIMARY KEY ("commitment_id", "known_from") INCLUDE ("progress", "fulfilled", "girls", "boys", "women", "men", "with_disability")
      )`);
    for (const statement of FILL_FIGURE_LOGS) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "commitment_figures_log"`);
    await queryRunner.query(`DROP TABLE "target_figures_log"`);
  }
}
