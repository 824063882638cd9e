import { Role } from '../../src/common/auth/role.js';
import { SqlCounter } from '../../src/common/database/sql-counter.js';
import { addCommitment, createActiveAgreement } from '../factories/agreement.factory.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { acceptedReport, createReport, submitReport } from '../factories/report.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gqlError, gqlOk, nodes } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const FULFILMENT = `query ($id: ID!, $asOf: Date) { commitmentFulfilment(commitmentId: $id, asOf: $asOf) {
  status progressPercent elapsedPercent targets { indicator aggregation achieved percent } } }`;
const SUMMARY = `query ($groupBy: FulfilmentGrouping!, $filter: FulfilmentFilter, $asOf: Date) {
  fulfilmentSummary(groupBy: $groupBy, filter: $filter, asOf: $asOf) {
    edges { node { key label commitments notStarted onTrack atRisk overdue fulfilled cancelled
    peopleReached { girls boys women men withDisability children adults total } } } } }`;

describe('fulfilment', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  const year2024 = { startOn: '2024-01-01', dueOn: '2024-12-31', reportingSchedule: 'QUARTERLY' };

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await signIn(t, Role.COORDINATOR);
    reviewer = await signIn(t, Role.COORDINATOR);
  });
  afterAll(() => t.close());

  /**
   * These tests judge 2024 with reports made today. "As of a day" counts only what was known by then, so the
   * records are dated as if kept on time: each report reviewed the day after its activity, each cancellation
   * made when its commitment started. (The as-of rules themselves are tested in as-of.e2e-spec.ts.)
   */
  const asIfOnTime = async () => {
    await t.redate(`UPDATE progress_report SET submitted_at = (activity_until + 1)::timestamp AT TIME ZONE 'Asia/Jakarta',
      accepted_at = CASE WHEN accepted_at IS NULL THEN NULL ELSE (activity_until + 1)::timestamp AT TIME ZONE 'Asia/Jakarta' END
      WHERE submitted_at IS NOT NULL`);
    await t.ownerQuery(`UPDATE commitment SET cancelled_at = start_on::timestamp AT TIME ZONE 'Asia/Jakarta' WHERE cancelled_at IS NOT NULL`);
  };
  const fulfilment = async (id: string, asOf = '2024-06-01') => {
    await asIfOnTime();
    return (await gqlOk(t, FULFILMENT, { id, asOf }, coordinator.token)).commitmentFulfilment;
  };
  const value = (targets: { id: string }[], ...values: number[]) => values.map((v, i) => ({ targetId: targets[i]!.id, value: v }));

  it('adds up SUM targets, keeps the latest value of LATEST targets, counts only accepted reports and applies corrections', async () => {
    const a = await createActiveAgreement(t, coordinator.token);
    const c = await addCommitment(t, coordinator.token, a, {
      ...year2024,
      targets: [
        { indicator: 'People trained', unit: 'people', targetValue: 100 },
        { indicator: 'Facilities in place', unit: 'facilities', targetValue: 10, aggregation: 'LATEST' },
      ],
    });
    const r1 = await acceptedReport(t, coordinator.token, reviewer.token, c, { activityFrom: '2024-02-01', activityUntil: '2024-02-02', values: value(c.targets, 30, 4) });
    await acceptedReport(t, coordinator.token, reviewer.token, c, { activityFrom: '2024-03-01', activityUntil: '2024-03-01', values: value(c.targets, 20, 6) });
    await createReport(t, coordinator.token, c, { activityFrom: '2024-04-01', activityUntil: '2024-04-01', values: value(c.targets, 100, 10) });
    const pending = await createReport(t, coordinator.token, c, { activityFrom: '2024-04-02', activityUntil: '2024-04-02', values: value(c.targets, 100, 10) });
    await submitReport(t, coordinator.token, pending.id);
    let f = await fulfilment(c.id);
    expect(f.targets.map((x: any) => [x.achieved, x.percent])).toEqual([[50, 50], [6, 60]]);
    // A correction of the first report (30 people were in fact 10) replaces it once accepted.
    await acceptedReport(t, coordinator.token, reviewer.token, c, { activityFrom: '2024-02-01', activityUntil: '2024-02-02', values: value(c.targets, 10, 4), correctsId: r1.id });
    f = await fulfilment(c.id);
    expect(f.targets.map((x: any) => [x.achieved, x.percent])).toEqual([[30, 30], [6, 60]]);
    expect(f.progressPercent).toBe(45); // mean of 30 % and 60 %
  });

  it('judges each status by the README rule on the given day', async () => {
    const a = await createActiveAgreement(t, coordinator.token);
    const untouched = await addCommitment(t, coordinator.token, a, { ...year2024, title: 'untouched' });
    const partial = await addCommitment(t, coordinator.token, a, { ...year2024, title: 'partial', targets: [{ indicator: 'People', unit: 'people', targetValue: 100 }] });
    const done = await addCommitment(t, coordinator.token, a, { ...year2024, title: 'done', targets: [{ indicator: 'People', unit: 'people', targetValue: 100 }] });
    const dropped = await addCommitment(t, coordinator.token, a, { ...year2024, title: 'dropped' });
    await acceptedReport(t, coordinator.token, reviewer.token, partial, { activityFrom: '2024-03-01', activityUntil: '2024-03-01', values: value(partial.targets, 40) });
    await acceptedReport(t, coordinator.token, reviewer.token, done, { activityFrom: '2024-03-01', activityUntil: '2024-03-01', values: value(done.targets, 100) });
    await gqlOk(t, 'mutation ($input: CancelCommitmentInput!) { cancelCommitment(input: $input) { id } }', { input: { id: dropped.id, version: dropped.version, reason: 'Dropped' } }, coordinator.token);
    const status = async (c: { id: string }, asOf: string) => (await fulfilment(c.id, asOf)).status;
    expect(await status(untouched, '2024-02-01')).toBe('NOT_STARTED'); // 8.5 % of the period gone: within the 25-point margin
    expect(await status(untouched, '2024-07-01')).toBe('AT_RISK'); // 49.9 % gone, 0 % done
    expect(await status(partial, '2024-07-01')).toBe('ON_TRACK'); // 40 % done, 49.9 % gone: within the margin
    expect(await status(partial, '2024-11-30')).toBe('AT_RISK'); // 40 % done, 91 % gone
    expect(await status(untouched, '2025-01-01')).toBe('OVERDUE');
    expect(await status(done, '2025-01-01')).toBe('FULFILLED');
    expect(await status(dropped, '2024-07-01')).toBe('CANCELLED');
    expect((await fulfilment(partial.id, '2024-07-01')).elapsedPercent).toBe(49.86); // 182 of 365 days

    await asIfOnTime();
    const { overdueCommitments } = await gqlOk(
      t,
      '{ overdueCommitments(filter: { agreementId: "' + a.id + '" }, asOf: "2025-01-01") { totalCount edges { node { title status } } } }',
      {},
      coordinator.token,
    );
    expect(overdueCommitments.edges.map((e: any) => e.node.title).sort()).toEqual(['partial', 'untouched']);
  });

  it('rolls up by organisation, category and place, with people reached by sex and age group', async () => {
    const a = await createActiveAgreement(t, coordinator.token);
    const [union, komnas] = a.partyIds;
    const training = await addCommitment(t, coordinator.token, a, { ...year2024, responsibleOrganisationId: union, category: 'TRAINING', placeCodes: ['36.04'] });
    const counselling = await addCommitment(t, coordinator.token, a, { ...year2024, responsibleOrganisationId: komnas, category: 'COUNSELLING_SERVICE', placeCodes: ['36.71'] });
    await acceptedReport(t, coordinator.token, reviewer.token, training, { activityFrom: '2024-03-01', activityUntil: '2024-03-01', placeCodes: ['36.04'], people: { women: 22, men: 18, womenWithDisability: 1 } });
    await acceptedReport(t, coordinator.token, reviewer.token, counselling, { activityFrom: '2024-03-01', activityUntil: '2024-03-01', placeCodes: ['36.71'], people: { girls: 7, boys: 5, girlsWithDisability: 2 } });
    await asIfOnTime();
    const summary = async (groupBy: string) => nodes((await gqlOk(t, SUMMARY, { groupBy, filter: { agreementId: a.id }, asOf: '2024-03-15' }, coordinator.token)).fulfilmentSummary);
    const byCategory = await summary('CATEGORY');
    expect(byCategory.map((g: any) => [g.key, g.commitments, g.onTrack, g.peopleReached.total])).toEqual([
      ['COUNSELLING_SERVICE', 1, 1, 12],
      ['TRAINING', 1, 1, 40],
    ]);
    const byPlace = await summary('PLACE');
    expect(byPlace).toEqual([
      {
        key: '36', label: 'Banten', commitments: 2, notStarted: 0, onTrack: 2, atRisk: 0, overdue: 0, fulfilled: 0, cancelled: 0,
        peopleReached: { girls: 7, boys: 5, women: 22, men: 18, withDisability: 3, children: 12, adults: 40, total: 52 },
      },
    ]);
    const byOrganisation = await summary('ORGANISATION');
    expect(byOrganisation.map((g: any) => g.key).sort()).toEqual([union, komnas].sort());
    const inside = await gqlOk(t, SUMMARY, { groupBy: 'CATEGORY', filter: { agreementId: a.id, placeCode: '36.71' }, asOf: '2024-03-15' }, coordinator.token);
    expect(nodes(inside.fulfilmentSummary).map((g: any) => g.key)).toEqual(['COUNSELLING_SERVICE']);
    const partner = await signIn(t, Role.PARTNER, { organisationId: union });
    const own = await gqlOk(t, SUMMARY, { groupBy: 'ORGANISATION', filter: { agreementId: a.id } }, partner.token);
    expect(nodes(own.fulfilmentSummary).map((g: any) => g.key)).toEqual([union]);

    // A dashboard asks for several groupings at once: one statement for those on the same day and filter, same answers.
    const counter = t.app.get(SqlCounter);
    const fields = 'key label commitments onTrack overdue peopleReached { total }';
    const on = (groupBy: string, asOf: string) => `fulfilmentSummary(groupBy: ${groupBy}, filter: { agreementId: "${a.id}" }, asOf: "${asOf}") { edges { node { ${fields} } } }`;
    const alone = async (groupBy: string, asOf: string) => (await gqlOk(t, `{ s: ${on(groupBy, asOf)} }`, {}, coordinator.token)).s;
    const separately = {
      c: await alone('CATEGORY', '2024-03-15'),
      p: await alone('PLACE', '2024-03-15'),
      o: await alone('ORGANISATION', '2024-03-15'),
      later: await alone('CATEGORY', '2025-01-15'),
    };
    // Any write moves the history on, so none of these answers is reused below.
    await createOrganisation(t, coordinator.token, { name: 'Yayasan Tidak Terkait' });
    counter.recorded = [];
    const together = await gqlOk(
      t,
      `{ c: ${on('CATEGORY', '2024-03-15')} p: ${on('PLACE', '2024-03-15')} o: ${on('ORGANISATION', '2024-03-15')} later: ${on('CATEGORY', '2025-01-15')} }`,
      {},
      coordinator.token,
    );
    const summaryStatements = counter.recorded.filter((sql) => sql.includes('judged AS'));
    counter.recorded = undefined;
    expect(together).toEqual(separately);
    expect(nodes(together.later).map((g: any) => g.overdue)).toEqual([1, 1]);
    // Two days: two statements.
    expect(summaryStatements).toHaveLength(2);
  });

  it('answers a summary again from memory until the next write, and never across scopes', async () => {
    const a = await createActiveAgreement(t, coordinator.token);
    const [union] = a.partyIds;
    const c = await addCommitment(t, coordinator.token, a, { ...year2024, responsibleOrganisationId: union, category: 'TRAINING' });
    const counter = t.app.get(SqlCounter);
    const byOrganisation = async (token: string) => {
      counter.recorded = [];
      const { fulfilmentSummary } = await gqlOk(t, SUMMARY, { groupBy: 'ORGANISATION', filter: { agreementId: a.id } }, token);
      const statements = counter.recorded.filter((sql) => sql.includes('judged AS')).length;
      counter.recorded = undefined;
      return { groups: nodes(fulfilmentSummary).map((g: any) => [g.label, g.commitments, g.overdue, g.fulfilled, g.peopleReached.total]), statements };
    };
    const first = await byOrganisation(coordinator.token);
    expect(first.statements).toBe(1);
    expect(await byOrganisation(coordinator.token)).toEqual({ groups: first.groups, statements: 0 });
    // An accepted report is counted at once.
    await acceptedReport(t, coordinator.token, reviewer.token, c, { activityFrom: '2024-03-01', activityUntil: '2024-03-01', people: { women: 3 } });
    const accepted = await byOrganisation(coordinator.token);
    expect(accepted.statements).toBe(1);
    expect([first.groups[0]![4], accepted.groups[0]![4]]).toEqual([0, 3]);
    // A new name shows at once.
    const { organisation } = await gqlOk(t, 'query ($id: ID!) { organisation(id: $id) { version } }', { id: union }, coordinator.token);
    await gqlOk(t, 'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }', { input: { id: union, version: organisation.version, name: 'Serikat Berganti Nama' } }, coordinator.token);
    expect((await byOrganisation(coordinator.token)).groups[0]![0]).toBe('Serikat Berganti Nama');
    // A partner of the other party asks the same: their own scope, not the coordinator's answer.
    const other = await signIn(t, Role.PARTNER, { organisationId: a.partyIds[1] });
    expect((await byOrganisation(other.token)).groups).toEqual([]);
  });

  it('pages the groups by label, with totalCount', async () => {
    const a = await createActiveAgreement(t, coordinator.token);
    for (const category of ['TRAINING', 'AWARENESS_CAMPAIGN', 'SOCIAL_MAPPING']) await addCommitment(t, coordinator.token, a, { ...year2024, category });
    const PAGE = `query ($after: String) { fulfilmentSummary(groupBy: CATEGORY, filter: { agreementId: "${a.id}" }, first: 2, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { label commitments } } } }`;
    const first = (await gqlOk(t, PAGE, {}, coordinator.token)).fulfilmentSummary;
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(nodes(first).map((g: any) => g.label)).toEqual(['AWARENESS_CAMPAIGN', 'SOCIAL_MAPPING']);
    const second = (await gqlOk(t, PAGE, { after: first.pageInfo.endCursor }, coordinator.token)).fulfilmentSummary;
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(nodes(second)).toEqual([{ label: 'TRAINING', commitments: 1 }]);
    expect((await gqlError(t, PAGE, { after: 'bm90IGEgY3Vyc29y' }, coordinator.token)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    const tooMany = await gqlError(t, '{ fulfilmentSummary(groupBy: AGREEMENT, first: 101) { totalCount } }', {}, coordinator.token);
    expect(tooMany.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('lists the reporting periods that are due and have no submitted or accepted report', async () => {
    const a = await createActiveAgreement(t, coordinator.token);
    const c = await addCommitment(t, coordinator.token, a, { ...year2024, title: 'quarterly' });
    const first = await createReport(t, coordinator.token, c, { periodId: c.periods[0].id, activityFrom: '2024-02-01', activityUntil: '2024-02-01' });
    await submitReport(t, coordinator.token, first.id);
    await createReport(t, coordinator.token, c, { periodId: c.periods[1].id, activityFrom: '2024-05-01', activityUntil: '2024-05-01' });
    await asIfOnTime();
    const { missingReports } = await gqlOk(
      t,
      `query ($f: FulfilmentFilter) { missingReports(asOf: "2024-12-01", filter: $f) { totalCount edges { node { periodNumber dueOn daysOverdue commitment { title } } } } }`,
      { f: { agreementId: a.id } },
      coordinator.token,
    );
    expect(missingReports.edges.map((e: any) => e.node)).toEqual([
      { periodNumber: 2, dueOn: '2024-07-14', daysOverdue: 140, commitment: { title: 'quarterly' } },
      { periodNumber: 3, dueOn: '2024-10-14', daysOverdue: 48, commitment: { title: 'quarterly' } },
    ]);
  });

  it('computes a summary in the same number of statements for 3 or 30 commitments', async () => {
    const counter = t.app.get(SqlCounter);
    const statements = async (n: number) => {
      const a = await createActiveAgreement(t, coordinator.token);
      for (let i = 0; i < n; i++) {
        const c = await addCommitment(t, coordinator.token, a, year2024);
        if (i % 3 === 0) await acceptedReport(t, coordinator.token, reviewer.token, c, { activityFrom: '2024-03-01', activityUntil: '2024-03-01' });
      }
      const before = counter.count;
      await gqlOk(t, `${SUMMARY}`, { groupBy: 'ORGANISATION', filter: { agreementId: a.id } }, coordinator.token);
      await gqlOk(t, '{ commitments(first: 100) { edges { node { status fulfilment { progressPercent } } } } }', {}, coordinator.token);
      return counter.count - before;
    };
    expect(await statements(30)).toBe(await statements(3));
  });
});
