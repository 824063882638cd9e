import pg from 'pg';
import request from 'supertest';
import { Role } from '../../src/common/auth/role.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gql, gqlOk } from '../utils/graphql.js';
import { adminUrl, createTestApp, type TestApp } from '../utils/test-app.js';
import { adminQuery, withDatabase } from '../utils/database.js';

/** The service's connections to this test's database that wait on a lock, as the superuser sees them. */
const waiting = (t: TestApp) =>
  adminQuery(
    adminUrl(),
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND usename = 'mitra_app' AND wait_event_type = 'Lock'`,
    [t.database],
  ).then((rows) => rows[0].n as number);

describe('bounded work per request', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let locker: pg.Client;

  beforeAll(async () => {
    t = await createTestApp({ OPERATION_TIMEOUT_MS: '700' });
    coordinator = await signIn(t, Role.COORDINATOR);
  });
  afterAll(() => t.close());

  /** Another session holds the organisation table, so every read of it waits: a stand-in for a slow query. */
  const lockOrganisations = async () => {
    locker = new pg.Client({ connectionString: withDatabase(adminUrl(), t.database) });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE organisation IN ACCESS EXCLUSIVE MODE');
  };
  const unlock = async () => {
    await locker.query('ROLLBACK');
    await locker.end();
  };

  it('answers an operation over its time budget with TIMEOUT, cancels its database work, and keeps answering /health', async () => {
    await lockOrganisations();
    try {
      const slow = gql(t, '{ organisations(first: 5) { totalCount } }', {}, coordinator.token);
      await new Promise((r) => setTimeout(r, 200));
      expect((await request(t.app.getHttpServer()).get('/health')).status).toBe(200);
      const res = await slow;
      expect(res.errors?.[0]?.extensions.code).toBe('TIMEOUT');
      expect(['OPERATION_TIME_BUDGET_EXCEEDED', 'STATEMENT_CANCELLED']).toContain(res.errors?.[0]?.extensions.reason);
      // Cancelled, not left waiting on the lock until the statement limit.
      await new Promise((r) => setTimeout(r, 200));
      expect(await waiting(t)).toBe(0);
    } finally {
      await unlock();
    }
    expect((await gqlOk(t, '{ organisations(first: 5) { totalCount } }', {}, coordinator.token)).organisations.totalCount).toBeGreaterThanOrEqual(0);
  });

  it('lets one request use one connection at a time for its reads, however many root fields it has', async () => {
    await lockOrganisations();
    try {
      const wide = `{ ${Array.from({ length: 6 }, (_, i) => `o${i}: organisations(first: 1, filter: { search: "${i}" }) { totalCount }`).join(' ')} }`;
      const slow = gql(t, wide, {}, coordinator.token);
      await new Promise((r) => setTimeout(r, 300));
      expect(await waiting(t)).toBe(1);
      await slow;
    } finally {
      await unlock();
    }
  });
});
