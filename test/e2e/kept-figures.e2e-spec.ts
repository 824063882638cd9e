import fc from 'fast-check';
import { Role } from '../../src/common/auth/role.js';
import { RequestContext } from '../../src/common/context/request-context.js';
import { asOfMoment } from '../../src/common/time/as-of.js';
import { today } from '../../src/common/time/calendar.js';
import { FulfilmentService } from '../../src/modules/fulfilment/fulfilment.service.js';
import type { CommitmentFulfilment } from '../../src/modules/fulfilment/fulfilment.type.js';
import { addCommitment, createActiveAgreement, createAgreement, type TestAgreement } from '../factories/agreement.factory.js';
import { acceptedReport } from '../factories/report.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gql, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

type Commitment = { id: string; version: number; targets: { id: string; aggregation: string }[] };

/** Today's figures are kept by the writes; they must always equal what the reports add up to. */
describe('kept fulfilment figures', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  let agreement: TestAgreement;
  let partner: SignedIn;
  let fulfilment: FulfilmentService;
  const ctx = RequestContext.system('test');

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await signIn(t, Role.COORDINATOR);
    reviewer = await signIn(t, Role.COORDINATOR);
    agreement = await createActiveAgreement(t, coordinator.token);
    partner = await signIn(t, Role.PARTNER, { organisationId: agreement.partyIds[0] });
    fulfilment = t.app.get(FulfilmentService);
  });
  afterAll(() => t.close());

  const sorted = (xs: CommitmentFulfilment[]) => [...xs].sort((a, b) => a.commitmentId.localeCompare(b.commitmentId));
  /** The kept figures and the figures computed from every report known now, for the same commitments. */
  const bothWays = async (ids: string[]) => {
    const kept = await fulfilment.forCommitments(ctx, ids, today());
    const computed = await fulfilment.forCommitments(ctx, ids, asOfMoment(new Date()), 'reports');
    return { kept: sorted(kept), computed: sorted(computed) };
  };
  /** At each moment, the figures logged by then and the figures computed from the reports known then. */
  const loggedWays = async (ids: string[], moments: Date[]) => {
    const logged = [];
    const computed = [];
    for (const at of moments) {
      logged.push(sorted(await fulfilment.forCommitments(ctx, ids, asOfMoment(at))));
      computed.push(sorted(await fulfilment.forCommitments(ctx, ids, asOfMoment(at), 'reports')));
    }
    return { logged, computed };
  };
  /** Kept rows whose terms differ from their commitment's and agreement's, and commitments with targets but no kept row. */
  const termsAstray = () =>
    t.ownerQuery(`
      SELECT c.id FROM commitment c JOIN agreement a ON a.id = c.agreement_id LEFT JOIN commitment_figures f ON f.commitment_id = c.id
       WHERE EXISTS (SELECT 1 FROM commitment_target t WHERE t.commitment_id = c.id)
         AND (f.commitment_id IS NULL
              OR (f.agreement_id, f.responsible_organisation_id, f.category, f.start_on, f.due_on, f.place_codes, f.cancelled_at, f.signed_on)
                 IS DISTINCT FROM (c.agreement_id, c.responsible_organisation_id, c.category, c.start_on, c.due_on, c.place_codes, c.cancelled_at,
                                   CASE WHEN a.status <> 'DRAFT' THEN a.signed_on END))`);
  const newCommitment = async (aggregation: string, on: TestAgreement = agreement): Promise<Commitment> =>
    addCommitment(t, coordinator.token, on, {
      startOn: '2023-04-01',
      dueOn: '2027-12-31',
      targets: [
        { indicator: 'People', unit: 'people', targetValue: 50 },
        { indicator: 'Facilities', unit: 'facilities', targetValue: 5, aggregation },
      ],
    });
  const report = (c: Commitment, value: number, day: number, correctsId?: string) =>
    acceptedReport(t, partner.token, reviewer.token, c, {
      activityFrom: `2024-01-${String(day).padStart(2, '0')}`,
      activityUntil: `2024-01-${String(day).padStart(2, '0')}`,
      values: c.targets.map((target) => ({ targetId: target.id, value })),
      people: { women: value, men: 1 },
      ...(correctsId ? { correctsId } : {}),
    });

  it('equal the figures recomputed from the reports after any sequence of creates, accepts, corrections and cancellations', async () => {
    const command = fc.oneof(
      fc.record({ kind: fc.constant('commitment' as const), latest: fc.boolean() }),
      fc.record({ kind: fc.constant('accept' as const), which: fc.nat(), value: fc.integer({ min: 0, max: 40 }), day: fc.integer({ min: 1, max: 28 }) }),
      fc.record({ kind: fc.constant('correct' as const), which: fc.nat(), value: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }),
      fc.record({ kind: fc.constant('edit' as const), which: fc.nat(), category: fc.constantFrom('TRAINING', 'AWARENESS_CAMPAIGN'), dueOn: fc.constantFrom('2027-06-30', '2028-03-19') }),
      fc.record({ kind: fc.constant('sign' as const) }),
    );
    // A draft agreement with a commitment: until it is signed its commitment counts nowhere; signing is one of the commands.
    let draft = await createAgreement(t, coordinator.token);
    const drafted = await newCommitment('SUM', draft);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 7 }), async (commands) => {
        runs++;
        const commitments: Commitment[] = [await newCommitment('LATEST'), drafted];
        const reports: { id: string; commitment: Commitment; corrected: boolean; day: number }[] = [];
        // A moment before each command and after the last: what was known then is logged, and must be what counted then.
        const moments: Date[] = [];
        for (const c of commands) {
          moments.push(new Date());
          if (c.kind === 'commitment') commitments.push(await newCommitment(c.latest ? 'LATEST' : 'SUM'));
          if (c.kind === 'accept') {
            const on = commitments[c.which % commitments.length]!;
            const made = await report(on, c.value, c.day).catch(() => null); // refused once cancelled
            if (made) reports.push({ id: made.id, commitment: on, corrected: false, day: c.day });
          }
          if (c.kind === 'correct') {
            const open = reports.filter((r) => !r.corrected);
            if (!open.length) continue;
            const target = open[c.which % open.length]!;
            const made = await report(target.commitment, c.value, target.day, target.id).catch(() => null);
            if (made) {
              target.corrected = true;
              reports.push({ id: made.id, commitment: target.commitment, corrected: false, day: target.day });
            }
          }
          if (c.kind === 'cancel') {
            const on = commitments[c.which % commitments.length]!;
            const res = await gql(t, 'mutation ($input: CancelCommitmentInput!) { cancelCommitment(input: $input) { version } }', { input: { id: on.id, version: on.version, reason: 'Tidak didanai' } }, coordinator.token);
            if (res.data) on.version = res.data.cancelCommitment.version;
          }
          if (c.kind === 'edit') {
            const on = commitments[c.which % commitments.length]!;
            // The category may change at any time; the due date only before the first report (else refused, changing nothing).
            for (const change of [{ category: c.category }, { dueOn: c.dueOn }]) {
              const res = await gql(t, 'mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { version } }', { input: { id: on.id, version: on.version, ...change } }, coordinator.token);
              if (res.data) on.version = res.data.updateCommitment.version;
            }
          }
          if (c.kind === 'sign' && draft.status === 'DRAFT') {
            const res = await gqlOk(t, 'mutation ($input: SignAgreementInput!) { signAgreement(input: $input) { status version } }', { input: { id: draft.id, version: draft.version, signedOn: '2023-03-20' } }, coordinator.token);
            draft = { ...draft, ...res.signAgreement };
          }
        }
        const ids = commitments.map((c) => c.id);
        const { kept, computed } = await bothWays(ids);
        expect(kept).toEqual(computed);
        expect(await termsAstray()).toEqual([]);
        moments.push(new Date());
        const logged = await loggedWays(ids, moments);
        expect(logged.logged).toEqual(logged.computed);
      }),
      { numRuns: 12 },
    );
    expect(runs).toBe(12);
  }, 600_000);

  it('are left unchanged by a write that fails after updating them', async () => {
    const c = await newCommitment('SUM');
    await report(c as Commitment, 7, 3);
    // Today's figures and their logs (a row per target and one for the commitment at the acceptance).
    const figures = () =>
      t.ownerQuery(
        `SELECT 'kept' AS kind, achieved FROM target_figures WHERE commitment_id = $1
         UNION ALL SELECT 'logged', l.achieved FROM target_figures_log l JOIN commitment_target x ON x.id = l.target_id WHERE x.commitment_id = $1
         UNION ALL SELECT 'people logged', women FROM commitment_figures_log WHERE commitment_id = $1 ORDER BY 1, 2`,
        [c.id],
      );
    const before = await figures();
    expect(before.map((f: { kind: string; achieved: string }) => [f.kind, Number(f.achieved)])).toEqual([
      ['kept', 7],
      ['kept', 7],
      ['logged', 7],
      ['logged', 7],
      ['people logged', 7],
    ]);
    // The history entry is the write's last step: make it fail for acceptances, after the figures were refreshed.
    await t.ownerQuery(`CREATE FUNCTION fail_acceptance() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END $$`);
    await t.ownerQuery(`CREATE TRIGGER fail_acceptance BEFORE INSERT ON history_entry FOR EACH ROW WHEN (NEW.action = 'REPORT_ACCEPTED') EXECUTE FUNCTION fail_acceptance()`);
    try {
      const failed = await gql(t, 'mutation ($input: AcceptReportInput!) { acceptReport(input: $input) { id } }', {
        input: { id: await submittedReport(c as Commitment), version: 2 },
      }, reviewer.token);
      expect(failed.errors?.[0]?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await t.ownerQuery('DROP TRIGGER fail_acceptance ON history_entry');
      await t.ownerQuery('DROP FUNCTION fail_acceptance()');
    }
    expect(await figures()).toEqual(before);
    const { kept, computed } = await bothWays([c.id]);
    expect(kept).toEqual(computed);
  });

  /** A report of 5 made and submitted by the partner, waiting for review; its id. */
  async function submittedReport(c: Commitment): Promise<string> {
    const { createReport } = await gqlOk(t, 'mutation ($input: CreateReportInput!) { createReport(input: $input) { id version } }', {
      input: { commitmentId: c.id, activityFrom: '2024-02-01', activityUntil: '2024-02-01', values: c.targets.map((x) => ({ targetId: x.id, value: 5 })) },
    }, partner.token);
    await gqlOk(t, 'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { id } }', { input: { id: createReport.id, version: createReport.version } }, partner.token);
    return createReport.id;
  }
});
