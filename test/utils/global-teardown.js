import { rm } from 'node:fs/promises';
import { adminQuery } from './pg-admin.js';

export default async function globalTeardown() {
  const pg = globalThis.__MITRA_PG__;
  if (!pg) return;
  // Each test file drops its own database; the template goes last.
  await adminQuery(pg.adminUrl, `DROP DATABASE IF EXISTS ${pg.template} WITH (FORCE)`).catch(() => undefined);
  if (pg.server) await pg.server.stop();
  if (process.env.MITRA_TEST_PG_DIR) await rm(process.env.MITRA_TEST_PG_DIR, { recursive: true, force: true });
}
