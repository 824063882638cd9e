import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from './config/app-config.js';
import { createApp } from './bootstrap.js';
import { startEmbeddedPostgres, type RunningPostgres } from './database/embedded.js';

/** How long requests still running may finish after SIGTERM before their connections are closed. */
const SHUTDOWN_GRACE_MS = 3000;

async function main() {
  const config = loadConfig();
  let embedded: RunningPostgres | undefined;
  if (!config.database.url) {
    embedded = await startEmbeddedPostgres({ ...config.database.embedded, database: 'mitra' });
    config.database.url = embedded.url;
    config.database.migrationUrl = embedded.ownerUrl;
  }
  const app = await createApp(config);
  const server = app.getHttpServer() as import('node:http').Server;
  const logger = new Logger('Main');
  // Close the app first, then the database it uses, then leave. Requests still running get a short grace;
  // after it their connections are closed, so a slow request never holds up a deployment.
  const shutdown = async (signal: string) => {
    logger.log(`${signal} received, shutting down`);
    const closed = app.close();
    const graceOver = await Promise.race([closed.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), SHUTDOWN_GRACE_MS).unref())]);
    if (graceOver) {
      logger.warn(`Requests still running after ${SHUTDOWN_GRACE_MS} ms: closing their connections`);
      server.closeAllConnections();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 1000).unref())]);
    }
    await embedded?.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));
  await app.listen(config.http.port, config.http.host);
  const database = embedded ? `embedded PostgreSQL on 127.0.0.1:${config.database.embedded.port}` : 'DATABASE_URL';
  logger.log(`GraphQL on http://${config.http.host}:${config.http.port}/graphql (database: ${database})`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Mitra could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
