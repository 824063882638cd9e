import { RequestContext } from '../../src/common/context/request-context.js';
import { AgreementsService } from '../../src/modules/agreements/agreements.service.js';
import { DEMO_PASSWORD } from '../../src/database/seeds/demo-data.js';
import { seedDemo } from '../../src/database/seeds/seed-demo.js';
import { gql, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const TIMELINE = `query ($organisationId: ID, $networkId: ID, $agreementId: ID, $first: Int, $after: String) {
  partnershipTimeline(organisationId: $organisationId, networkId: $networkId, agreementId: $agreementId, first: $first, after: $after) {
    totalCount edges { node { seq kind summary comment actor { name role } changes { field } } } pageInfo { hasNextPage endCursor } } }`;

describe('the partnership timeline', () => {
  let t: TestApp;
  let banten: string;
  let apsai: string;
  const tokenOf = async (email: string) =>
    (await gqlOk(t, 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email, password: DEMO_PASSWORD } })).login.accessToken as string;
  /** Every event of a timeline, page after page, oldest first. */
  const all = async (token: string, about: Record<string, string>) => {
    const events: any[] = [];
    for (let after: string | undefined; ; ) {
      const page = (await gqlOk(t, TIMELINE, { ...about, first: 7, after }, token)).partnershipTimeline;
      events.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) return events;
      after = page.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    const seeded = await seedDemo(t.app);
    banten = seeded.agreements.get('NK/PD-FSPKEP-KOMNASPA/BTN/III/2023')!;
    apsai = seeded.organisations.get('apsaiPekalongan')!;
  });
  afterAll(() => t.close());

  it('tells an agreement’s story in order: recorded, commitments added, signed, reports submitted, sent back, accepted', async () => {
    const events = await all(await tokenOf('auditor@mitra.example'), { agreementId: banten });
    const kinds = events.map((e) => e.kind);
    expect(kinds.slice(0, 6)).toEqual(['AGREEMENT_RECORDED', 'COMMITMENT_ADDED', 'COMMITMENT_ADDED', 'COMMITMENT_ADDED', 'COMMITMENT_ADDED', 'AGREEMENT_SIGNED']);
    expect(kinds).toEqual(expect.arrayContaining(['REPORT_SUBMITTED', 'REPORT_ACCEPTED']));
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(events[5].summary).toMatch(/^Signed NK\/PD-FSPKEP-KOMNASPA\/BTN\/III\/2023 ".*" on 2023-03-20$/);
    const reviewed = events.filter((e) => e.kind === 'REPORT_ACCEPTED');
    expect(reviewed.every((e) => e.actor.name === 'Dewi Koordinator')).toBe(true);
    const sentBack = events.find((e) => e.kind === 'REPORT_SENT_BACK');
    if (sentBack) expect(sentBack.comment).toEqual(expect.any(String));
  });

  it('tells when an agreement expired, noted once by the system when its effective period had ended', async () => {
    const renewal = (await t.db.query(`SELECT id FROM agreement WHERE reference = 'PKS/KPPPA-ECPAT/2020'`))[0].id as string;
    const auditor = await tokenOf('auditor@mitra.example');
    expect((await all(auditor, { agreementId: renewal })).map((e) => e.kind)).not.toContain('AGREEMENT_EXPIRED');
    const sweep = () => t.app.get(AgreementsService).recordExpiries(RequestContext.system('Mitra'));
    expect(await sweep()).toBeGreaterThanOrEqual(1); // 2025-03-11 has passed; the 2017 one was renewed, not expired
    expect(await sweep()).toBe(0); // once per effective period
    const events = await all(auditor, { agreementId: renewal });
    const expired = events.filter((e) => e.kind === 'AGREEMENT_EXPIRED');
    expect(expired).toEqual([expect.objectContaining({ summary: expect.stringMatching(/^Expired: PKS\/KPPPA-ECPAT\/2020 ".*" was in effect until 2025-03-11$/), actor: { name: 'Mitra', role: 'SYSTEM' } })]);
    const { agreement } = await gqlOk(t, 'query ($id: ID!) { agreement(id: $id) { status } }', { id: renewal }, auditor);
    expect(agreement.status).toBe('EXPIRED');
  });

  it('follows a network and its members', async () => {
    const events = await all(await tokenOf('koordinator@mitra.example'), { networkId: apsai });
    expect(events.filter((e) => e.kind === 'JOINED_NETWORK').length).toBeGreaterThan(0);
  });

  it('shows a partner only what concerns their own organisation', async () => {
    const lpkp = await tokenOf('pelapor.lpkp@mitra.example');
    expect(await all(lpkp, { agreementId: banten })).toEqual([]);
    const union = await all(await tokenOf('pelapor.spsi@mitra.example'), { agreementId: banten });
    expect(union.length).toBeGreaterThan(5);
  });

  it('lets a coordinator read the audit trail of what they manage, but not of the accounts they do not manage', async () => {
    const { auditTrail } = await gqlOk(t, '{ auditTrail(first: 100, filter: { entityType: "User" }) { edges { node { state } } } }', {}, await tokenOf('koordinator@mitra.example'));
    const roles = new Set(auditTrail.edges.map((e: any) => e.node.state.role));
    expect(roles).toEqual(new Set(['PARTNER']));
  });

  it('asks for exactly one subject', async () => {
    const token = await tokenOf('auditor@mitra.example');
    const res = await gql(t, TIMELINE, { agreementId: banten, networkId: apsai }, token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ONE_SUBJECT' });
  });
});
