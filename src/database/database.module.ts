import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { SqlCounter } from '../common/database/sql-counter.js';
import { dataSourceOptions } from './data-source.js';

const counter = new SqlCounter();

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.database.url) throw new Error('database.url must be resolved before the app is built');
        return {
          ...dataSourceOptions({
            url: config.database.url,
            poolSize: config.database.poolSize,
            connectTimeoutMs: config.database.connectTimeoutMs,
            statementTimeoutMs: config.database.statementTimeoutMs,
          }),
          autoLoadEntities: true,
          // Logs nothing; only counts statements (see SqlCounter).
          logging: ['query'],
          logger: counter,
          // Fail fast at boot when the database is not there, instead of retrying for a minute.
          retryAttempts: 0,
        };
      },
    }),
  ],
  providers: [{ provide: SqlCounter, useValue: counter }],
  exports: [SqlCounter],
})
export class DatabaseModule {}
