import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts the SQL statements the app sends. Tests read it to prove that a list query costs the same
 * number of statements whatever the number of rows (no query per row).
 */
export class SqlCounter implements TypeOrmLogger {
  count = 0;

  logQuery(): void {
    this.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
