import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Today's fulfilment figures, kept by the writes that change them (accepting a report or a correction, setting a
 * commitment's targets): a row per target (what its reports add up to) and a row per commitment (progress, whether
 * fulfilled, whether reported, people reached). Dashboards read these instead of every report. Filled here from
 * the reports as they stand (accepted, not replaced by an accepted correction).
 */
export class KeptFigures1796310000000 implements MigrationInterface {
  name = 'KeptFigures1796310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "target_figures" (
        "target_id" uuid PRIMARY KEY REFERENCES "commitment_target" ("id") ON DELETE CASCADE,
        "commitment_id" uuid NOT NULL REFERENCES "commitment" ("id") ON DELETE CASCADE,
        "achieved" numeric NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "idx_target_figures_commitment" ON "target_figures" ("commitment_id")`);
    await queryRunner.query(`
      CREATE TABLE "commitment_figures" (
        "commitment_id" uuid PRIMARY KEY REFERENCES "commitment" ("id") ON DELETE CASCADE,
        "progress" numeric NOT NULL,
        "fulfilled" boolean NOT NULL,
        "has_reports" boolean NOT NULL,
        "girls" integer NOT NULL, "boys" integer NOT NULL, "women" integer NOT NULL, "men" integer NOT NULL,
        "with_disability" integer NOT NULL
      )`);
    await queryRunner.query(`
      WITH effective AS (
        SELECT r.id, r.commitment_id, r.activity_until, r.accepted_at, r.girls, r.boys, r.women, r.men,
               r.girls_with_disability + r.boys_with_disability + r.women_with_disability + r.men_with_disability AS with_disability
          FROM progress_report r
         WHERE r.accepted_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM progress_report x WHERE x.corrects_id = r.id AND x.accepted_at IS NOT NULL)
      ),
      reported_values AS (
        SELECT v.target_id, v.value, e.activity_until, e.accepted_at FROM report_value v JOIN effective e ON e.id = v.report_id
      ),
      sums AS (SELECT target_id, sum(value) AS value FROM reported_values GROUP BY target_id),
      latest AS (
        SELECT DISTINCT ON (target_id) target_id, value FROM reported_values ORDER BY target_id, activity_until DESC, accepted_at DESC
      )
      INSERT INTO target_figures (target_id, commitment_id, achieved)
      SELECT t.id, t.commitment_id, coalesce(CASE WHEN t.aggregation = 'SUM' THEN sm.value ELSE lv.value END, 0)
        FROM commitment_target t LEFT JOIN sums sm ON sm.target_id = t.id LEFT JOIN latest lv ON lv.target_id = t.id`);
    await queryRunner.query(`
      WITH effective AS (
        SELECT r.commitment_id, r.girls, r.boys, r.women, r.men,
               r.girls_with_disability + r.boys_with_disability + r.women_with_disability + r.men_with_disability AS with_disability
          FROM progress_report r
         WHERE r.accepted_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM progress_report x WHERE x.corrects_id = r.id AND x.accepted_at IS NOT NULL)
      ),
      people AS (
        SELECT commitment_id, sum(girls) AS girls, sum(boys) AS boys, sum(women) AS women, sum(men) AS men, sum(with_disability) AS with_disability, true AS reported
          FROM effective GROUP BY commitment_id
      )
      INSERT INTO commitment_figures (commitment_id, progress, fulfilled, has_reports, girls, boys, women, men, with_disability)
      SELECT t.commitment_id, avg(least(tf.achieved / t.target_value, 1)) * 100, bool_and(tf.achieved >= t.target_value),
             coalesce(bool_or(pp.reported), false), coalesce(max(pp.girls), 0), coalesce(max(pp.boys), 0), coalesce(max(pp.women), 0),
             coalesce(max(pp.men), 0), coalesce(max(pp.with_disability), 0)
        FROM commitment_target t JOIN target_figures tf ON tf.target_id = t.id LEFT JOIN people pp ON pp.commitment_id = t.commitment_id
       GROUP BY t.commitment_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "commitment_figures"`);
    await queryRunner.query(`DROP TABLE "target_figures"`);
  }
}
