import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts the SQL statements the app sends and keeps the last one (a reference, no copy). Tests read them to prove
 * that a list query costs the same number of statements whatever the number of rows (no query per row), and to
 * EXPLAIN the very statement a list runs.
 */
export class SqlCounter implements TypeOrmLogger {
  count = 0;
  last?: { query: string; parameters?: unknown[] };
  /** When a test sets it to an array, every statement's SQL is added to it. */
  recorded?: string[];

  logQuery(query: string, parameters?: unknown[]): void {
    this.count += 1;
    this.last = { query, parameters };
    this.recorded?.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
