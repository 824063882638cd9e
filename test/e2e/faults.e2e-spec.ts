import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Role } from '../../src/common/auth/role.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/database/embedded.js';
import { addCommitment, createActiveAgreement } from '../factories/agreement.factory.js';
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
      expect.objectContaining({ message: 'Terjadi kesalahan internal pada server', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
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

describe('retries from phones while PostgreSQL restarts', () => {
  let dir: string;
  let pg: RunningPostgres;
  let t: TestApp;
  let log = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mitra-restart-pg-'));
    await chmod(dir, 0o755);
    pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), database: 'mitra', onLog: (line) => (log += line) });
    t = await createTestApp(
      { DATABASE_URL: pg.url, MIGRATION_DATABASE_URL: pg.ownerUrl, DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '3000' },
      { ownDatabase: true },
    );
  });

  afterAll(async () => {
    await t?.close();
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores every acknowledged report and submission exactly once, and the history chain still verifies', async () => {
    const coordinator = await signIn(t, Role.COORDINATOR);
    const agreement = await createActiveAgreement(t, coordinator.token);
    const commitment = await addCommitment(t, coordinator.token, agreement);
    const reporter = await signIn(t, Role.PARTNER, { organisationId: agreement.partyIds[0] });
    const auditor = await signIn(t, Role.AUDITOR);

    /** As a phone does: the same request, with the same key, until an answer comes back. */
    const untilAnswered = async <T>(query: string, input: Record<string, unknown>, pick: (data: any) => T): Promise<T> => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const res = await gql(t, query, { input }, reporter.token).catch(() => null);
        if (res?.data && !res.errors) return pick(res.data);
        expect(res?.errors?.[0]?.extensions.code ?? 'SERVICE_UNAVAILABLE').not.toBe('INTERNAL_SERVER_ERROR');
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no answer after 200 attempts');
    };
    const phone = async (i: number) => {
      const input = {
        commitmentId: commitment.id,
        activityFrom: '2023-05-10',
        activityUntil: '2023-05-11',
        placeCodes: ['36'],
        values: [{ targetId: commitment.targets[0].id, value: 1 }],
        narrative: `Laporan dari ponsel ${i}`,
        idempotencyKey: `phone-${i}-create-0001`,
      };
      const created = await untilAnswered(`mutation ($input: CreateReportInput!) { createReport(input: $input) { id version } }`, input, (d) => d.createReport);
      const submitted = await untilAnswered(
        `mutation ($input: SubmitReportInput!) { submitReport(input: $input) { id status } }`,
        { id: created.id, version: created.version, idempotencyKey: `phone-${i}-submit-0001` },
        (d) => d.submitReport,
      );
      expect(submitted).toEqual({ id: created.id, status: 'SUBMITTED' });
      return created.id as string;
    };

    const restarts = (async () => {
      for (let i = 0; i < 2; i++) {
        await new Promise((r) => setTimeout(r, 400));
        await pg.stop();
        await new Promise((r) => setTimeout(r, 600));
        await pg.start().catch((err: Error) => {
          throw new Error(`${err.message}\n${log.slice(-2000)}`);
        });
      }
    })();
    const acknowledged = await Promise.all(Array.from({ length: 12 }, (_, i) => phone(i)));
    await restarts;

    // The service recovered by itself, and holds each report once, submitted once.
    const rows = await t.db.query(`SELECT id, status FROM progress_report WHERE narrative LIKE 'Laporan dari ponsel %' ORDER BY id`);
    expect(rows.map((r: any) => r.id).sort()).toEqual([...acknowledged].sort());
    expect(rows.every((r: any) => r.status === 'SUBMITTED')).toBe(true);
    const steps = await t.db.query(
      `SELECT action, count(*)::int AS n FROM history_entry WHERE entity_id = ANY($1) GROUP BY action ORDER BY action`,
      [acknowledged],
    );
    expect(steps).toEqual([
      { action: 'REPORT_CREATED', n: 12 },
      { action: 'REPORT_SUBMITTED', n: 12 },
    ]);
    const { verifyAuditTrail } = await gqlOk(t, '{ verifyAuditTrail { valid problem } }', {}, auditor.token);
    expect(verifyAuditTrail).toEqual({ valid: true, problem: null });
  });
});
