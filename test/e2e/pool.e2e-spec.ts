import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import pg from 'pg';
import { Role } from '../../src/common/auth/role.js';
import { addCommitment, createActiveAgreement } from '../factories/agreement.factory.js';
import { createReport } from '../factories/report.factory.js';
import { signIn, TEST_PASSWORD, type SignedIn } from '../utils/auth.js';
import { gql } from '../utils/graphql.js';
import { adminUrl, createTestApp, type TestApp } from '../utils/test-app.js';
import { withDatabase } from '../utils/database.js';

/**
 * A request holds one connection from the first statement it reads to its end. Were anything it calls to ask the
 * pool for a second one meanwhile, a burst of such requests would hold every connection and wait for another
 * (seen as DATABASE_UNAVAILABLE for everyone under 10 connections). With a pool of ONE connection, any such
 * second connection waits forever, so every operation here must answer with just one.
 */
describe('one connection per request, never a second', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let auditor: SignedIn;
  let partner: SignedIn;
  let commitment: { id: string; targets: { id: string }[] };
  let organisationId: string;

  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_SIZE: '1', DB_CONNECT_TIMEOUT_MS: '2000' });
    coordinator = await signIn(t, Role.COORDINATOR);
    auditor = await signIn(t, Role.AUDITOR);
    const agreement = await createActiveAgreement(t, coordinator.token);
    commitment = await addCommitment(t, coordinator.token, agreement);
    organisationId = agreement.partyIds[0]!;
    partner = await signIn(t, Role.PARTNER, { organisationId });
  });
  afterAll(() => t.close());

  const READS: [string, () => SignedIn, Record<string, unknown>][] = [
    ['query ($id: ID!) { organisation(id: $id) { name place { name ancestors { name } } } }', () => partner, { id: '' }],
    ['{ auditTrail(first: 5) { edges { node { seq } } } auditHead { seq } }', () => auditor, {}],
    ['{ verifyAuditTrail { valid } }', () => auditor, {}],
    ['{ agreements(first: 5) { edges { node { reference parties { organisation { name place { name } } } commitments { title status } } } } }', () => coordinator, {}],
    ['{ s: fulfilmentSummary(groupBy: ORGANISATION) { edges { node { key } } } overdueCommitments(first: 5) { totalCount } missingReports(first: 5) { totalCount } }', () => coordinator, {}],
    ['{ places(first: 3, level: PROVINCE) { edges { node { name } } } organisations(first: 3) { totalCount } }', () => coordinator, {}],
  ];

  it('answers reads, sign-ins and writes side by side', async () => {
    const drafts = await Promise.all([0, 1, 2].map(() => createReport(t, partner.token, commitment)));
    const calls = [
      ...READS.flatMap(([query, who, variables]) =>
        [0, 1, 2].map(() => gql(t, query, 'id' in variables ? { id: organisationId } : variables, who().token)),
      ),
      ...drafts.map((d: { id: string; version: number }) =>
        gql(t, 'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { status } }', { input: { id: d.id, version: d.version } }, partner.token),
      ),
      ...[0, 1].map(() =>
        gql(t, 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email: auditor.user.email, password: TEST_PASSWORD } }),
      ),
    ];
    const answers = await Promise.all(calls);
    expect(answers.flatMap((a) => a.errors ?? []).map((e) => `${e.extensions.code}: ${e.message}`)).toEqual([]);
  });

  it('gives the connection back when the client left while it was being signed in', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // Another session holds the sessions table: checking the token waits, and the client gives up meanwhile.
    const locker = new pg.Client({ connectionString: withDatabase(adminUrl(), t.database) });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE user_session IN ACCESS EXCLUSIVE MODE');
    const body = JSON.stringify({ query: '{ organisations(first: 1) { totalCount } }' });
    const gone = httpRequest({
      port: (server.address() as AddressInfo).port,
      host: '127.0.0.1',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator.token}` },
    });
    gone.on('error', () => undefined);
    gone.end(body);
    await new Promise((r) => setTimeout(r, 300));
    gone.destroy();
    await new Promise((r) => setTimeout(r, 100));
    await locker.query('ROLLBACK');
    await locker.end();
    // Its resolvers still ran once signed in; had they kept the pool's one connection, this would wait in vain.
    await new Promise((r) => setTimeout(r, 300));
    const next = await gql(t, '{ organisations(first: 1) { totalCount } }', {}, coordinator.token);
    expect(next.errors).toBeUndefined();
  });
});
