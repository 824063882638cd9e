import { Global, Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { SqlCounter } from '../common/database/sql-counter.js';
import { poolOf } from '../common/database/sql.js';
import { dataSourceOptions } from './data-source.js';

const counter = new SqlCounter();

/**
 * pg's pool listens for errors only on idle connections. A connection held between statements (a request's read
 * session, a transaction) that the server drops (a restart: 57P01) would emit an error nobody hears, and Node
 * would end the process. Each connection gets a listener when it is handed out; the statement that next uses it
 * fails with "Client has encountered a connection error", which the service answers as SERVICE_UNAVAILABLE.
 */
function guardConnections(db: DataSource): DataSource {
  const logger = new Logger('Database');
  const onError = (err: Error) => logger.warn(`A connection in use was lost: ${err.message}`);
  const pool = poolOf(db);
  pool.on('acquire', (client) => {
    if (!client.listeners('error').includes(onError)) client.on('error', onError);
  });
  return db;
}

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
      dataSourceFactory: async (options) => guardConnections(await new DataSource(options!).initialize()),
    }),
  ],
  providers: [{ provide: SqlCounter, useValue: counter }],
  exports: [SqlCounter],
})
export class DatabaseModule {}
