// Plain JavaScript: jest loads global setup outside its TypeScript transform, so this uses the build
// that `pretest` makes (dist/), the same code the tests exercise from src/.
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../dist/database/data-source.js';
import { startEmbeddedPostgres } from '../../dist/database/embedded.js';

/**
 * Once per run: a PostgreSQL (TEST_DATABASE_URL's server, or an embedded one in a fresh temp folder),
 * and a template database with every migration applied and the 83,762 villages loaded. Each test file
 * then gets its own `CREATE DATABASE … TEMPLATE …` copy (see test-app.ts).
 */
export default async function globalSetup() {
  let adminUrl;
  let server;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'mitra-test-pg-'));
    await chmod(dir, 0o755);
    process.env.MITRA_TEST_PG_DIR = dir;
    server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), database: 'postgres' });
    adminUrl = server.adminUrl;
  }
  const template = `mitra_template_${process.pid}`;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  const ds = new DataSource(dataSourceOptions({ url: withDatabase(adminUrl, template) }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  process.env.MITRA_TEST_ADMIN_URL = adminUrl;
  process.env.MITRA_TEST_TEMPLATE = template;
  globalThis.__MITRA_PG__ = { server, adminUrl, template };
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
