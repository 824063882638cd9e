import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingHttpHeaders } from 'node:http';
import Negotiator from 'negotiator';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { httpRefusal } from './common/graphql/error.filter.js';
import { createLogger, NestLogger, requestId, requestLogging } from './common/logging/logging.js';
import type { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source.js';
import { grantServiceRole } from './database/roles.js';

/**
 * Builds the app for a resolved configuration and applies pending migrations (used by main.ts and the tests).
 * On Fastify: under Apollo it took 0.20 ms of CPU per request where Express took 0.36 (the same resolver, measured
 * side by side; see docs/benchmarks.md).
 */
export async function createApp(config: AppConfig, options: { logs?: boolean } = {}): Promise<NestFastifyApplication> {
  const logger = createLogger(config);
  const adapter = new FastifyAdapter({
    trustProxy: trustProxy(config.http.trustProxy),
    bodyLimit: config.http.bodyLimitBytes,
    genReqId: requestId,
    requestIdHeader: false,
  });
  const fastify = adapter.getInstance();
  // Every request gets its log line before anything else can refuse it.
  fastify.addHook('onRequest', requestLogging(logger));
  // Bodies are UTF-8 JSON, uncompressed (a compressed body could unpack far past the size limit); nothing else is read.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const refused = unreadable(request.headers);
    if (refused) return done(refused);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(httpRefusal('INVALID_JSON'));
    }
  });
  // A browser opening /graphql (as the README invites) gets the IDE, not a CSRF refusal in JSON.
  if (config.graphql.ide) {
    fastify.addHook('onRequest', (request, reply, done) => {
      if (request.method === 'GET' && request.url.split('?')[0] === '/graphql' && new Negotiator(request.raw).mediaType(['application/json', 'text/html']) === 'text/html') {
        void reply.redirect('/ide');
        return;
      }
      done();
    });
  }
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    logger: options.logs === false ? false : new NestLogger(logger),
    // Nest would add its own JSON and form parsers: only the one above reads bodies.
    bodyParser: false,
  });
  await migrate(config.database.url!, config.database.migrationUrl);
  return app;
}

/** Which proxies' X-Forwarded-For is believed: `true`/`false`, a hop count, or addresses and names (`loopback, 10.0.0.0/8`). */
function trustProxy(value: string): boolean | string | ((address: string, hop: number) => boolean) {
  if (value === 'true' || value === 'false') return value === 'true';
  if (!/^\d+$/.test(value)) return value;
  const hops = Number(value);
  return (_address, hop) => hop < hops;
}

/** Why a body cannot be read, from its headers: a charset other than UTF-8, or any content encoding. */
function unreadable(headers: IncomingHttpHeaders): Error | null {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return httpRefusal('UNSUPPORTED_CHARSET');
  const encoding = headers['content-encoding'];
  if (encoding && encoding.toLowerCase() !== 'identity') return httpRefusal('UNSUPPORTED_CONTENT_ENCODING');
  return null;
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
