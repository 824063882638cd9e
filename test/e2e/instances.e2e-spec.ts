import { Role } from '../../src/common/auth/role.js';
import { addCommitment, createActiveAgreement } from '../factories/agreement.factory.js';
import { signIn, TEST_PASSWORD } from '../utils/auth.js';
import { gql, nodes } from '../utils/graphql.js';
import { createTestApp, createTestDatabase, type TestApp } from '../utils/test-app.js';

/** Two instances of the service on one database, as behind a load balancer: nothing that matters lives in one process. */
describe('two instances on one database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, MIGRATION_DATABASE_URL: database.ownerUrl, LOGIN_RATE_LIMIT: '4' };
    // Both at the same moment: they take turns at the migrations and grants (an advisory lock), then serve.
    [a, b] = await Promise.all([createTestApp(env, { ownDatabase: true }), createTestApp(env, { ownDatabase: true })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await database?.drop();
  });

  const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }';

  it('shares the sign-in limits: attempts on one instance count on the other', async () => {
    const user = await signIn(a, Role.COORDINATOR);
    const wrong = { input: { email: user.user.email, password: 'not the password at all' } };
    for (const instance of [a, b, a, b]) {
      expect((await gql(instance, LOGIN, wrong)).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
    for (const instance of [a, b]) {
      const refused = await gql(instance, LOGIN, { input: { email: user.user.email, password: TEST_PASSWORD } });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'TOO_MANY_LOGIN_ATTEMPTS' });
    }
    // The counts are kept as digests: no email address in the table.
    const keys = await a.ownerQuery('SELECT key FROM login_attempt');
    expect(keys.length).toBeGreaterThan(0);
    expect(JSON.stringify(keys)).not.toContain(user.user.email);
  });

  it('holds an idempotency key across instances: retries spread over both make one report', async () => {
    const coordinator = await signIn(a, Role.COORDINATOR);
    const agreement = await createActiveAgreement(a, coordinator.token);
    const commitment = await addCommitment(a, coordinator.token, agreement);
    const partner = await signIn(a, Role.PARTNER, { organisationId: agreement.partyIds[0] });
    const input = {
      idempotencyKey: 'two-instances-0001',
      commitmentId: commitment.id,
      activityFrom: '2023-05-10',
      activityUntil: '2023-05-11',
      values: [{ targetId: commitment.targets[0].id, value: 10 }],
      people: { women: 6, men: 4 },
      narrative: 'Pelatihan di Serang',
    };
    const CREATE = 'mutation ($input: CreateReportInput!) { createReport(input: $input) { id version } }';
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => gql(i % 2 ? b : a, CREATE, { input }, partner.token)));
    expect(answers.map((r) => r.errors)).toEqual(Array(10).fill(undefined));
    expect(new Set(answers.map((r) => r.data!.createReport.id)).size).toBe(1);
    const [{ n }] = await a.ownerQuery('SELECT count(*)::int AS n FROM progress_report WHERE commitment_id = $1', [commitment.id]);
    expect(n).toBe(1);
  });

  it('shows a write made on one instance in the next summary on the other, which had answered it from memory', async () => {
    const coordinator = await signIn(a, Role.COORDINATOR);
    const agreement = await createActiveAgreement(a, coordinator.token);
    await addCommitment(a, coordinator.token, agreement, { category: 'TRAINING' });
    const SUMMARY = 'query ($f: FulfilmentFilter) { fulfilmentSummary(groupBy: CATEGORY, filter: $f) { edges { node { key commitments } } } }';
    const summary = async (on: TestApp) => nodes((await gql(on, SUMMARY, { f: { agreementId: agreement.id } }, coordinator.token)).data!.fulfilmentSummary);
    expect(await summary(a)).toEqual([{ key: 'TRAINING', commitments: 1 }]);
    expect(await summary(a)).toEqual([{ key: 'TRAINING', commitments: 1 }]);
    await addCommitment(b, coordinator.token, agreement, { category: 'AWARENESS_CAMPAIGN' });
    expect(await summary(a)).toEqual([
      { key: 'AWARENESS_CAMPAIGN', commitments: 1 },
      { key: 'TRAINING', commitments: 1 },
    ]);
  });
});
