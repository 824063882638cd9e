// Plain JavaScript: jest loads global setup outside its TypeScript transform, so this uses the build
// that `pretest` makes (dist/), the same code the tests exercise from src/.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../dist/database/data-source.js';
import { startEmbeddedPostgres } from '../../dist/database/embedded.js';
import { APP_ROLE, ensureRoles, grantServiceRole, OWNER_ROLE } from '../../dist/database/roles.js';
import { adminQuery, freePort, withDatabase, withUser } from './pg-admin.js';

/**
 * Once per run: a PostgreSQL (TEST_DATABASE_URL's server, or an embedded one in a fresh temp folder), the
 * owner and service roles, and a template database owned by the owner role with every migration applied, the
 * 83,762 villages loaded and the service role's grants. Each test file then gets its own
 * `CREATE DATABASE … TEMPLATE …` copy (see test-app.ts) and connects to it as the service role, as production does.
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
  const passwords = { owner: randomBytes(18).toString('base64url'), app: randomBytes(18).toString('base64url') };
  await ensureRoles(adminUrl, passwords);
  const template = `mitra_template_${process.pid}`;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${template} OWNER ${OWNER_ROLE}`);
  // Not through the app's bootstrap: loading Nest here, outside the tests' sandbox, would give them a second copy.
  const ownerUrl = withUser(withDatabase(adminUrl, template), OWNER_ROLE, passwords.owner);
  const ds = new DataSource({ ...dataSourceOptions({ url: ownerUrl, statementTimeoutMs: 0 }), entities: [] });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  await grantServiceRole(ownerUrl, APP_ROLE);
  process.env.MITRA_TEST_ADMIN_URL = adminUrl;
  process.env.MITRA_TEST_TEMPLATE = template;
  process.env.MITRA_TEST_OWNER_PASSWORD = passwords.owner;
  process.env.MITRA_TEST_APP_PASSWORD = passwords.app;
  globalThis.__MITRA_PG__ = { server, adminUrl, template };
}
