import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index for the order of each list that had none, so a page reads its rows in order and stops at the page's
 * end instead of sorting the whole table (test/e2e/list-order.e2e-spec.ts shows each in EXPLAIN): organisations by
 * name, reports by activity (all, and one commitment's), the review queue by submission, commitments by due date.
 */
export class ListOrderIndexes1796330000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_organisation_name_order" ON "organisation" ("name", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_progress_report_activity_order" ON "progress_report" ("activity_until", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_progress_report_commitment_activity_order" ON "progress_report" ("commitment_id", "activity_until", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_progress_report_review_order" ON "progress_report" ("submitted_at", "id") WHERE "status" = 'SUBMITTED'`);
    await queryRunner.query(`CREATE INDEX "idx_commitment_due_order" ON "commitment" ("due_on", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['idx_commitment_due_order', 'idx_progress_report_review_order', 'idx_progress_report_commitment_activity_order', 'idx_progress_report_activity_order', 'idx_organisation_name_order']) {
      await queryRunner.query(`DROP INDEX "${index}"`);
    }
  }
}
