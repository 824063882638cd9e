import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { MIGRATIONS } from './migrations/index.js';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
}

/**
 * Calendar dates stay the 'YYYY-MM-DD' text PostgreSQL sends, which is what the service uses: read as a JS Date
 * (midnight, local time) they were turned back into text for every row (a tenth of a page of agreements' CPU).
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.DATE ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** One definition of how we talk to PostgreSQL, shared by the app, the CLI scripts and the tests. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const statementTimeout = settings.statementTimeoutMs ?? 15000;
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
    extra: {
      max: settings.poolSize ?? 10,
      connectionTimeoutMillis: settings.connectTimeoutMs ?? 3000,
      // Bounded waits when the server is gone, so a request fails with SERVICE_UNAVAILABLE instead of hanging
      // (0: no limit, for migrations).
      ...(settings.statementTimeoutMs === 0 ? {} : { statement_timeout: statementTimeout, query_timeout: statementTimeout + 1000 }),
      idleTimeoutMillis: 30000,
      // Memoize sizes its cache by the rows it expects, not the rows a page reads: the missing-reports page at L
      // (51 rows, two memoized lookups over 330,000 expected) spent 10 of its 12 ms setting up the caches.
      options: '-c enable_memoize=off',
      types,
    },
    // An idle pooled connection dropped by the server must not crash the process: note it and go on.
    poolErrorHandler: (error: Error) => new Logger('Database').warn(`PostgreSQL pool: ${error.message}`),
  };
}

/**
 * Data source for the TypeORM CLI (after `npm run build`): entities come from the built tree.
 * Usage: npx typeorm migration:generate -d dist/database/data-source.js src/database/migrations/Name
 */
export default new DataSource({
  ...dataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:54329/mitra' }),
  entities: [new URL('../**/*.entity.js', import.meta.url).pathname],
});
