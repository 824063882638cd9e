import { MigrationInterface, QueryRunner } from "typeorm";

export class AsOfIndex1796222249979 implements MigrationInterface {
    name = 'AsOfIndex1796222249979'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_5095d3e556661a1bd15e340bd3" ON "history_entry"  ("entity_type", "entity_id", "occurred_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_5095d3e556661a1bd15e340bd3"`);
    }

}
