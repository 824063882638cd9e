import { writeFile } from 'node:fs/promises';
import { createApp } from '../bootstrap.js';
import { printAppSchema } from '../common/graphql/print-schema.js';
import { loadConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../database/embedded.js';

/** Writes schema.graphql at the repository root from the running code (`npm run schema`). */
async function main() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  let embedded: RunningPostgres | undefined;
  if (!config.database.url) {
    embedded = await startEmbeddedPostgres({ ...config.database.embedded, database: 'mitra' });
    config.database.url = embedded.url;
    config.database.migrationUrl = embedded.ownerUrl;
  }
  const app = await createApp(config, { logs: false });
  try {
    await app.init();
    await writeFile(new URL('../../schema.graphql', import.meta.url), printAppSchema(app));
    console.log('schema.graphql written');
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
