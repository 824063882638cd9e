import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD } from '../../src/database/seeds/demo-data.js';
import { seedDemo } from '../../src/database/seeds/seed-demo.js';
import { gql, gqlOk, nodes } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const TABLES = ['organisation', 'network_membership', 'agreement', 'agreement_party', 'agreement_key_point', 'commitment', 'commitment_target', 'reporting_period', 'user_account', 'progress_report', 'report_value', 'report_evidence', 'history_entry'];

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, Number((await t.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n)])));

  it('loads the five articles once; a second run changes nothing', async () => {
    const first = await seedDemo(t.app);
    expect(first.created).toMatchObject({ agreements: 7, users: 5, reports: 14 });
    const after = await counts();
    const second = await seedDemo(t.app);
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
    expect(await counts()).toEqual(after);
  });

  it('holds the Banten MoU of 20 March 2023 with its four points as commitments, and the renewed PKS chain', async () => {
    const login = await gqlOk(t, 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email: 'auditor@mitra.example', password: DEMO_PASSWORD } });
    const token = login.login.accessToken;
    const { agreements } = await gqlOk(
      t,
      `{ agreements(filter: { placeCode: "36" }) { edges { node { title status signedOn keyPoints { number } commitments { keyPointNumber category }
         parties { organisation { shortName } } } } } }`,
      {},
      token,
    );
    const banten = agreements.edges[0].node;
    expect(banten).toMatchObject({ status: 'ACTIVE', signedOn: '2023-03-20' });
    expect(banten.keyPoints.map((k: any) => k.number)).toEqual([1, 2, 3, 4]);
    expect(banten.commitments.map((c: any) => [c.keyPointNumber, c.category])).toEqual([
      [1, 'AWARENESS_CAMPAIGN'],
      [2, 'TRAINING'],
      [3, 'CHILD_FRIENDLY_FACILITY'],
      [4, 'COUNSELLING_SERVICE'],
    ]);
    const pks = await gqlOk(t, '{ agreements(filter: { search: "KPPPA-ECPAT/2020" }) { edges { node { status signedOn renews { reference renewedBy { reference } } } } } }', {}, token);
    expect(pks.agreements.edges[0].node).toEqual({
      status: 'EXPIRED',
      signedOn: '2020-03-12',
      renews: { reference: 'PKS/KPPPA-ECPAT/2017', renewedBy: [{ reference: 'PKS/KPPPA-ECPAT/2020' }] },
    });
  });

  it('adds accepted and pending reports, so the fulfilment figures show something real', async () => {
    const login = await gqlOk(t, 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email: 'koordinator@mitra.example', password: DEMO_PASSWORD } });
    const token = login.login.accessToken;
    const data = await gqlOk(
      t,
      `{ commitments(filter: { categories: [TRAINING] }, first: 10) { edges { node { title status fulfilment { targets { achieved } } agreement { reference } } } }
         reportsAwaitingReview { totalCount }
         missingReports(first: 1) { totalCount }
         fulfilmentSummary(groupBy: AGREEMENT, first: 100) { edges { node { label fulfilled commitments peopleReached { total } } } } }`,
      {},
      token,
    );
    const banten = data.commitments.edges.find((e: any) => e.node.agreement.reference.startsWith('NK/PD-FSPKEP')).node;
    expect(banten.fulfilment.targets[0].achieved).toBe(40 + 35 + 52);
    expect(data.reportsAwaitingReview.totalCount).toBe(2);
    expect(data.missingReports.totalCount).toBeGreaterThan(0);
    const kesempatan = nodes(data.fulfilmentSummary).find((g: any) => g.label.startsWith('KESEMPATAN'));
    expect(kesempatan.fulfilled).toBe(2);
    expect(kesempatan.peopleReached.total).toBeGreaterThan(0);
  });
});

describe('demo data in production', () => {
  it('is refused by the command line unless forced, before it touches any database', () => {
    const run = spawnSync(process.execPath, ['dist/cli/seed-demo.js'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Refused: NODE_ENV=production/);
    expect(run.stderr).toMatch(/--force/);
  });

  it('gives each sample user its own random password when forced, and the demo password opens nothing', async () => {
    const t = await createTestApp();
    try {
      const made = new Set<string>();
      const result = await seedDemo(t.app, { password: () => `${randomBytes(18).toString('base64url')}` });
      for (const u of result.users) made.add(u.password);
      expect(made.size).toBe(result.users.length);
      const login = (email: string, password: string) => gql(t, 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email, password } });
      const first = result.users[0]!;
      expect((await login(first.email, first.password)).data?.login.accessToken).toEqual(expect.any(String));
      expect((await login(first.email, DEMO_PASSWORD)).errors?.[0]?.extensions.reason).toBe('INVALID_CREDENTIALS');
    } finally {
      await t.close();
    }
  });
});
