import { NestFactory } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, NestLogger, requestLogging } from './common/logging/logging.js';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source.js';
import { grantServiceRole } from './database/roles.js';

/** Builds the app for a resolved configuration and applies pending migrations (used by main.ts and the tests). */
export async function createApp(config: AppConfig, options: { logs?: boolean } = {}): Promise<NestExpressApplication> {
  const logger = createLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger: options.logs === false ? false : new NestLogger(logger),
    // JSON only, with a stated size limit; its failures are answered below as GraphQL errors with a code.
    bodyParser: false,
  });
  // First: every request gets its id (and its log line) before anything else can refuse it.
  app.use(requestLogging(logger));
  app.set('trust proxy', trustProxy(config.http.trustProxy));
  // A GraphQL answer is never revalidated by ETag (POST): hashing every response body would be work for nothing.
  app.set('etag', false);
  app.useBodyParser('json', { limit: config.http.bodyLimitBytes });
  app.use(bodyErrors);
  // A browser opening /graphql (as the README invites) gets the IDE, not a CSRF refusal in JSON.
  app.use('/graphql', (req: Request, res: Response, next: NextFunction) =>
    config.graphql.ide && req.method === 'GET' && req.accepts(['json', 'html']) === 'html' ? res.redirect('/ide') : next(),
  );
  await migrate(config.database.url!, config.database.migrationUrl);
  return app;
}

/** Express's "trust proxy": `true`/`false`, a hop count, or addresses and names such as `loopback, 10.0.0.0/8`. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** What the body parser refuses (too large, not JSON) gets the shape and codes of every other error, not an HTML page. */
function bodyErrors(err: { status?: number; type?: string; limit?: number }, _req: Request, res: Response, next: NextFunction): void {
  if (!err || typeof err.status !== 'number') return next(err);
  const [status, code, reason, message] =
    err.type === 'entity.too.large'
      ? [413, 'PAYLOAD_TOO_LARGE', 'BODY_TOO_LARGE', `The request body is larger than the limit of ${err.limit} bytes`]
      : err.type === 'entity.parse.failed'
        ? [400, 'BAD_REQUEST', 'INVALID_JSON', 'The request body is not valid JSON']
        : [err.status, 'BAD_REQUEST', 'UNREADABLE_BODY', 'The request body could not be read (send UTF-8 JSON)'];
  res.status(status).json({ errors: [{ message, extensions: { code, reason } }] });
}

/**
 * Applies pending migrations on a connection of their own: loading 83,762 villages must not be cut short by
 * the time limits that keep requests from hanging.
 */
export async function migrate(url: string, migrationUrl = url): Promise<void> {
  const migrator = new DataSource({ ...dataSourceOptions({ url: migrationUrl, statementTimeoutMs: 0, poolSize: 2 }), entities: [] });
  await migrator.initialize();
  // Instances started at the same moment take turns: one migrates and grants, the others then find nothing to do.
  const runner = migrator.createQueryRunner();
  await runner.query(`SELECT pg_advisory_lock(hashtext('mitra:migrate'))`);
  try {
    await migrator.runMigrations({ transaction: 'each' });
    // The service's own role gets what it needs of the tables the owner just made, and no more.
    const appRole = decodeURIComponent(new URL(url).username);
    if (appRole !== decodeURIComponent(new URL(migrationUrl).username)) await grantServiceRole(migrationUrl, appRole);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('mitra:migrate'))`).catch(() => undefined);
    await runner.release();
    await migrator.destroy();
  }
}
