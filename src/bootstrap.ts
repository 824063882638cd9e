import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source.js';

/** Builds the app for a resolved configuration and applies pending migrations (used by main.ts and the tests). */
export async function createApp(config: AppConfig, options: { logs?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    logger: options.logs === false ? false : undefined,
  });
  if (options.logs !== false) app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  await migrate(config.database.url!);
  return app;
}

/**
 * Applies pending migrations on a connection of their own: loading 83,762 villages must not be cut short by
 * the time limits that keep requests from hanging.
 */
export async function migrate(url: string): Promise<void> {
  const migrator = new DataSource({ ...dataSourceOptions({ url, statementTimeoutMs: 0, poolSize: 1 }), entities: [] });
  await migrator.initialize();
  try {
    await migrator.runMigrations({ transaction: 'each' });
  } finally {
    await migrator.destroy();
  }
}
