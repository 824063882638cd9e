import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { migrate } from '../bootstrap.js';
import { loadConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../database/embedded.js';

/**
 * Runs a command-line task inside the application (same configuration, database and services as the
 * server, migrations applied), starting the embedded PostgreSQL when no DATABASE_URL is set.
 */
export async function runCli(task: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  let embedded: RunningPostgres | undefined;
  let app: INestApplicationContext | undefined;
  try {
    // A command does its one task: the server's periodic work (noting expiries) is not its business.
    const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env, EXPIRY_SWEEP_MINUTES: '0' });
    if (!config.database.url) {
      embedded = await startEmbeddedPostgres({ ...config.database.embedded, database: 'mitra' });
      config.database.url = embedded.url;
      config.database.migrationUrl = embedded.ownerUrl;
    }
    await migrate(config.database.url, config.database.migrationUrl);
    app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error', 'warn'] });
    await task(app);
  } catch (err) {
    console.error(`Failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await app?.close();
    await embedded?.stop();
  }
}

/** `--name value` pairs from the command line. */
export function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const next = argv[i + 1];
      args[arg.slice(2)] = next && !next.startsWith('--') ? (i++, next) : 'true';
    }
  }
  return args;
}
