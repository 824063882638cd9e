import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { FILL_FIGURE_LOGS } from '../../src/database/migrations/1796340000000-FigureLogs.js';
import { adminQuery, withDatabase, withUser } from './database.js';

export interface TestApp {
  app: NestFastifyApplication;
  db: DataSource;
  config: AppConfig;
  /** Name of this test file's own database (a copy of the migrated template). */
  database: string;
  /** Runs SQL as the schema's owner (what the service's own role may not: altering tables, tampering with history). */
  ownerQuery(sql: string, params?: unknown[]): Promise<any[]>;
  /**
   * Re-dates records by SQL as a test's story needs (the service only ever writes the present moment), then fills the
   * logs of kept figures again from the reports, as the migration that made them did: they follow acceptance moments.
   */
  redate(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/** Settings for tests: cheap password hashing, quiet logs, a fixed secret. */
export const TEST_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
  ARGON2_MEMORY_KIB: '1024',
  ARGON2_TIME_COST: '1',
  LOGIN_RATE_LIMIT: '1000',
  // Tests note expiries when they mean to (AgreementsService.recordExpiries), never at a moment of a timer's choosing.
  EXPIRY_SWEEP_MINUTES: '0',
};

export function adminUrl(): string {
  const url = process.env.MITRA_TEST_ADMIN_URL;
  if (!url) throw new Error('The test PostgreSQL is not set up (jest globalSetup did not run)');
  return url;
}

/** A fresh database for this test file, copied from the template in tens of milliseconds. */
export async function createTestDatabase(): Promise<{ name: string; url: string; ownerUrl: string; drop(): Promise<void> }> {
  const name = `mitra_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = process.env.MITRA_TEST_TEMPLATE;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(adminUrl(), `CREATE DATABASE ${name} TEMPLATE ${template} OWNER mitra_owner`);
      break;
    } catch (err) {
      // Two copies started at the same instant can collide on the template; try again shortly.
      if (attempt >= 10 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const database = withDatabase(adminUrl(), name);
  return {
    name,
    url: withUser(database, 'mitra_app', process.env.MITRA_TEST_APP_PASSWORD!),
    ownerUrl: withUser(database, 'mitra_owner', process.env.MITRA_TEST_OWNER_PASSWORD!),
    drop: async () => void (await adminQuery(adminUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/**
 * The app on a fresh copy of the template database. With `ownDatabase`, env.DATABASE_URL names a database
 * the test manages itself (migrations are applied at start-up, as in production).
 */
export async function createTestApp(env: NodeJS.ProcessEnv = {}, options: { ownDatabase?: boolean } = {}): Promise<TestApp> {
  const database = options.ownDatabase
    ? {
        name: new URL(env.DATABASE_URL!).pathname.slice(1),
        url: env.DATABASE_URL!,
        ownerUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL!,
        drop: async () => undefined,
      }
    : await createTestDatabase();
  const config = loadConfig({ ...TEST_ENV, ...env });
  config.database.url = database.url;
  config.database.migrationUrl = database.ownerUrl;
  const app = await createApp(config, { logs: false });
  await app.init();
  // Fastify takes its routes when ready; supertest then drives its server directly.
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    db: app.get(DataSource),
    config,
    database: database.name,
    ownerQuery: (sql, params) => adminQuery(database.ownerUrl, sql, params),
    async redate(sql, params) {
      await adminQuery(database.ownerUrl, sql, params);
      await adminQuery(database.ownerUrl, 'DELETE FROM target_figures_log; DELETE FROM commitment_figures_log');
      for (const statement of FILL_FIGURE_LOGS) await adminQuery(database.ownerUrl, statement);
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
