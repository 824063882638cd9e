import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Role } from '../../src/common/auth/role.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/database/embedded.js';
import { signIn } from '../utils/auth.js';
import { gql, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';
import { freePort } from '../utils/database.js';

const LIST = `{ organisations { totalCount } }`;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('when the database goes away', () => {
  let dir: string;
  let pg: RunningPostgres;
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    // This file stops and starts a PostgreSQL of its own, so the other test files are not disturbed.
    dir = await mkdtemp(join(tmpdir(), 'mitra-fault-pg-'));
    await chmod(dir, 0o755);
    pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), database: 'mitra' });
    t = await createTestApp({ DATABASE_URL: pg.url, MIGRATION_DATABASE_URL: pg.ownerUrl, DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '2000' }, { ownDatabase: true });
    token = (await signIn(t, Role.AUDITOR)).token;
  });

  afterAll(async () => {
    await t?.close();
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const ready = () => request(t.app.getHttpServer()).get('/health/ready');

  it('turns readiness false, answers SERVICE_UNAVAILABLE without crashing, and recovers by itself', async () => {
    expect((await ready()).status).toBe(200);
    expect((await gqlOk(t, LIST, {}, token)).organisations.totalCount).toBe(0);

    await pg.stop();

    const notReady = await ready();
    expect(notReady.status).toBe(503);
    expect(notReady.body.error.database.status).toBe('down');
    const res = await gql(t, LIST, {}, token);
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' });
    expect(JSON.stringify(res)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    expect((await request(t.app.getHttpServer()).get('/health')).status).toBe(200);

    await pg.start();

    expect(await waitFor(async () => (await ready()).status === 200, 15000)).toBe(true);
    expect((await gqlOk(t, LIST, {}, token)).organisations.totalCount).toBe(0);
  });
});

describe('an unexpected failure', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = (await signIn(t, Role.AUDITOR)).token;
  });
  afterAll(() => t.close());

  it('reaches the client masked: a code, a plain message, no SQL and no stack', async () => {
    await t.ownerQuery(`ALTER TABLE organisation RENAME COLUMN short_name TO short_name_gone`);
    const res = await gql(t, `{ organisations { edges { node { name } } } }`, {}, token);
    await t.ownerQuery(`ALTER TABLE organisation RENAME COLUMN short_name_gone TO short_name`);
    expect(res.errors).toEqual([
      expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    ]);
    expect(JSON.stringify(res)).not.toMatch(/short_name|SELECT|does not exist|stacktrace/i);
  });

  it('gives every GraphQL error a code, parse and validation errors included', async () => {
    const parse = await gql(t, `{ organisations { `, {}, token);
    expect(parse.errors?.[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknown = await gql(t, `{ noSuchField }`, {}, token);
    expect(unknown.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badVar = await gql(t, `query ($id: ID!) { organisation(id: $id) { name } }`, {}, token);
    expect(badVar.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
