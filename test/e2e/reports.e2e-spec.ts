import { Role } from '../../src/common/auth/role.js';
import { addDays, today } from '../../src/common/time/calendar.js';
import { addCommitment, createActiveAgreement, type TestAgreement } from '../factories/agreement.factory.js';
import { acceptReport, createReport, REPORT_FIELDS, submitReport } from '../factories/report.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gql, gqlError, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const CREATE = `mutation ($input: CreateReportInput!) { createReport(input: $input) { ${REPORT_FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateReportInput!) { updateReport(input: $input) { ${REPORT_FIELDS} } }`;
const SUBMIT = `mutation ($input: SubmitReportInput!) { submitReport(input: $input) { ${REPORT_FIELDS} } }`;
const ACCEPT = `mutation ($input: AcceptReportInput!) { acceptReport(input: $input) { ${REPORT_FIELDS} } }`;
const SEND_BACK = `mutation ($input: SendBackReportInput!) { sendBackReport(input: $input) { ${REPORT_FIELDS} } }`;

describe('progress reports', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  let partner: SignedIn;
  let agreement: TestAgreement;
  let commitment: any;
  const counts = async () => [
    Number((await t.db.query('SELECT count(*) AS n FROM progress_report'))[0].n),
    Number((await t.db.query('SELECT count(*) AS n FROM history_entry'))[0].n),
  ];
  const input = (overrides: Record<string, unknown> = {}) => ({
    commitmentId: commitment.id,
    activityFrom: '2023-05-10',
    activityUntil: '2023-05-11',
    placeCodes: ['36.04'],
    values: [{ targetId: commitment.targets[0].id, value: 40 }],
    people: { women: 22, men: 18 },
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await signIn(t, Role.COORDINATOR, { displayName: 'Dewi Koordinator' });
    reviewer = await signIn(t, Role.COORDINATOR, { displayName: 'Rina Reviewer' });
    agreement = await createActiveAgreement(t, coordinator.token);
    commitment = await addCommitment(t, coordinator.token, agreement, {
      targets: [
        { indicator: 'Union members trained', unit: 'people', targetValue: 200 },
        { indicator: 'Trainings held', unit: 'sessions', targetValue: 8 },
      ],
    });
    partner = await signIn(t, Role.PARTNER, { organisationId: agreement.partyIds[0], displayName: 'Siti Pelapor' });
  });
  afterAll(() => t.close());

  it('walks a report from draft through send-back and resubmission to acceptance, recording each step', async () => {
    const draft = await createReport(t, partner.token, commitment);
    expect(draft).toMatchObject({ status: 'DRAFT', createdBy: { displayName: 'Siti Pelapor', role: 'PARTNER' } });
    const submitted = await submitReport(t, partner.token, draft.id);
    expect(submitted).toMatchObject({ status: 'SUBMITTED', submittedBy: { displayName: 'Siti Pelapor' } });
    const noComment = await gqlError(t, SEND_BACK, { input: { id: draft.id, version: submitted.version, comment: '  ' } }, reviewer.token);
    expect(noComment.extensions.code).toBe('BAD_USER_INPUT');
    const { sendBackReport } = await gqlOk(t, SEND_BACK, { input: { id: draft.id, version: submitted.version, comment: 'Add the attendance list' } }, reviewer.token);
    expect(sendBackReport).toMatchObject({ status: 'SENT_BACK', reviewComment: 'Add the attendance list' });
    await gqlOk(t, UPDATE, { input: { id: draft.id, version: sendBackReport.version, narrative: 'With the attendance list' } }, partner.token);
    await submitReport(t, partner.token, draft.id);
    const accepted = await acceptReport(t, reviewer.token, draft.id);
    expect(accepted).toMatchObject({ status: 'ACCEPTED', reviewedBy: { displayName: 'Rina Reviewer' } });
    const actions = await t.db.query(`SELECT action FROM history_entry WHERE entity_id = $1 ORDER BY seq`, [draft.id]);
    expect(actions.map((r: any) => r.action)).toEqual([
      'REPORT_CREATED', 'REPORT_SUBMITTED', 'REPORT_SENT_BACK', 'REPORT_UPDATED', 'REPORT_SUBMITTED', 'REPORT_ACCEPTED',
    ]);
  });

  it('keeps every review round as its own record: the first send-back comment survives the second', async () => {
    const draft = await createReport(t, partner.token, commitment);
    for (const comment of ['Add the attendance list', 'The photo is of another event']) {
      const submitted = await submitReport(t, partner.token, draft.id);
      await gqlOk(t, SEND_BACK, { input: { id: draft.id, version: submitted.version, comment } }, reviewer.token);
    }
    await submitReport(t, partner.token, draft.id);
    await acceptReport(t, reviewer.token, draft.id);
    const { report } = await gqlOk(
      t,
      'query ($id: ID!) { report(id: $id) { reviewComment reviews { round decision comment submittedBy { name role } reviewer { name } submittedAt decidedAt } } }',
      { id: draft.id },
      partner.token,
    );
    expect(report.reviews.map((r: any) => [r.round, r.decision, r.comment, r.submittedBy.name, r.reviewer?.name])).toEqual([
      [1, 'SENT_BACK', 'Add the attendance list', 'Siti Pelapor', 'Rina Reviewer'],
      [2, 'SENT_BACK', 'The photo is of another event', 'Siti Pelapor', 'Rina Reviewer'],
      [3, 'ACCEPTED', null, 'Siti Pelapor', 'Rina Reviewer'],
    ]);
    expect(report.reviews.every((r: any) => r.submittedAt <= r.decidedAt)).toBe(true);
  });

  it('never changes an accepted report', async () => {
    const draft = await createReport(t, partner.token, commitment);
    await submitReport(t, partner.token, draft.id);
    const accepted = await acceptReport(t, reviewer.token, draft.id);
    for (const [query, vars] of [
      [UPDATE, { id: draft.id, version: accepted.version, narrative: 'changed' }],
      [SUBMIT, { id: draft.id, version: accepted.version }],
      [ACCEPT, { id: draft.id, version: accepted.version }],
      [SEND_BACK, { id: draft.id, version: accepted.version, comment: 'reopen it' }],
    ] as const) {
      const err = await gqlError(t, query, { input: vars }, reviewer.token);
      expect(err.extensions.code).toBe('CONFLICT');
    }
  });

  it('does not let a reviewer accept a report they submitted themselves', async () => {
    const draft = await createReport(t, coordinator.token, commitment);
    const submitted = await submitReport(t, coordinator.token, draft.id);
    const err = await gqlError(t, ACCEPT, { input: { id: draft.id, version: submitted.version } }, coordinator.token);
    expect(err.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_REVIEW' });
    const ok = await acceptReport(t, reviewer.token, draft.id);
    expect(ok.createdBy).toEqual({ displayName: 'Dewi Koordinator', role: 'COORDINATOR' });
  });

  it('does not let whoever created the submitter’s account, or last reset its password, review its reports', async () => {
    const USER = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id version } }';
    const email = `pelapor-${Date.now()}@example.org`;
    const password = 'Serikat pekerja Banten melapor 2023';
    await gqlOk(t, USER, { input: { email, displayName: 'Pelapor Baru', role: 'PARTNER', organisationId: agreement.partyIds[0], password } }, coordinator.token);
    const login = await gqlOk(t, 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email, password } });
    const made = login.login.accessToken as string;
    const draft = await createReport(t, made, commitment);
    const submitted = await submitReport(t, made, draft.id);
    const byCreator = await gqlError(t, ACCEPT, { input: { id: draft.id, version: submitted.version } }, coordinator.token);
    expect(byCreator.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_REVIEW' });
    expect((await acceptReport(t, reviewer.token, draft.id)).status).toBe('ACCEPTED');
  });

  it('refuses a PARTNER without an organisation in the database itself', async () => {
    await expect(
      t.db.query(`INSERT INTO user_account (email, display_name, role, password_hash, version) VALUES ('x@example.org', 'X', 'PARTNER', 'x', 1)`),
    ).rejects.toThrow(/ck_user_partner_organisation/);
  });

  it('lets partners report only for their own organisation’s commitments, and never see others’ drafts', async () => {
    const other = await signIn(t, Role.PARTNER, { organisationId: agreement.partyIds[1] });
    const err = await gqlError(t, CREATE, { input: input() }, other.token);
    expect(err.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_COMMITMENT' });
    const draft = await createReport(t, partner.token, commitment);
    expect((await gqlError(t, 'query ($id: ID!) { report(id: $id) { id } }', { id: draft.id }, other.token)).extensions.code).toBe('NOT_FOUND');
    const list = await gqlOk(t, '{ reports(first: 100) { totalCount } }', {}, other.token);
    expect(list.reports.totalCount).toBe(0);
    const upd = await gqlError(t, UPDATE, { input: { id: draft.id, version: 1, narrative: 'mine now' } }, other.token);
    expect(upd.extensions.code).toBe('NOT_FOUND');
    const reviewByPartner = await gqlError(t, ACCEPT, { input: { id: draft.id, version: draft.version } }, partner.token);
    expect(reviewByPartner.extensions.code).toBe('FORBIDDEN');
  });

  describe('refuses bad input naming the field, and saves nothing', () => {
    const refuses = async (overrides: Record<string, unknown>, reason: string, field: string) => {
      const before = await counts();
      const err = await gqlError(t, CREATE, { input: input(overrides) }, partner.token);
      expect(err.extensions.code).toBe('BAD_USER_INPUT');
      expect(err.extensions.reason).toBe(reason);
      expect(err.extensions.fields[0].path).toBe(field);
      expect(await counts()).toEqual(before);
      return err;
    };
    it('a negative value', () => refuses({ values: [{ targetId: commitment.targets[0].id, value: -1 }] }, 'INVALID_INPUT', 'input.values.0.value'));
    it('a non-numeric value', async () => {
      const res = await gql(t, CREATE, { input: input({ values: [{ targetId: commitment.targets[0].id, value: 'forty' }] }) }, partner.token);
      expect(res.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    });
    it('a value for a target of another commitment', async () => {
      const other = await addCommitment(t, coordinator.token, agreement);
      await refuses({ values: [{ targetId: other.targets[0].id, value: 1 }] }, 'UNKNOWN_TARGET', 'input.values.0.targetId');
    });
    it('activity dates in the future', () => refuses({ activityUntil: addDays(today(), 1) }, 'ACTIVITY_IN_FUTURE', 'input.activityUntil'));
    it('activity dates before the agreement took effect', () => refuses({ activityFrom: '2023-01-01' }, 'ACTIVITY_OUTSIDE_AGREEMENT', 'input.activityFrom'));
    it('activity dates out of order', () => refuses({ activityFrom: '2023-05-12' }, 'ACTIVITY_DATES_OUT_OF_ORDER', 'input.activityUntil'));
    it('a total that disagrees with the parts (168 + 1,005 is not 1,131)', async () => {
      const err = await refuses({ people: { boys: 168, girls: 1005, total: 1131 } }, 'PEOPLE_TOTAL_MISMATCH', 'input.people.total');
      expect(err.message).toContain('1.173, bukan 1.131');
    });
    it('more people with a disability than in their group', () => refuses({ people: { women: 2, womenWithDisability: 3 } }, 'DISABILITY_EXCEEDS_GROUP', 'input.people.womenWithDisability'));
    it('a malformed evidence URL', () => refuses({ evidence: [{ kind: 'PHOTO', title: 'Foto', url: 'not a url' }] }, 'INVALID_INPUT', 'input.evidence.0.url'));
    it('a malformed checksum', () => refuses({ evidence: [{ kind: 'DOCUMENT', title: 'Daftar hadir', url: 'https://example.org/a.pdf', sha256: 'abc' }] }, 'INVALID_INPUT', 'input.evidence.0.sha256'));
    it('a place outside the commitment’s places', () => refuses({ placeCodes: ['33.75'] }, 'PLACE_OUTSIDE_COMMITMENT', 'input.placeCodes.0'));
    it('a period of another commitment', async () => {
      const other = await addCommitment(t, coordinator.token, agreement);
      await refuses({ periodId: other.periods[0].id }, 'UNKNOWN_PERIOD', 'input.periodId');
    });
    it('a cancelled commitment', async () => {
      const c = await addCommitment(t, coordinator.token, agreement);
      await gqlOk(t, 'mutation ($input: CancelCommitmentInput!) { cancelCommitment(input: $input) { id } }', { input: { id: c.id, version: c.version, reason: 'Dropped' } }, coordinator.token);
      await refuses({ commitmentId: c.id, values: [{ targetId: c.targets[0].id, value: 1 }] }, 'COMMITMENT_CANCELLED', 'input.commitmentId');
    });
    it('an agreement that is not ACTIVE', async () => {
      const a = await createActiveAgreement(t, coordinator.token);
      const c = await addCommitment(t, coordinator.token, a);
      await gqlOk(t, 'mutation ($input: TerminateAgreementInput!) { terminateAgreement(input: $input) { id } }', { input: { id: a.id, version: a.version, reason: 'Ended early' } }, coordinator.token);
      const own = await signIn(t, Role.PARTNER, { organisationId: a.partyIds[0] });
      const before = await counts();
      const err = await gqlError(t, CREATE, { input: input({ commitmentId: c.id, values: [{ targetId: c.targets[0].id, value: 1 }] }) }, own.token);
      expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AGREEMENT_NOT_ACTIVE' });
      expect(await counts()).toEqual(before);
    });
  });

  it('makes one report of 20 identical createReport retries, with 20 identical answers', async () => {
    const before = await counts();
    const body = { input: input({ idempotencyKey: 'phone-retry-create-0001' }) };
    const answers = await Promise.all(Array.from({ length: 20 }, () => gql(t, CREATE, body, partner.token)));
    expect(answers.every((a) => !a.errors)).toBe(true);
    expect(new Set(answers.map((a) => JSON.stringify(a.data))).size).toBe(1);
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('submits once for 20 identical submitReport retries: one transition, one history entry, 20 identical answers', async () => {
    const draft = await createReport(t, partner.token, commitment);
    const before = await counts();
    const body = { input: { id: draft.id, version: draft.version, idempotencyKey: 'phone-retry-submit-0001' } };
    const answers = await Promise.all(Array.from({ length: 20 }, () => gql(t, SUBMIT, body, partner.token)));
    expect(answers.every((a) => !a.errors)).toBe(true);
    expect(new Set(answers.map((a) => JSON.stringify(a.data))).size).toBe(1);
    expect(answers[0]!.data!.submitReport.status).toBe('SUBMITTED');
    expect(await counts()).toEqual([before[0], before[1]! + 1]);
  });

  it('refuses the same idempotency key with different content', async () => {
    await gqlOk(t, CREATE, { input: input({ idempotencyKey: 'phone-retry-create-0002' }) }, partner.token);
    const err = await gqlError(t, CREATE, { input: input({ idempotencyKey: 'phone-retry-create-0002', narrative: 'different' }) }, partner.token);
    expect(err.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('accepts a correction only of an accepted report of the same commitment', async () => {
    const draft = await createReport(t, partner.token, commitment);
    const err = await gqlError(t, CREATE, { input: input({ correctsId: draft.id }) }, partner.token);
    expect(err.extensions.reason).toBe('INVALID_CORRECTION');
  });
});
