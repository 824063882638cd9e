import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from './config/app-config.js';
import { createApp } from './bootstrap.js';
import { startEmbeddedPostgres, type RunningPostgres } from './database/embedded.js';

async function main() {
  const config = loadConfig();
  let embedded: RunningPostgres | undefined;
  if (!config.database.url) {
    embedded = await startEmbeddedPostgres({ ...config.database.embedded, database: 'mitra' });
    config.database.url = embedded.url;
    config.database.migrationUrl = embedded.ownerUrl;
  }
  const app = await createApp(config);
  const logger = new Logger('Main');
  // Close the app first, then the database it uses, then leave.
  const shutdown = async (signal: string) => {
    logger.log(`${signal} received, shutting down`);
    await app.close();
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
