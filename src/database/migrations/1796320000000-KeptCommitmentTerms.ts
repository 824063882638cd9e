import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The kept figures of a commitment also carry the terms its status and groupings read (agreement, responsible
 * organisation, category, dates, places, cancellation, the agreement's signing date once signed), so today's
 * dashboards read one narrow row per commitment instead of joining three tables. The writes that change those
 * terms refresh them (commitment writes, agreement writes). Also the indexes two lists' orders need: agreements by
 * reference, missing reports by due date.
 */
export class KeptCommitmentTerms1796320000000 implements MigrationInterface {
  name = 'KeptCommitmentTerms1796320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "commitment_figures"
        ADD "agreement_id" uuid, ADD "responsible_organisation_id" uuid, ADD "category" "commitment_category",
        ADD "start_on" date, ADD "due_on" date, ADD "place_codes" character varying[], ADD "cancelled_at" timestamptz, ADD "signed_on" date`);
    await queryRunner.query(`
      UPDATE "commitment_figures" f
         SET agreement_id = c.agreement_id, responsible_organisation_id = c.responsible_organisation_id, category = c.category,
             start_on = c.start_on, due_on = c.due_on, place_codes = c.place_codes, cancelled_at = c.cancelled_at,
             signed_on = CASE WHEN a.status <> 'DRAFT' THEN a.signed_on END
        FROM commitment c JOIN agreement a ON a.id = c.agreement_id
       WHERE c.id = f.commitment_id`);
    await queryRunner.query(`
      ALTER TABLE "commitment_figures"
        ALTER "agreement_id" SET NOT NULL, ALTER "responsible_organisation_id" SET NOT NULL, ALTER "category" SET NOT NULL,
        ALTER "start_on" SET NOT NULL, ALTER "due_on" SET NOT NULL, ALTER "place_codes" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_commitment_figures_agreement" ON "commitment_figures" ("agreement_id")`);
    await queryRunner.query(`CREATE INDEX "idx_commitment_figures_organisation" ON "commitment_figures" ("responsible_organisation_id")`);
    await queryRunner.query(`CREATE INDEX "idx_commitment_figures_due_order" ON "commitment_figures" ("due_on", "commitment_id")`);
    await queryRunner.query(`CREATE INDEX "idx_agreement_reference_order" ON "agreement" ("reference", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_reporting_period_due_order" ON "reporting_period" ("due_on", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_reporting_period_due_order"`);
    await queryRunner.query(`DROP INDEX "idx_agreement_reference_order"`);
    await queryRunner.query(`
      ALTER TABLE "commitment_figures" DROP "agreement_id", DROP "responsible_organisation_id", DROP "category", DROP "start_on",
        DROP "due_on", DROP "place_codes", DROP "cancelled_at", DROP "signed_on"`);
  }
}
