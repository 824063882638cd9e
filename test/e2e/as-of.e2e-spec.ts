import { Role } from '../../src/common/auth/role.js';
import { addCommitment, createActiveAgreement, createAgreement } from '../factories/agreement.factory.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { acceptedReport } from '../factories/report.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gql, gqlOk, nodes } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

describe('as of', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let reviewer: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await signIn(t, Role.COORDINATOR);
    reviewer = await signIn(t, Role.COORDINATOR);
  });
  afterAll(() => t.close());

  /** "As of a day" means what was true and known that day: accepted by its end (WIB), begun by then. */
  describe('fulfilment as of a day', () => {
    /** When a record was reviewed or cancelled, as the test's story needs it (the reports themselves are made today). */
    const acceptedOn = (id: string, moment: string) => t.redate('UPDATE progress_report SET submitted_at = $2, accepted_at = $2 WHERE id = $1', [id, moment]);
    const achieved = async (id: string, asOf: string) =>
      (await gqlOk(t, 'query ($id: ID!, $asOf: Date) { commitmentFulfilment(commitmentId: $id, asOf: $asOf) { status targets { achieved } } }', { id, asOf }, coordinator.token))
        .commitmentFulfilment;

    it('counts a report only from the day it was accepted and its activity had begun, and a correction only once accepted', async () => {
      const a = await createActiveAgreement(t, coordinator.token);
      const c = await addCommitment(t, coordinator.token, a, { startOn: '2024-01-01', dueOn: '2024-12-31', targets: [{ indicator: 'People', unit: 'people', targetValue: 1000 }] });
      const report = (from: string, value: number, extra: Record<string, unknown> = {}) =>
        acceptedReport(t, coordinator.token, reviewer.token, c, { activityFrom: from, activityUntil: from, values: [{ targetId: c.targets[0].id, value }], ...extra });
      const early = await report('2024-02-01', 100);
      await acceptedOn(early.id, '2024-02-10T03:00:00Z');
      const may = await report('2024-05-01', 200);
      await acceptedOn(may.id, '2024-05-05T03:00:00Z');
      // Held in February, but reported and accepted only in September: unknown before then.
      const late = await report('2024-02-15', 400);
      await acceptedOn(late.id, '2024-09-01T03:00:00Z');
      // The February figure corrected in July.
      const correction = await report('2024-02-01', 50, { correctsId: early.id });
      await acceptedOn(correction.id, '2024-07-01T03:00:00Z');

      expect((await achieved(c.id, '2024-02-09')).targets[0].achieved).toBe(0);
      expect((await achieved(c.id, '2024-03-01')).targets[0].achieved).toBe(100);
      expect((await achieved(c.id, '2024-06-01')).targets[0].achieved).toBe(300);
      expect((await achieved(c.id, '2024-07-01')).targets[0].achieved).toBe(250);
      expect((await achieved(c.id, '2024-09-01')).targets[0].achieved).toBe(650);
      // The end of a day is the end of the day in WIB: accepted at 23:30 WIB on 31 August still counts on 31 August.
      await acceptedOn(late.id, '2024-08-31T16:30:00Z');
      expect((await achieved(c.id, '2024-08-31')).targets[0].achieved).toBe(650);
      // The same through Commitment.fulfilment(asOf).
      const { commitment } = await gqlOk(t, 'query ($id: ID!) { commitment(id: $id) { march: fulfilment(asOf: "2024-03-01") { targets { achieved } } today: fulfilment { targets { achieved } } } }', { id: c.id }, coordinator.token);
      expect([commitment.march.targets[0].achieved, commitment.today.targets[0].achieved]).toEqual([100, 650]);
    });

    it('reads a past day alike for a few commitments (a lookup each) and for a wide scope (the logs read in order)', async () => {
      const a = await createActiveAgreement(t, coordinator.token);
      const targets = [
        { indicator: 'People', unit: 'people', targetValue: 100 },
        { indicator: 'Posts', unit: 'posts', targetValue: 3, aggregation: 'LATEST' },
      ];
      const made = [];
      for (let i = 0; i < 3; i++) made.push(await addCommitment(t, coordinator.token, a, { startOn: '2024-01-01', dueOn: '2024-12-31', placeCodes: ['36.02'], targets }));
      const moments = ['2024-02-10T03:00:00Z', '2024-05-05T03:00:00Z', '2024-07-01T03:00:00Z', '2024-09-01T03:00:00Z'];
      for (const [i, c] of made.entries()) {
        for (const [k, moment] of moments.slice(i).entries()) {
          const day = `2024-0${2 + k}-01`;
          const r = await acceptedReport(t, coordinator.token, reviewer.token, c, {
            activityFrom: day,
            activityUntil: day,
            placeCodes: ['36.02'],
            values: c.targets.map((x: { id: string }, j: number) => ({ targetId: x.id, value: 10 * (i + 1) + j + k })),
            people: { women: k + 1 },
          });
          await acceptedOn(r.id, moment);
        }
      }
      const SUMMARY = 'query ($f: FulfilmentFilter, $asOf: Date) { fulfilmentSummary(groupBy: CATEGORY, filter: $f, asOf: $asOf) { edges { node { key commitments notStarted onTrack atRisk overdue fulfilled peopleReached { total } } } } }';
      const summary = async (f: object, asOf: string) => nodes((await gqlOk(t, SUMMARY, { f, asOf }, coordinator.token)).fulfilmentSummary);
      const seen = new Set<string>();
      for (const asOf of ['2024-02-09', '2024-03-01', '2024-06-01', '2024-08-01', '2025-01-01']) {
        const few = await summary({ agreementId: a.id }, asOf);
        expect(await summary({ placeCode: '36.02' }, asOf)).toEqual(few);
        seen.add(JSON.stringify(few));
      }
      // Not vacuous: the days differ.
      expect(seen.size).toBeGreaterThanOrEqual(4);
    });

    it('treats a commitment as cancelled only from its cancellation', async () => {
      const a = await createActiveAgreement(t, coordinator.token);
      const c = await addCommitment(t, coordinator.token, a, { startOn: '2024-01-01', dueOn: '2024-12-31' });
      await gqlOk(t, 'mutation ($input: CancelCommitmentInput!) { cancelCommitment(input: $input) { id } }', { input: { id: c.id, version: c.version, reason: 'Dana tidak tersedia' } }, coordinator.token);
      await t.ownerQuery(`UPDATE commitment SET cancelled_at = '2024-08-01T01:00:00Z' WHERE id = $1`, [c.id]);
      expect((await achieved(c.id, '2024-07-31')).status).not.toBe('CANCELLED');
      expect((await achieved(c.id, '2024-08-01')).status).toBe('CANCELLED');
    });

    it('groups by the networks the responsible organisation belonged to on that day', async () => {
      const network = await createOrganisation(t, coordinator.token, { kind: 'NETWORK', name: 'APSAI Uji' });
      const a = await createActiveAgreement(t, coordinator.token);
      await addCommitment(t, coordinator.token, a, { startOn: '2024-01-01', dueOn: '2024-12-31' });
      const { addNetworkMember } = await gqlOk(t, 'mutation ($input: AddNetworkMemberInput!) { addNetworkMember(input: $input) { id } }', { input: { networkId: network.id, memberId: a.partyIds[0], joinedOn: '2024-04-01' } }, coordinator.token);
      await gqlOk(t, 'mutation ($input: EndNetworkMembershipInput!) { endNetworkMembership(input: $input) { id } }', { input: { membershipId: addNetworkMember.id, leftOn: '2024-10-01' } }, coordinator.token);
      const groups = async (asOf: string) =>
        nodes((await gqlOk(t, 'query ($f: FulfilmentFilter, $asOf: Date) { fulfilmentSummary(groupBy: NETWORK, filter: $f, asOf: $asOf) { edges { node { label commitments } } } }', { f: { agreementId: a.id }, asOf }, coordinator.token)).fulfilmentSummary)
          .filter((g: { commitments: number }) => g.commitments > 0)
          .map((g: { label: string }) => g.label);
      expect(await groups('2024-03-01')).toEqual(['(no network)']);
      expect(await groups('2024-06-01')).toEqual(['APSAI Uji']);
      expect(await groups('2024-11-01')).toEqual(['(no network)']);
    });
  });

  describe('records as they stood at a moment', () => {
    const AS_OF = `query ($id: ID!, $at: DateTime) { agreement(id: $id, asOf: $at) {
      status title version keyPoints { number } parties { role organisation { id } }
      commitments { title cancelledAt status targets { targetValue } fulfilment { targets { achieved } } } } }`;
    /** A moment between two steps of the story. */
    const moment = async () => {
      await new Promise((r) => setTimeout(r, 15));
      const at = new Date();
      await new Promise((r) => setTimeout(r, 15));
      return at.toISOString();
    };
    const at = async (id: string, when: string) => (await gqlOk(t, AS_OF, { id, at: when }, coordinator.token)).agreement;

    it('returns each past moment exactly as it was: parts, commitments, status and fulfilment, and nothing before it existed', async () => {
      const before = await moment();
      const draft = await createAgreement(t, coordinator.token, { title: 'Nota Kesepahaman awal' });
      const drafted = await moment();
      const commitmentA = await addCommitment(t, coordinator.token, draft, { title: 'Kampanye A', startOn: '2023-04-01', dueOn: '2027-12-31', targets: [{ indicator: 'People', unit: 'people', targetValue: 100 }] });
      await gqlOk(t, 'mutation ($input: SignAgreementInput!) { signAgreement(input: $input) { id } }', { input: { id: draft.id, version: draft.version, signedOn: '2023-03-20' } }, coordinator.token);
      const signed = await moment();
      const first = await acceptedReport(t, coordinator.token, reviewer.token, commitmentA, { values: [{ targetId: commitmentA.targets[0].id, value: 10 }] });
      const reported = await moment();
      await gqlOk(t, 'mutation ($input: AmendAgreementInput!) { amendAgreement(input: $input) { id } }', {
        input: { id: draft.id, version: 2, reason: 'Titik ketiga ditambahkan', title: 'Nota Kesepahaman diubah', keyPoints: [{ number: 3, text: 'Pendampingan' }] },
      }, coordinator.token);
      const amended = await moment();
      const commitmentB = await addCommitment(t, coordinator.token, draft, { title: 'Kampanye B', startOn: '2023-04-01', dueOn: '2027-12-31' });
      await acceptedReport(t, coordinator.token, reviewer.token, commitmentA, { values: [{ targetId: commitmentA.targets[0].id, value: 4 }], correctsId: first.id });
      const corrected = await moment();
      await gqlOk(t, 'mutation ($input: CancelCommitmentInput!) { cancelCommitment(input: $input) { id } }', { input: { id: commitmentB.id, version: commitmentB.version, reason: 'Tidak didanai' } }, coordinator.token);
      const cancelled = await moment();
      await gqlOk(t, 'mutation ($input: TerminateAgreementInput!) { terminateAgreement(input: $input) { id } }', { input: { id: draft.id, version: 3, reason: 'Diakhiri bersama' } }, coordinator.token);
      const terminated = await moment();

      const missing = await gql(t, AS_OF, { id: draft.id, at: before }, coordinator.token);
      expect(missing.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

      const story = [drafted, signed, reported, amended, corrected, cancelled, terminated];
      const seen: unknown[] = [];
      for (const when of story) {
        const a = await at(draft.id, when);
        seen.push({
          status: a.status,
          title: a.title,
          points: a.keyPoints.length,
          commitments: a.commitments.map((c: any) => `${c.title}:${c.status}:${c.fulfilment.targets[0].achieved}`),
        });
      }
      expect(seen).toEqual([
        { status: 'DRAFT', title: 'Nota Kesepahaman awal', points: 2, commitments: [] },
        { status: 'ACTIVE', title: 'Nota Kesepahaman awal', points: 2, commitments: [expect.stringMatching(/^Kampanye A:\w+:0$/)] },
        { status: 'ACTIVE', title: 'Nota Kesepahaman awal', points: 2, commitments: [expect.stringMatching(/^Kampanye A:\w+:10$/)] },
        { status: 'ACTIVE', title: 'Nota Kesepahaman diubah', points: 3, commitments: [expect.stringMatching(/^Kampanye A:\w+:10$/)] },
        { status: 'ACTIVE', title: 'Nota Kesepahaman diubah', points: 3, commitments: [expect.stringMatching(/^Kampanye A:\w+:4$/), expect.stringMatching(/^Kampanye B:(?!CANCELLED)\w+:0$/)] },
        { status: 'ACTIVE', title: 'Nota Kesepahaman diubah', points: 3, commitments: [expect.stringMatching(/^Kampanye A:\w+:4$/), 'Kampanye B:CANCELLED:0'] },
        { status: 'TERMINATED', title: 'Nota Kesepahaman diubah', points: 3, commitments: [expect.stringMatching(/^Kampanye A:\w+:4$/), 'Kampanye B:CANCELLED:0'] },
      ]);
      // The list as of each moment: the agreement with its title then, filtered by its status then.
      const LIST = `query ($at: DateTime, $f: AgreementFilter) { agreements(asOf: $at, filter: $f) { totalCount edges { node { id title status commitments { title } } } } }`;
      const listed = async (when: string, statuses?: string[]) =>
        (await gqlOk(t, LIST, { at: when, f: { partyId: draft.partyIds[0], statuses } }, coordinator.token)).agreements;
      expect((await listed(before)).totalCount).toBe(0);
      expect((await listed(drafted)).edges.map((e: any) => [e.node.title, e.node.status])).toEqual([['Nota Kesepahaman awal', 'DRAFT']]);
      expect((await listed(amended)).edges[0].node).toEqual({ id: draft.id, title: 'Nota Kesepahaman diubah', status: 'ACTIVE', commitments: [{ title: 'Kampanye A' }] });
      expect((await listed(cancelled, ['TERMINATED'])).totalCount).toBe(0);
      expect((await listed(terminated, ['TERMINATED'])).edges.map((e: any) => e.node.id)).toEqual([draft.id]);
      // A partner of another organisation sees none of it, then as now.
      const stranger = await signIn(t, Role.PARTNER);
      expect((await gqlOk(t, LIST, { at: terminated, f: { partyId: draft.partyIds[0] } }, stranger.token)).agreements.totalCount).toBe(0);

      // The same for a commitment and an organisation read on their own.
      const { commitment } = await gqlOk(t, 'query ($id: ID!, $at: DateTime) { commitment(id: $id, asOf: $at) { title cancelledAt } }', { id: commitmentB.id, at: corrected }, coordinator.token);
      expect(commitment).toEqual({ title: 'Kampanye B', cancelledAt: null });
      const orgBefore = await gql(t, 'query ($id: ID!, $at: DateTime) { organisation(id: $id, asOf: $at) { name } }', { id: draft.partyIds[0], at: before }, coordinator.token);
      expect(orgBefore.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    });
  });
});
