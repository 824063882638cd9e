import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in attempts counted in PostgreSQL (rate-limiter-flexible's table shape), so every instance behind a load
 * balancer counts against the same limits. Not an entity: only the limiter reads and writes it.
 */
export class SharedLoginLimits1796300000000 implements MigrationInterface {
  name = 'SharedLoginLimits1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "login_attempt" ("key" varchar(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint)`);
    await queryRunner.query(`CREATE INDEX "idx_login_attempt_expire" ON "login_attempt" ("expire")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_attempt"`);
  }
}
