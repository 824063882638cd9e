import { DEMO_PASSWORD } from '../../src/database/seeds/demo-data.js';
import { seedDemo } from '../../src/database/seeds/seed-demo.js';
import { gqlOk } from '../utils/graphql.js';
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
         fulfilmentSummary(groupBy: AGREEMENT) { label fulfilled commitments peopleReached { total } } }`,
      {},
      token,
    );
    const banten = data.commitments.edges.find((e: any) => e.node.agreement.reference.startsWith('NK/PD-FSPKEP')).node;
    expect(banten.fulfilment.targets[0].achieved).toBe(40 + 35 + 52);
    expect(data.reportsAwaitingReview.totalCount).toBe(2);
    expect(data.missingReports.totalCount).toBeGreaterThan(0);
    const kesempatan = data.fulfilmentSummary.find((g: any) => g.label.startsWith('KESEMPATAN'));
    expect(kesempatan.fulfilled).toBe(2);
    expect(kesempatan.peopleReached.total).toBeGreaterThan(0);
  });
});
