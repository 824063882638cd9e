import { MigrationInterface, QueryRunner } from "typeorm";

export class UnitOfWork1796218525111 implements MigrationInterface {
    name = 'UnitOfWork1796218525111'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "commitment" ADD "has_reports" boolean NOT NULL DEFAULT false`);
        // Commitments reported on before the flag existed keep their terms locked.
        await queryRunner.query(`UPDATE "commitment" c SET "has_reports" = true WHERE EXISTS (SELECT 1 FROM "progress_report" r WHERE r."commitment_id" = c."id")`);
        await queryRunner.query(`ALTER TABLE "organisation" ALTER COLUMN "version" SET DEFAULT '1'`);
        await queryRunner.query(`ALTER TABLE "user_account" ALTER COLUMN "version" SET DEFAULT '1'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "user_account" ALTER COLUMN "version" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "organisation" ALTER COLUMN "version" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "commitment" DROP COLUMN "has_reports"`);
    }

}
