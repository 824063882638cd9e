import { Role } from '../../src/common/auth/role.js';
import { COMMITMENT_FIELDS } from '../factories/agreement.factory.js';
import { REPORT_FIELDS } from '../factories/report.factory.js';
import { signIn } from '../utils/auth.js';
import { gqlOk, nodes } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/** DOMAIN.md, "What people will check first", through HTTP, step by step. */
describe('the scenario people check first', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('runs from the Banten MoU to an audited, accepted training report that moves the fulfilment of trainings', async () => {
    const coordinator = await signIn(t, Role.COORDINATOR, { displayName: 'Dewi Koordinator' });
    const auditor = await signIn(t, Role.AUDITOR, { displayName: 'Budi Auditor' });

    // 1. A coordinator enters the Banten MoU with its four points as commitments.
    const orgs = await gqlOk(
      t,
      `mutation {
        union: createOrganisation(input: { kind: UNION_FEDERATION, name: "Pimpinan Daerah FSP KEP SPSI Provinsi Banten", placeCode: "36" }) { id }
        komnas: createOrganisation(input: { kind: NGO, name: "Komnas Perlindungan Anak Provinsi Banten", placeCode: "36" }) { id }
      }`,
      {},
      coordinator.token,
    );
    const { createAgreement: mou } = await gqlOk(
      t,
      `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id version } }`,
      {
        input: {
          kind: 'MOU',
          reference: 'NK/001/III/2023',
          title: 'Nota Kesepahaman perlindungan anak',
          parties: [
            { organisationId: orgs.union.id, role: 'SIGNATORY' },
            { organisationId: orgs.komnas.id, role: 'SIGNATORY' },
          ],
          effectiveFrom: '2023-03-20',
          effectiveUntil: '2028-03-19',
          coveragePlaceCodes: ['36'],
          keyPoints: ['Kampanye kesadaran', 'Pelatihan anggota serikat', 'Fasilitas ramah anak di tempat kerja', 'Pendampingan dan konseling'].map((text, i) => ({ number: i + 1, text })),
        },
      },
      coordinator.token,
    );
    await gqlOk(t, 'mutation ($input: SignAgreementInput!) { signAgreement(input: $input) { status } }', { input: { id: mou.id, version: mou.version, signedOn: '2023-03-20' } }, coordinator.token);
    const categories = ['AWARENESS_CAMPAIGN', 'TRAINING', 'CHILD_FRIENDLY_FACILITY', 'COUNSELLING_SERVICE'];
    const commitments: any[] = [];
    for (const [i, category] of categories.entries()) {
      const { addCommitment } = await gqlOk(
        t,
        `mutation ($input: AddCommitmentInput!) { addCommitment(input: $input) { ${COMMITMENT_FIELDS} } }`,
        {
          input: {
            agreementId: mou.id,
            responsibleOrganisationId: i === 3 ? orgs.komnas.id : orgs.union.id,
            category,
            title: `Poin ${i + 1}`,
            keyPointNumber: i + 1,
            startOn: '2023-04-01',
            dueOn: '2027-12-31',
            placeCodes: ['36'],
            reportingSchedule: 'QUARTERLY',
            targets: [{ indicator: category === 'TRAINING' ? 'Union members trained' : 'Activities', unit: category === 'TRAINING' ? 'people' : 'activities', targetValue: 400 }],
          },
        },
        coordinator.token,
      );
      commitments.push(addCommitment);
    }
    const training = commitments[1];
    const fulfilment = async () =>
      (await gqlOk(t, `query ($id: ID!) { commitment(id: $id) { fulfilment { targets { achieved percent } } } }`, { id: training.id }, coordinator.token)).commitment.fulfilment.targets[0];
    expect(await fulfilment()).toEqual({ achieved: 0, percent: 0 });

    // 2. A union reporter submits a training report: 40 participants, 22 women and 18 men.
    const reporter = await signIn(t, Role.PARTNER, { organisationId: orgs.union.id, displayName: 'Siti Pelapor' });
    const { createReport: draft } = await gqlOk(
      t,
      `mutation ($input: CreateReportInput!) { createReport(input: $input) { ${REPORT_FIELDS} } }`,
      {
        input: {
          commitmentId: training.id,
          periodId: null,
          activityFrom: '2023-05-13',
          activityUntil: '2023-05-13',
          placeCodes: ['36.04'],
          values: [{ targetId: training.targets[0].id, value: 40 }],
          people: { women: 22, men: 18, total: 40 },
          narrative: 'Pelatihan pencegahan kekerasan terhadap anak bagi anggota serikat di Serang',
          evidence: [{ kind: 'PHOTO', title: 'Foto pelatihan', url: 'https://example.org/pelatihan.jpg' }],
          idempotencyKey: 'phone-7f3a9c21-create',
        },
      },
      reporter.token,
    );
    const submit = (id: string, version: number, key: string) =>
      gqlOk(t, `mutation ($input: SubmitReportInput!) { submitReport(input: $input) { status version } }`, { input: { id, version, idempotencyKey: key } }, reporter.token);
    expect((await submit(draft.id, 1, 'phone-7f3a9c21-submit-1')).submitReport.status).toBe('SUBMITTED');

    // 3. The coordinator sends it back: the attendance list is missing.
    const { sendBackReport } = await gqlOk(
      t,
      `mutation ($input: SendBackReportInput!) { sendBackReport(input: $input) { status reviewComment } }`,
      { input: { id: draft.id, version: 2, comment: 'The attendance list is missing' } },
      coordinator.token,
    );
    expect(sendBackReport).toEqual({ status: 'SENT_BACK', reviewComment: 'The attendance list is missing' });

    // 4. The reporter adds it and resubmits.
    const { updateReport } = await gqlOk(
      t,
      `mutation ($input: UpdateReportInput!) { updateReport(input: $input) { version evidence { kind } } }`,
      {
        input: {
          id: draft.id,
          version: 3,
          evidence: [
            { kind: 'PHOTO', title: 'Foto pelatihan', url: 'https://example.org/pelatihan.jpg' },
            { kind: 'ATTENDANCE_LIST', title: 'Daftar hadir', url: 'https://example.org/daftar-hadir.pdf', sha256: 'a'.repeat(64) },
          ],
        },
      },
      reporter.token,
    );
    expect(updateReport.evidence.map((e: any) => e.kind)).toEqual(['PHOTO', 'ATTENDANCE_LIST']);
    expect((await submit(draft.id, updateReport.version, 'phone-7f3a9c21-submit-2')).submitReport.status).toBe('SUBMITTED');

    // 5. The coordinator accepts; the fulfilment of trainings moves.
    const { acceptReport } = await gqlOk(t, `mutation ($input: AcceptReportInput!) { acceptReport(input: $input) { status reviewedBy { displayName } } }`, { input: { id: draft.id, version: updateReport.version + 1 } }, coordinator.token);
    expect(acceptReport).toEqual({ status: 'ACCEPTED', reviewedBy: { displayName: 'Dewi Koordinator' } });
    expect(await fulfilment()).toEqual({ achieved: 40, percent: 10 });
    const { fulfilmentSummary } = await gqlOk(
      t,
      `{ fulfilmentSummary(groupBy: CATEGORY) { edges { node { key commitments peopleReached { women men total } } } } }`,
      {},
      coordinator.token,
    );
    expect(nodes(fulfilmentSummary).find((g: any) => g.key === 'TRAINING')).toEqual({ key: 'TRAINING', commitments: 1, peopleReached: { women: 22, men: 18, total: 40 } });

    // 6. An auditor sees every step of it, in order, with the actors' names.
    const { auditTrail } = await gqlOk(
      t,
      `query ($id: ID!) { auditTrail(filter: { entityType: "Report", entityId: $id }, order: OLDEST_FIRST) {
         edges { node { seq action actor { name role } reason } } } }`,
      { id: draft.id },
      auditor.token,
    );
    expect(auditTrail.edges.map((e: any) => [e.node.action, e.node.actor.name, e.node.reason])).toEqual([
      ['REPORT_CREATED', 'Siti Pelapor', null],
      ['REPORT_SUBMITTED', 'Siti Pelapor', null],
      ['REPORT_SENT_BACK', 'Dewi Koordinator', 'The attendance list is missing'],
      ['REPORT_UPDATED', 'Siti Pelapor', null],
      ['REPORT_SUBMITTED', 'Siti Pelapor', null],
      ['REPORT_ACCEPTED', 'Dewi Koordinator', null],
    ]);
    const whole = await gqlOk(
      t,
      `query ($org: ID!) { auditTrail(filter: { organisationId: $org }, order: OLDEST_FIRST, first: 100) { edges { node { action actor { name } } } } }`,
      { org: orgs.union.id },
      auditor.token,
    );
    expect(whole.auditTrail.edges.map((e: any) => e.node.action)).toEqual([
      'ORGANISATION_CREATED',
      'AGREEMENT_CREATED',
      'AGREEMENT_SIGNED',
      'COMMITMENT_CREATED',
      'COMMITMENT_CREATED',
      'COMMITMENT_CREATED',
      'COMMITMENT_CREATED',
      'REPORT_CREATED',
      'REPORT_SUBMITTED',
      'REPORT_SENT_BACK',
      'REPORT_UPDATED',
      'REPORT_SUBMITTED',
      'REPORT_ACCEPTED',
    ]);
    const { verifyAuditTrail } = await gqlOk(t, '{ verifyAuditTrail { valid } }', {}, auditor.token);
    expect(verifyAuditTrail.valid).toBe(true);
  });
});
