import { MigrationInterface, QueryRunner } from "typeorm";

export class FourEyes1796219895100 implements MigrationInterface {
    name = 'FourEyes1796219895100'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "user_account" ADD "created_by_id" uuid`);
        await queryRunner.query(`ALTER TABLE "user_account" ADD "credentials_set_by_id" uuid`);
        // Existing accounts: their creator and last password setter, as the history tells.
        await queryRunner.query(`UPDATE "user_account" u SET "created_by_id" = h."actor_user_id", "credentials_set_by_id" = h."actor_user_id"
            FROM "history_entry" h WHERE h."entity_type" = 'User' AND h."entity_id" = u."id"::text AND h."action" = 'USER_CREATED'`);
        await queryRunner.query(`UPDATE "user_account" u SET "credentials_set_by_id" = r."actor_user_id"
            FROM (SELECT DISTINCT ON ("entity_id") "entity_id", "actor_user_id" FROM "history_entry"
                   WHERE "entity_type" = 'User' AND "action" = 'USER_PASSWORD_RESET' ORDER BY "entity_id", "seq" DESC) r
           WHERE r."entity_id" = u."id"::text`);
        await queryRunner.query(`ALTER TABLE "user_account" ADD CONSTRAINT "ck_user_partner_organisation" CHECK ("role" <> 'PARTNER' OR "organisation_id" IS NOT NULL)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "user_account" DROP CONSTRAINT "ck_user_partner_organisation"`);
        await queryRunner.query(`ALTER TABLE "user_account" DROP COLUMN "credentials_set_by_id"`);
        await queryRunner.query(`ALTER TABLE "user_account" DROP COLUMN "created_by_id"`);
    }

}
