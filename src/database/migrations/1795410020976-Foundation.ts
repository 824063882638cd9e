import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795410020976 implements MigrationInterface {
    name = 'Foundation1795410020976'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "history_entry" ("seq" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_user_id" uuid, "actor_role" character varying(20) NOT NULL, "actor_organisation_id" uuid, "actor_name" character varying(200) NOT NULL, "action" character varying(60) NOT NULL, "entity_type" character varying(60) NOT NULL, "entity_id" character varying(64) NOT NULL, "organisation_ids" uuid array NOT NULL DEFAULT '{}', "changes" jsonb NOT NULL, "reason" text, "request_id" character varying(100), "state" jsonb, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_036409606b9c4057ae0db316eb1" PRIMARY KEY ("seq"))`);
        await queryRunner.query(`CREATE INDEX "IDX_ee0363ef3696ca14c0109499ed" ON "history_entry"  ("occurred_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_3c0c5468556242f4b3b37753d4" ON "history_entry"  ("actor_user_id", "seq") `);
        await queryRunner.query(`CREATE INDEX "IDX_b6c3cfda6c5fca15c125093e6f" ON "history_entry"  ("entity_type", "entity_id", "seq") `);
        await queryRunner.query(`CREATE TABLE "user_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "refresh_token_hash" character(64) NOT NULL, "generation" integer NOT NULL DEFAULT '0', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(40), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_adf3b49590842ac3cf54cac451a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session"  ("user_id") `);
        await queryRunner.query(`CREATE TYPE "public"."place_level" AS ENUM('PROVINCE', 'REGENCY', 'DISTRICT', 'VILLAGE')`);
        await queryRunner.query(`CREATE TABLE "place" ("code" character varying(13) NOT NULL, "level" "public"."place_level" NOT NULL, "name" character varying(120) NOT NULL, "parent_code" character varying(13), CONSTRAINT "PK_65b07d0905a0f43e4befd9b20b4" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE INDEX "IDX_c5888b4d172ef381b2ec65faf5" ON "place"  ("level") `);
        await queryRunner.query(`CREATE INDEX "IDX_a763b2f9ca1550e44e45341d4b" ON "place"  ("parent_code") `);
        await queryRunner.query(`CREATE TYPE "public"."organisation_kind" AS ENUM('COMPANY', 'UNION_FEDERATION', 'UNION', 'NGO', 'GOVERNMENT_AGENCY', 'ACADEMIC', 'MEDIA', 'COMMUNITY_GROUP', 'NETWORK', 'INTERNATIONAL_PARTNER')`);
        await queryRunner.query(`CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."organisation_kind" NOT NULL, "name" character varying(200) NOT NULL, "short_name" character varying(50), "parent_id" uuid, "place_code" character varying(13), "address" text, "contacts" jsonb NOT NULL DEFAULT '[]', "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_497921db8c90b627fe66c106a4" ON "organisation"  ("kind") `);
        await queryRunner.query(`CREATE INDEX "IDX_c4ba39f5697ec0cd6e03314b61" ON "organisation"  ("parent_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_251e2d6c0a5e603e1c3b03e4e1" ON "organisation"  ("place_code") `);
        await queryRunner.query(`CREATE TABLE "network_membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "network_id" uuid NOT NULL, "member_id" uuid NOT NULL, "joined_on" date NOT NULL, "left_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2285cd04012f9c6aebab91fa91e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_493f248d392542e789d5cf6d6c" ON "network_membership"  ("member_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_8dfb2a480b37d7b99a051370fd" ON "network_membership"  ("network_id", "member_id") `);
        await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('ADMIN', 'COORDINATOR', 'PARTNER', 'AUDITOR')`);
        await queryRunner.query(`CREATE TABLE "user_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "display_name" character varying(120) NOT NULL, "role" "public"."user_role" NOT NULL, "organisation_id" uuid, "password_hash" character varying(255) NOT NULL, "deactivated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_56a0e4bcec2b5411beafa47ffa" ON "user_account"  ("email") `);
        await queryRunner.query(`CREATE INDEX "IDX_6b1d49dc4407c09cf2e6e99a64" ON "user_account"  ("organisation_id") `);
        await queryRunner.query(`ALTER TABLE "place" ADD CONSTRAINT "FK_a763b2f9ca1550e44e45341d4bb" FOREIGN KEY ("parent_code") REFERENCES "place"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation" ADD CONSTRAINT "FK_c4ba39f5697ec0cd6e03314b616" FOREIGN KEY ("parent_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation" ADD CONSTRAINT "FK_251e2d6c0a5e603e1c3b03e4e10" FOREIGN KEY ("place_code") REFERENCES "place"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "network_membership" ADD CONSTRAINT "FK_4f29cf4b94883c46084bdd9ab24" FOREIGN KEY ("network_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "network_membership" ADD CONSTRAINT "FK_493f248d392542e789d5cf6d6ca" FOREIGN KEY ("member_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "user_account" ADD CONSTRAINT "FK_6b1d49dc4407c09cf2e6e99a646" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // What the entities cannot declare: case-insensitive and partial unique indexes, a GIN index, and
        // the triggers that keep the history append-only for every connection, the application's too.
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisation_active_name_place" ON "organisation" (lower("name"), coalesce("place_code", '')) WHERE "archived_at" IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_network_membership_open" ON "network_membership" ("network_id", "member_id") WHERE "left_on" IS NULL`);
        await queryRunner.query(`CREATE INDEX "idx_history_entry_organisation_ids" ON "history_entry" USING gin ("organisation_ids")`);
        await queryRunner.query(`CREATE FUNCTION history_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'history_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
        await queryRunner.query(`CREATE TRIGGER "history_entry_no_update_delete" BEFORE UPDATE OR DELETE ON "history_entry" FOR EACH ROW EXECUTE FUNCTION history_entry_append_only()`);
        await queryRunner.query(`CREATE TRIGGER "history_entry_no_truncate" BEFORE TRUNCATE ON "history_entry" FOR EACH STATEMENT EXECUTE FUNCTION history_entry_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "history_entry_no_truncate" ON "history_entry"`);
        await queryRunner.query(`DROP TRIGGER "history_entry_no_update_delete" ON "history_entry"`);
        await queryRunner.query(`DROP FUNCTION history_entry_append_only()`);
        await queryRunner.query(`DROP INDEX "idx_history_entry_organisation_ids"`);
        await queryRunner.query(`DROP INDEX "uq_network_membership_open"`);
        await queryRunner.query(`DROP INDEX "uq_organisation_active_name_place"`);
        await queryRunner.query(`ALTER TABLE "user_account" DROP CONSTRAINT "FK_6b1d49dc4407c09cf2e6e99a646"`);
        await queryRunner.query(`ALTER TABLE "network_membership" DROP CONSTRAINT "FK_493f248d392542e789d5cf6d6ca"`);
        await queryRunner.query(`ALTER TABLE "network_membership" DROP CONSTRAINT "FK_4f29cf4b94883c46084bdd9ab24"`);
        await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "FK_251e2d6c0a5e603e1c3b03e4e10"`);
        await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "FK_c4ba39f5697ec0cd6e03314b616"`);
        await queryRunner.query(`ALTER TABLE "place" DROP CONSTRAINT "FK_a763b2f9ca1550e44e45341d4bb"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_6b1d49dc4407c09cf2e6e99a64"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_56a0e4bcec2b5411beafa47ffa"`);
        await queryRunner.query(`DROP TABLE "user_account"`);
        await queryRunner.query(`DROP TYPE "public"."user_role"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8dfb2a480b37d7b99a051370fd"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_493f248d392542e789d5cf6d6c"`);
        await queryRunner.query(`DROP TABLE "network_membership"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_251e2d6c0a5e603e1c3b03e4e1"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c4ba39f5697ec0cd6e03314b61"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_497921db8c90b627fe66c106a4"`);
        await queryRunner.query(`DROP TABLE "organisation"`);
        await queryRunner.query(`DROP TYPE "public"."organisation_kind"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a763b2f9ca1550e44e45341d4b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c5888b4d172ef381b2ec65faf5"`);
        await queryRunner.query(`DROP TABLE "place"`);
        await queryRunner.query(`DROP TYPE "public"."place_level"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_13275383dcdf095ee29f2b3455"`);
        await queryRunner.query(`DROP TABLE "user_session"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b6c3cfda6c5fca15c125093e6f"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3c0c5468556242f4b3b37753d4"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_ee0363ef3696ca14c0109499ed"`);
        await queryRunner.query(`DROP TABLE "history_entry"`);
    }

}
