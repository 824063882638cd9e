import { isDeepStrictEqual } from 'node:util';
import { randomBytes } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInputObjectType,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { Role } from '../../src/common/auth/role.js';
import { addCommitment, createActiveAgreement, createAgreement } from '../factories/agreement.factory.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { createReport } from '../factories/report.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gql, gqlError, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/**
 * "Edits change only what was sent": for every update… mutation, each input field is sent on its own with a new
 * value; the record read back shows that field changed and every other field and relation exactly as before.
 */

type Rec = Record<string, any>;

/** One input field of an update… mutation, sent on its own. */
interface FieldCase {
  field: string;
  /** The new value sent. */
  value: unknown;
  /** What a client sees of the field on the record read back. */
  shows: (r: Rec) => unknown;
  /** What `shows` must give after the edit (default: the value sent). */
  expected?: unknown;
  /** Fields of the record that follow from this one (the relation it names, periods that follow from dates). */
  follows?: string[];
}

/** Change on every edit, whatever was sent. */
const ALWAYS_CHANGING = ['version', 'updatedAt'];

/** Everything a client can see of each record, with its relations. */
const ORGANISATION = `id kind name shortName parentId parent { id } placeCode place { code } address contacts { name role email phone }
  status archivedAt createdAt updatedAt version members { id } networks { id }`;
const AGREEMENT = `id kind reference title summary thematicAreas status signedOn effectiveFrom effectiveUntil coveragePlaceCodes
  coveragePlaces { code } renewsId renews { id } renewedBy { id } terminatedAt terminationReason createdAt updatedAt version
  parties { id role signatoryName signatoryTitle organisationId organisation { id } } keyPoints { number text }
  documents { id title url sha256 uploadedAt uploadedById } amendments { id } commitments { id }`;
const COMMITMENT = `id agreementId agreement { id } category title description keyPointNumber startOn dueOn placeCodes places { code }
  reportingSchedule responsibleOrganisationId responsibleOrganisation { id } status cancelledAt cancellationReason createdAt version
  targets { id position indicator unit baseline targetValue aggregation } periods { id number startsOn endsOn dueOn }`;
const REPORT = `id commitmentId commitment { id } organisationId organisation { id } status activityFrom activityUntil placeCodes
  places { code } narrative periodId period { id } correctsId corrects { id } reviewComment createdAt updatedAt version
  createdBy { id } submittedBy { id } submittedAt reviewedBy { id } reviewedAt acceptedAt values { targetId value }
  people { girls boys women men girlsWithDisability boysWithDisability womenWithDisability menWithDisability withDisability total statedTotal }
  evidence { kind title url sha256 }`;
const USER = 'id email displayName role organisationId organisation { id } deactivatedAt createdAt version';

const STRONG = 'Lima kambing makan rumput 2023';
const SHA = (c: string) => c.repeat(64);
const hex = () => randomBytes(3).toString('hex');

const omit = (r: Rec, keys: string[]) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));
const withoutKeys = (keys: string[]) => (r: Rec) => omit(r, keys);

describe('edits change only what was sent', () => {
  let t: TestApp;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, Role.ADMIN);
    coordinator = await signIn(t, Role.COORDINATOR);
    schema = buildClientSchema(await gqlOk<IntrospectionQuery>(t, getIntrospectionQuery(), {}, admin.token));
  });
  afterAll(() => t.close());

  const updateMutations = () => Object.values(schema.getMutationType()!.getFields()).filter((m) => m.name.startsWith('update'));
  const inputOf = (mutation: string): GraphQLInputObjectType => {
    const m = schema.getMutationType()!.getFields()[mutation];
    if (!m) throw new Error(`The schema has no mutation ${mutation}`);
    const type = getNamedType(m.args.find((a) => a.name === 'input')!.type);
    if (!isInputObjectType(type)) throw new Error(`${mutation} takes no input object`);
    return type;
  };
  /** The fields an update… mutation's input has besides id and version. */
  const changeableFields = (mutation: string) =>
    Object.keys(inputOf(mutation).getFields())
      .filter((f) => f !== 'id' && f !== 'version')
      .sort();

  /** The update… mutations the table below covers, with the fields each covers (checked against the schema). */
  const COVERED: Record<string, string[]> = {
    updateOrganisation: ['address', 'contacts', 'kind', 'name', 'parentId', 'placeCode', 'shortName'],
    updateAgreement: [
      'coveragePlaceCodes', 'documents', 'effectiveFrom', 'effectiveUntil', 'keyPoints', 'kind',
      'parties', 'reference', 'signedOn', 'summary', 'thematicAreas', 'title',
    ],
    updateCommitment: [
      'category', 'description', 'dueDates', 'dueOn', 'keyPointNumber', 'placeCodes',
      'reportingSchedule', 'responsibleOrganisationId', 'startOn', 'targets', 'title',
    ],
    updateReport: ['activityFrom', 'activityUntil', 'evidence', 'narrative', 'people', 'placeCodes', 'values'],
    updateUser: ['displayName', 'email', 'organisationId', 'role'],
  };

  const expectCovered = (mutation: string, cases: FieldCase[]) =>
    expect({ mutation, fields: cases.map((c) => c.field).sort() }).toEqual({ mutation, fields: changeableFields(mutation) });

  /**
   * Sends each case on its own (id, the current version and that one field), then reads the record back: the field
   * shows the new value, and everything else is as it was.
   */
  async function editOneByOne(mutation: string, read: () => Promise<Rec>, cases: FieldCase[], token: string) {
    const update = `mutation ($input: ${inputOf(mutation).name}!) { ${mutation}(input: $input) { id version } }`;
    for (const c of cases) {
      const { field } = c;
      const expected = c.expected ?? c.value;
      const before = await read();
      expect({ mutation, field, newValue: !isDeepStrictEqual(c.shows(before), expected) }).toEqual({ mutation, field, newValue: true });

      const res = await gql(t, update, { input: { id: before.id, version: before.version, [field]: c.value } }, token);
      expect({ mutation, field, errors: res.errors ?? [] }).toEqual({ mutation, field, errors: [] });

      const after = await read();
      expect({ mutation, field, sent: c.shows(after) }).toEqual({ mutation, field, sent: expected });
      expect({ mutation, field, version: after.version }).toEqual({ mutation, field, version: before.version + 1 });
      const skip = [...ALWAYS_CHANGING, field, ...(c.follows ?? [])];
      const alsoChanged = Object.keys({ ...before, ...after }).filter((k) => !skip.includes(k) && !isDeepStrictEqual(before[k], after[k]));
      expect({ mutation, field, alsoChanged }).toEqual({ mutation, field, alsoChanged: [] });
      expect({ mutation, field, others: omit(after, skip) }).toEqual({ mutation, field, others: omit(before, skip) });
    }
  }

  it('has a case for every update… mutation in the schema and every field of its input', () => {
    const found = updateMutations().map((m) => m.name).sort();
    expect(found).toEqual(Object.keys(COVERED).sort());
    for (const mutation of found) {
      expect({ mutation, fields: changeableFields(mutation) }).toEqual({ mutation, fields: [...COVERED[mutation]!].sort() });
    }
  });

  it('updateOrganisation changes only the field sent', async () => {
    const [parent, otherParent] = [
      await createOrganisation(t, coordinator.token, { kind: 'NGO', name: `Yayasan Induk ${hex()}` }),
      await createOrganisation(t, coordinator.token, { kind: 'NGO', name: `Yayasan Induk Lain ${hex()}` }),
    ];
    const org = await createOrganisation(t, coordinator.token, {
      kind: 'NGO',
      name: `Yayasan Uji Banten ${hex()}`,
      shortName: 'YUB',
      parentId: parent!.id,
      placeCode: '36',
      address: 'Jl. Ahmad Yani No. 1, Serang',
      contacts: [
        { name: 'Siti Rahma', role: 'Ketua', email: 'siti@example.org', phone: '+62 254 123456' },
        { name: 'Budi Santoso', role: 'Sekretaris', email: 'budi@example.org', phone: '0254-654321' },
      ],
    });
    const read = async () => (await gqlOk(t, `query ($id: ID!) { organisation(id: $id) { ${ORGANISATION} } }`, { id: org.id }, coordinator.token)).organisation;
    const cases: FieldCase[] = [
      { field: 'kind', value: 'COMMUNITY_GROUP', shows: (r) => r.kind },
      { field: 'name', value: `Lembaga Perlindungan Anak ${hex()}`, shows: (r) => r.name },
      { field: 'shortName', value: 'LPA', shows: (r) => r.shortName },
      { field: 'parentId', value: otherParent!.id, shows: (r) => [r.parentId, r.parent?.id], expected: [otherParent!.id, otherParent!.id], follows: ['parent'] },
      { field: 'placeCode', value: '36.73', shows: (r) => [r.placeCode, r.place?.code], expected: ['36.73', '36.73'], follows: ['place'] },
      { field: 'address', value: 'Jl. Veteran No. 9, Kota Serang', shows: (r) => r.address },
      {
        field: 'contacts',
        value: [{ name: 'Dewi Lestari', role: 'Bendahara', email: 'dewi@example.org', phone: '+62 812 3456 7890' }],
        shows: (r) => r.contacts,
      },
    ];
    expectCovered('updateOrganisation', cases);
    await editOneByOne('updateOrganisation', read, cases, coordinator.token);
  });

  it('updateAgreement changes only the field sent', async () => {
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map((i) => createOrganisation(t, coordinator.token, { name: `Pihak ${i} ${hex()}` })));
    const draft = await createAgreement(t, coordinator.token, {
      kind: 'MOU',
      reference: `NK/${hex()}/2023`,
      title: 'Nota Kesepahaman perlindungan anak di Banten',
      summary: 'Kerja sama pencegahan kekerasan terhadap anak',
      thematicAreas: ['CHILD_PROTECTION', 'CHILD_LABOUR'],
      signedOn: '2023-03-15',
      effectiveFrom: '2023-03-20',
      effectiveUntil: '2028-03-19',
      coveragePlaceCodes: ['36', '33.75'],
      parties: [
        { organisationId: a!.id, role: 'SIGNATORY', signatoryName: 'Ahmad', signatoryTitle: 'Ketua' },
        { organisationId: b!.id, role: 'SIGNATORY', signatoryName: 'Bambang', signatoryTitle: 'Kepala Dinas' },
        { organisationId: c!.id, role: 'WITNESS', signatoryName: 'Citra', signatoryTitle: 'Direktur' },
      ],
      keyPoints: [
        { number: 1, text: 'Sosialisasi perlindungan anak' },
        { number: 2, text: 'Pelatihan pencegahan kekerasan terhadap anak' },
      ],
      documents: [
        { title: 'Naskah MoU', url: 'https://example.org/mou.pdf', sha256: SHA('a') },
        { title: 'Lampiran', url: 'https://example.org/lampiran.pdf', sha256: SHA('b') },
      ],
    });
    const read = async () => (await gqlOk(t, `query ($id: ID!) { agreement(id: $id) { ${AGREEMENT} } }`, { id: draft.id }, coordinator.token)).agreement;
    const parties = [
      { organisationId: b!.id, role: 'SIGNATORY', signatoryName: 'Bayu', signatoryTitle: 'Sekretaris Daerah' },
      { organisationId: d!.id, role: 'SIGNATORY', signatoryName: 'Dian', signatoryTitle: 'Ketua Umum' },
      { organisationId: a!.id, role: 'FUNDER', signatoryName: 'Agus', signatoryTitle: 'Bendahara' },
    ];
    const cases: FieldCase[] = [
      { field: 'kind', value: 'COOPERATION_AGREEMENT', shows: (r) => r.kind },
      { field: 'reference', value: `PKS/${hex()}/2024`, shows: (r) => r.reference },
      { field: 'title', value: 'Perjanjian kerja sama kota layak anak', shows: (r) => r.title },
      { field: 'summary', value: 'Ringkasan yang baru', shows: (r) => r.summary },
      { field: 'thematicAreas', value: ['VIOLENCE_AGAINST_CHILDREN'], shows: (r) => r.thematicAreas },
      { field: 'signedOn', value: '2023-03-18', shows: (r) => r.signedOn },
      { field: 'effectiveFrom', value: '2023-04-01', shows: (r) => r.effectiveFrom },
      { field: 'effectiveUntil', value: '2027-12-31', shows: (r) => r.effectiveUntil },
      {
        field: 'coveragePlaceCodes',
        value: ['36.73', '33'],
        shows: (r) => [r.coveragePlaceCodes, r.coveragePlaces.map((p: Rec) => p.code).sort()],
        expected: [['36.73', '33'], ['33', '36.73']],
        follows: ['coveragePlaces'],
      },
      {
        field: 'parties',
        value: parties,
        shows: (r) => r.parties.map((p: Rec) => ({ organisationId: p.organisation.id, role: p.role, signatoryName: p.signatoryName, signatoryTitle: p.signatoryTitle })),
      },
      {
        field: 'keyPoints',
        value: [
          { number: 1, text: 'Pendataan anak yang bekerja' },
          { number: 2, text: 'Rumah aman bagi korban' },
          { number: 3, text: 'Forum anak di setiap kecamatan' },
        ],
        shows: (r) => r.keyPoints,
      },
      {
        field: 'documents',
        value: [{ title: 'Naskah yang ditandatangani', url: 'https://example.org/ttd.pdf', sha256: SHA('c') }],
        shows: (r) => r.documents.map(({ title, url, sha256 }: Rec) => ({ title, url, sha256 })),
      },
    ];
    expectCovered('updateAgreement', cases);
    await editOneByOne('updateAgreement', read, cases, coordinator.token);
  });

  it('updateCommitment changes only the field sent', async () => {
    const agreement = await createAgreement(t, coordinator.token, { coveragePlaceCodes: ['36', '33.75'] });
    const filled = {
      responsibleOrganisationId: agreement.partyIds[0],
      category: 'TRAINING',
      title: 'Pelatihan anggota serikat',
      description: 'Pelatihan pencegahan kekerasan terhadap anak bagi anggota serikat',
      keyPointNumber: 2,
      startOn: '2023-04-01',
      dueOn: '2024-03-31',
      placeCodes: ['36.73'],
      targets: [
        { indicator: 'Union members trained', unit: 'people', baseline: 10, targetValue: 200, aggregation: 'SUM' },
        { indicator: 'Trainings held', unit: 'sessions', baseline: 0, targetValue: 8, aggregation: 'LATEST' },
      ],
    };
    const quarterly = await addCommitment(t, coordinator.token, agreement, { ...filled, reportingSchedule: 'QUARTERLY' });
    // Due dates only mean something on a CUSTOM schedule: they are sent to a commitment that has one.
    const custom = await addCommitment(t, coordinator.token, agreement, { ...filled, reportingSchedule: 'CUSTOM', dueDates: ['2023-09-30', '2024-03-31'] });
    const reader = (id: string) => async () => (await gqlOk(t, `query ($id: ID!) { commitment(id: $id) { ${COMMITMENT} } }`, { id }, coordinator.token)).commitment;
    const targets = (r: Rec) => r.targets.map(({ indicator, unit, baseline, targetValue, aggregation }: Rec) => ({ indicator, unit, baseline, targetValue, aggregation }));
    // The periods follow from the dates and the schedule.
    const cases: FieldCase[] = [
      { field: 'title', value: 'Pelatihan pengurus serikat', shows: (r) => r.title },
      { field: 'description', value: 'Uraian yang baru', shows: (r) => r.description },
      { field: 'category', value: 'AWARENESS_CAMPAIGN', shows: (r) => r.category },
      { field: 'keyPointNumber', value: 1, shows: (r) => r.keyPointNumber },
      {
        field: 'placeCodes',
        value: ['33.75', '36.04'],
        shows: (r) => [r.placeCodes, r.places.map((p: Rec) => p.code).sort()],
        expected: [['33.75', '36.04'], ['33.75', '36.04']],
        follows: ['places'],
      },
      {
        field: 'responsibleOrganisationId',
        value: agreement.partyIds[1],
        shows: (r) => [r.responsibleOrganisationId, r.responsibleOrganisation.id],
        expected: [agreement.partyIds[1], agreement.partyIds[1]],
        follows: ['responsibleOrganisation'],
      },
      { field: 'startOn', value: '2023-05-01', shows: (r) => r.startOn, follows: ['periods'] },
      { field: 'dueOn', value: '2024-06-30', shows: (r) => r.dueOn, follows: ['periods'] },
      { field: 'reportingSchedule', value: 'SEMI_ANNUAL', shows: (r) => r.reportingSchedule, follows: ['periods'] },
      {
        field: 'targets',
        value: [
          { indicator: 'Anak terjangkau', unit: 'children', baseline: 0, targetValue: 500, aggregation: 'SUM' },
          { indicator: 'Sesi sosialisasi', unit: 'sessions', baseline: 2, targetValue: 12, aggregation: 'LATEST' },
        ],
        shows: targets,
      },
    ];
    const dueDates: FieldCase = {
      field: 'dueDates',
      value: ['2023-06-30', '2023-12-31', '2024-03-31'],
      shows: (r) => r.periods.map((p: Rec) => p.dueOn),
      follows: ['periods'],
    };
    expectCovered('updateCommitment', [...cases, dueDates]);
    await editOneByOne('updateCommitment', reader(quarterly.id), cases, coordinator.token);
    await editOneByOne('updateCommitment', reader(custom.id), [dueDates], coordinator.token);
  });

  it('updateReport changes only the field sent', async () => {
    const agreement = await createActiveAgreement(t, coordinator.token, { coveragePlaceCodes: ['36', '33'] });
    const commitment = await addCommitment(t, coordinator.token, agreement, {
      description: 'Pelatihan bagi anggota serikat',
      placeCodes: ['36', '33.75'],
      reportingSchedule: 'QUARTERLY',
      targets: [
        { indicator: 'Union members trained', unit: 'people', targetValue: 200 },
        { indicator: 'Trainings held', unit: 'sessions', targetValue: 8, aggregation: 'LATEST' },
      ],
    });
    const [first, second] = commitment.targets.map((x: Rec) => x.id as string);
    const report = await createReport(t, coordinator.token, commitment, {
      periodId: commitment.periods[0].id,
      activityFrom: '2023-05-10',
      activityUntil: '2023-05-11',
      placeCodes: ['36.73'],
      values: [
        { targetId: first, value: 10 },
        { targetId: second, value: 1 },
      ],
      people: { girls: 3, boys: 2, women: 6, men: 4, girlsWithDisability: 1, boysWithDisability: 1, womenWithDisability: 1, menWithDisability: 0, total: 15 },
      narrative: 'Pelatihan di Serang',
      evidence: [
        { kind: 'PHOTO', title: 'Foto kegiatan', url: 'https://example.org/foto.jpg', sha256: SHA('d') },
        { kind: 'ATTENDANCE_LIST', title: 'Daftar hadir', url: 'https://example.org/hadir.pdf', sha256: SHA('e') },
      ],
    });
    // Values carry no order of their own: they are compared by target.
    const byTarget = (values: Rec[]) => [...values].sort((x, y) => x.targetId.localeCompare(y.targetId));
    const read = async () => {
      const r = (await gqlOk(t, `query ($id: ID!) { report(id: $id) { ${REPORT} } }`, { id: report.id }, coordinator.token)).report;
      return { ...r, values: byTarget(r.values) };
    };
    const people = { girls: 10, boys: 8, women: 5, men: 7, girlsWithDisability: 2, boysWithDisability: 0, womenWithDisability: 1, menWithDisability: 3, total: 30 };
    const newValues = [
      { targetId: first, value: 25 },
      { targetId: second, value: 3 },
    ];
    const cases: FieldCase[] = [
      { field: 'activityFrom', value: '2023-05-01', shows: (r) => r.activityFrom },
      { field: 'activityUntil', value: '2023-05-20', shows: (r) => r.activityUntil },
      {
        field: 'placeCodes',
        value: ['33.75', '36.04'],
        shows: (r) => [r.placeCodes, r.places.map((p: Rec) => p.code).sort()],
        expected: [['33.75', '36.04'], ['33.75', '36.04']],
        follows: ['places'],
      },
      { field: 'values', value: newValues, shows: (r) => r.values, expected: byTarget(newValues) },
      {
        // The people group is one field: sent, it replaces all the groups (and the stated total).
        field: 'people',
        value: people,
        shows: (r) => r.people,
        expected: { ...withoutKeys(['total'])(people), withDisability: 6, total: 30, statedTotal: 30 },
      },
      { field: 'narrative', value: 'Pelatihan di Serang dan Pekalongan', shows: (r) => r.narrative },
      {
        field: 'evidence',
        value: [{ kind: 'DOCUMENT', title: 'Laporan kegiatan', url: 'https://example.org/laporan.pdf', sha256: SHA('f') }],
        shows: (r) => r.evidence,
      },
    ];
    expectCovered('updateReport', cases);
    await editOneByOne('updateReport', read, cases, coordinator.token);
  });

  it('updateUser changes only the field sent', async () => {
    const [org, otherOrg] = await Promise.all([createOrganisation(t, admin.token), createOrganisation(t, admin.token)]);
    const { createUser: user } = await gqlOk(
      t,
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email: `pelapor-${hex()}@example.org`, displayName: 'Siti Rahma', role: 'PARTNER', organisationId: org!.id, password: STRONG } },
      admin.token,
    );
    const read = async () => (await gqlOk(t, `query ($id: ID!) { user(id: $id) { ${USER} } }`, { id: user.id }, admin.token)).user;
    const cases: FieldCase[] = [
      { field: 'email', value: `pelapor-baru-${hex()}@example.org`, shows: (r) => r.email },
      { field: 'displayName', value: 'Siti Rahmawati', shows: (r) => r.displayName },
      {
        field: 'organisationId',
        value: otherOrg!.id,
        shows: (r) => [r.organisationId, r.organisation?.id],
        expected: [otherOrg!.id, otherOrg!.id],
        follows: ['organisation'],
      },
      { field: 'role', value: 'COORDINATOR', shows: (r) => r.role },
    ];
    expectCovered('updateUser', cases);
    await editOneByOne('updateUser', read, cases, admin.token);
  });

  it('on a commitment with a report, edits the text and places but refuses to change its dates, schedule or targets', async () => {
    const agreement = await createActiveAgreement(t, coordinator.token, { coveragePlaceCodes: ['36', '33'] });
    const commitment = await addCommitment(t, coordinator.token, agreement, {
      description: 'Pelatihan bagi anggota serikat',
      placeCodes: ['36'],
      reportingSchedule: 'QUARTERLY',
      targets: [
        { indicator: 'Union members trained', unit: 'people', targetValue: 200 },
        { indicator: 'Trainings held', unit: 'sessions', targetValue: 8, aggregation: 'LATEST' },
      ],
    });
    await createReport(t, coordinator.token, commitment, { placeCodes: ['36.73'] });
    const read = async () => (await gqlOk(t, `query ($id: ID!) { commitment(id: $id) { ${COMMITMENT} } }`, { id: commitment.id }, coordinator.token)).commitment;
    const mutation = 'updateCommitment';
    const UPDATE = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { id version } }`;

    await editOneByOne(mutation, read, [
      { field: 'title', value: 'Pelatihan pengurus serikat', shows: (r) => r.title },
      { field: 'description', value: 'Uraian yang baru', shows: (r) => r.description },
      {
        field: 'placeCodes',
        value: ['36', '33.75'],
        shows: (r) => [r.placeCodes, r.places.map((p: Rec) => p.code).sort()],
        expected: [['36', '33.75'], ['33.75', '36']],
        follows: ['places'],
      },
    ], coordinator.token);

    const refused: [string, unknown][] = [
      ['dueOn', '2024-06-30'],
      ['reportingSchedule', 'MONTHLY'],
      ['targets', [{ indicator: 'Anak terjangkau', unit: 'children', targetValue: 500 }]],
    ];
    for (const [field, value] of refused) {
      const before = await read();
      const err = await gqlError(t, UPDATE, { input: { id: before.id, version: before.version, [field]: value } }, coordinator.token);
      expect({ mutation, field, code: err.extensions.code, reason: err.extensions.reason }).toEqual({
        mutation,
        field,
        code: 'CONFLICT',
        reason: 'COMMITMENT_HAS_REPORTS',
      });
      expect({ mutation, field, record: await read() }).toEqual({ mutation, field, record: before });
    }

    // The due date it already has is no change of the dates: not refused, and nothing else moves.
    const before = await read();
    const res = await gql(t, UPDATE, { input: { id: before.id, version: before.version, dueOn: before.dueOn } }, coordinator.token);
    expect({ mutation, field: 'dueOn (unchanged)', errors: res.errors ?? [] }).toEqual({ mutation, field: 'dueOn (unchanged)', errors: [] });
    const after = await read();
    expect({ mutation, field: 'dueOn (unchanged)', record: omit(after, ALWAYS_CHANGING) }).toEqual({
      mutation,
      field: 'dueOn (unchanged)',
      record: omit(before, ALWAYS_CHANGING),
    });
  });

  it('gives no top-level field of an update… input a default value (a default would overwrite what was not sent)', () => {
    const mutations = updateMutations();
    expect(mutations.length).toBeGreaterThanOrEqual(5);
    for (const m of mutations) {
      const input = inputOf(m.name);
      const withDefault = Object.values(input.getFields())
        .filter((f) => f.defaultValue !== undefined)
        .map((f) => `${f.name} = ${JSON.stringify(f.defaultValue)}`);
      expect({ mutation: m.name, input: input.name, withDefault }).toEqual({ mutation: m.name, input: input.name, withDefault: [] });
    }
  });
});
