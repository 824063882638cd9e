import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';

/** Builds the app for a resolved configuration and applies pending migrations (used by main.ts and the tests). */
export async function createApp(config: AppConfig, options: { logs?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    logger: options.logs === false ? false : undefined,
  });
  if (options.logs !== false) app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  await app.get(DataSource).runMigrations({ transaction: 'each' });
  return app;
}
