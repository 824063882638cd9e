import { Role } from '../../src/common/auth/role.js';
import { addDays, today } from '../../src/common/time/calendar.js';
import { SqlCounter } from '../../src/common/database/sql-counter.js';
import { addCommitment, AGREEMENT_FIELDS, createActiveAgreement, createAgreement } from '../factories/agreement.factory.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gql, gqlError, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const CREATE = `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateAgreementInput!) { updateAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`;
const SIGN = `mutation ($input: SignAgreementInput!) { signAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`;
const TERMINATE = `mutation ($input: TerminateAgreementInput!) { terminateAgreement(input: $input) { ${AGREEMENT_FIELDS} terminatedAt terminationReason } }`;
const AMEND = `mutation ($input: AmendAgreementInput!) { amendAgreement(input: $input) { ${AGREEMENT_FIELDS} amendments { number reason changes { field before after } } } }`;
const RENEW = `mutation ($input: RenewAgreementInput!) { renewAgreement(input: $input) { ${AGREEMENT_FIELDS} renews { id } commitments { title dueOn } } }`;
const LIST = `query ($filter: AgreementFilter, $first: Int) { agreements(filter: $filter, first: $first) { totalCount edges { node { id reference status } } } }`;
const ADD_COMMITMENT = 'mutation ($input: AddCommitmentInput!) { addCommitment(input: $input) { id } }';

describe('agreements', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  const count = async (table: string) => Number((await t.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const nothingWritten = async (run: () => Promise<unknown>) => {
    const before = [await count('agreement'), await count('agreement_party'), await count('history_entry')];
    await run();
    expect([await count('agreement'), await count('agreement_party'), await count('history_entry')]).toEqual(before);
  };
  const parties = async () =>
    (await Promise.all([createOrganisation(t, coordinator.token), createOrganisation(t, coordinator.token)])).map((o) => ({
      organisationId: o.id,
      role: 'SIGNATORY',
    }));

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await signIn(t, Role.COORDINATOR);
  });
  afterAll(() => t.close());

  it('records a DRAFT with its parties, points and coverage, and writes its history with every party', async () => {
    const union = await createOrganisation(t, coordinator.token, { kind: 'UNION_FEDERATION', name: 'PD FSP KEP SPSI Provinsi Banten' });
    const komnas = await createOrganisation(t, coordinator.token, { name: 'Komnas Perlindungan Anak Provinsi Banten' });
    const { createAgreement: a } = await gqlOk(
      t,
      CREATE,
      {
        input: {
          kind: 'MOU',
          reference: 'NK/001/PD-KEP-SPSI/III/2023',
          title: 'Nota Kesepahaman tentang perlindungan anak',
          thematicAreas: ['CHILD_PROTECTION', 'VIOLENCE_AGAINST_CHILDREN'],
          parties: [
            { organisationId: union.id, role: 'SIGNATORY', signatoryName: 'Ketua PD', signatoryTitle: 'Ketua' },
            { organisationId: komnas.id, role: 'SIGNATORY', signatoryName: 'Ketua Komnas PA', signatoryTitle: 'Ketua' },
          ],
          signedOn: '2023-03-20',
          effectiveFrom: '2023-03-20',
          coveragePlaceCodes: ['36'],
          keyPoints: [{ number: 1, text: 'Sosialisasi' }, { number: 2, text: 'Pelatihan' }],
        },
      },
      coordinator.token,
    );
    expect(a).toMatchObject({ status: 'DRAFT', version: 1, keyPoints: [{ number: 1 }, { number: 2 }] });
    expect(a.parties.map((p: any) => p.organisation.name)).toEqual([union.name, komnas.name]);
    const read = await gqlOk(t, 'query ($id: ID!) { agreement(id: $id) { coveragePlaces { name } } }', { id: a.id }, coordinator.token);
    expect(read.agreement.coveragePlaces).toEqual([{ name: 'Banten' }]);
    const [entry] = await t.db.query(`SELECT action, organisation_ids FROM history_entry WHERE entity_id = $1`, [a.id]);
    expect(entry.action).toBe('AGREEMENT_CREATED');
    expect([...entry.organisation_ids].sort()).toEqual([union.id, komnas.id].sort());
  });

  describe('refuses bad agreements, naming the field, and writes nothing', () => {
    const refuses = async (input: Record<string, unknown> | (() => Promise<Record<string, unknown>>), reason: string, field?: string) => {
      const body = { kind: 'MOU', reference: `R-${Math.random()}`, title: 'Nota', parties: await parties(), ...(typeof input === 'function' ? await input() : input) };
      await nothingWritten(async () => {
        const err = await gqlError(t, CREATE, { input: body }, coordinator.token);
        expect(err.extensions.reason ?? err.extensions.code).toBe(reason);
        if (field) expect(err.extensions.fields[0].path).toBe(field);
      });
    };

    it('effective dates out of order', () => refuses({ effectiveFrom: '2024-01-01', effectiveUntil: '2023-12-31' }, 'EFFECTIVE_DATES_OUT_OF_ORDER', 'input.effectiveUntil'));
    it('a signing date after the effective start', () => refuses({ signedOn: '2023-03-21', effectiveFrom: '2023-03-20' }, 'SIGNED_AFTER_EFFECTIVE_START', 'input.signedOn'));
    it('a party twice, which is also the same organisation on both sides of a two-party agreement', () =>
      refuses(async () => {
        const org = await createOrganisation(t, coordinator.token);
        return { parties: [{ organisationId: org.id, role: 'SIGNATORY' }, { organisationId: org.id, role: 'WITNESS' }] };
      }, 'DUPLICATE_PARTY', 'input.parties.1.organisationId'));
    it('a single party', () =>
      refuses(async () => ({ parties: (await parties()).slice(0, 1) }), 'INVALID_INPUT', 'input.parties'));
    it('an archived organisation as a new party', () =>
      refuses(async () => {
        const [a, b] = await parties();
        await gqlOk(t, 'mutation ($input: ArchiveOrganisationInput!) { archiveOrganisation(input: $input) { id } }', { input: { id: b!.organisationId, version: 1, reason: 'dissolved' } }, coordinator.token);
        return { parties: [a, b] };
      }, 'ORGANISATION_ARCHIVED', 'input.parties.1.organisationId'));
    it('an unknown coverage place', () => refuses({ coveragePlaceCodes: ['36', '99.99'] }, 'UNKNOWN_PLACE_CODE', 'input.coveragePlaceCodes'));
    it('two points with the same number', () => refuses({ keyPoints: [{ number: 1, text: 'a' }, { number: 1, text: 'b' }] }, 'DUPLICATE_KEY_POINT', 'input.keyPoints.1.number'));
    it('a reference number already taken, whatever its case', async () => {
      await createAgreement(t, coordinator.token, { reference: 'PKS/KPPPA/2020' });
      await refuses({ reference: 'pks/kpppa/2020' }, 'AGREEMENT_REFERENCE_TAKEN');
    });
  });

  it('signs a draft with two signatories: DRAFT → ACTIVE; then only amendments change it', async () => {
    const [a, b] = await parties();
    const draft = await createAgreement(t, coordinator.token, { parties: [a, { ...b, role: 'WITNESS' }] });
    const missing = await gqlError(t, SIGN, { input: { id: draft.id, version: draft.version, signedOn: '2023-03-20' } }, coordinator.token);
    expect(missing.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SIGNATORIES_MISSING' });
    const ok = await createAgreement(t, coordinator.token);
    const noDate = await gqlError(t, SIGN, { input: { id: ok.id, version: ok.version } }, coordinator.token);
    expect(noDate.extensions.reason).toBe('SIGNING_DATE_MISSING');
    const { signAgreement } = await gqlOk(t, SIGN, { input: { id: ok.id, version: ok.version, signedOn: '2023-03-20' } }, coordinator.token);
    expect(signAgreement).toMatchObject({ status: 'ACTIVE', signedOn: '2023-03-20', version: 2 });
    const update = await gqlError(t, UPDATE, { input: { id: ok.id, version: 2, title: 'Changed' } }, coordinator.token);
    expect(update.extensions).toMatchObject({ code: 'CONFLICT', reason: 'AGREEMENT_NOT_DRAFT' });
  });

  it('terminates with a reason; a terminated agreement accepts no new commitments', async () => {
    const active = await createActiveAgreement(t, coordinator.token);
    const { terminateAgreement } = await gqlOk(t, TERMINATE, { input: { id: active.id, version: active.version, reason: 'Programme ended early' } }, coordinator.token);
    expect(terminateAgreement).toMatchObject({ status: 'TERMINATED', terminationReason: 'Programme ended early' });
    const [entry] = await t.db.query(`SELECT reason FROM history_entry WHERE entity_id = $1 AND action = 'AGREEMENT_TERMINATED'`, [active.id]);
    expect(entry.reason).toBe('Programme ended early');
    const err = await gqlError(t, ADD_COMMITMENT, { input: commitmentInput(active) }, coordinator.token);
    expect(err.extensions).toMatchObject({ code: 'CONFLICT', reason: 'AGREEMENT_NOT_OPEN' });
  });

  it('shows EXPIRED the day after effectiveUntil, without anyone acting, and then accepts no commitments', async () => {
    const yesterday = addDays(today(), -1);
    const expired = await createActiveAgreement(t, coordinator.token, { effectiveFrom: '2022-01-01', effectiveUntil: yesterday, signedOn: '2022-01-01' });
    const lastDay = await createActiveAgreement(t, coordinator.token, { effectiveFrom: '2022-01-01', effectiveUntil: today(), signedOn: '2022-01-01' });
    expect(expired.status).toBe('EXPIRED');
    expect(lastDay.status).toBe('ACTIVE');
    const { agreements } = await gqlOk(t, LIST, { filter: { statuses: ['EXPIRED'] }, first: 100 }, coordinator.token);
    expect(agreements.edges.map((e: any) => e.node.id)).toContain(expired.id);
    expect(agreements.edges.map((e: any) => e.node.id)).not.toContain(lastDay.id);
    const err = await gqlError(t, ADD_COMMITMENT, { input: { ...commitmentInput(expired), startOn: '2022-02-01', dueOn: yesterday } }, coordinator.token);
    expect(err.extensions.reason).toBe('AGREEMENT_NOT_OPEN');
  });

  it('amends an ACTIVE agreement only through numbered amendments that keep the reason and what changed', async () => {
    const draft = await createAgreement(t, coordinator.token);
    const notActive = await gqlError(t, AMEND, { input: { id: draft.id, version: draft.version, reason: 'Not yet signed', title: 'New title' } }, coordinator.token);
    expect(notActive.extensions.reason).toBe('AGREEMENT_NOT_ACTIVE');
    const active = await createActiveAgreement(t, coordinator.token);
    const first = await gqlOk(t, AMEND, { input: { id: active.id, version: active.version, reason: 'Extended by two years', effectiveUntil: '2030-03-19' } }, coordinator.token);
    const second = await gqlOk(
      t,
      AMEND,
      { input: { id: active.id, version: first.amendAgreement.version, reason: 'Adds a point', keyPoints: [{ number: 3, text: 'Fasilitas ramah anak' }] } },
      coordinator.token,
    );
    const a = second.amendAgreement;
    expect(a.effectiveUntil).toBe('2030-03-19');
    expect(a.keyPoints.map((k: any) => k.number)).toEqual([1, 2, 3]);
    expect(a.amendments.map((m: any) => [m.number, m.reason])).toEqual([[1, 'Extended by two years'], [2, 'Adds a point']]);
    expect(a.amendments[0].changes).toEqual([{ field: 'effectiveUntil', before: '2028-03-19', after: '2030-03-19' }]);
    const { agreement } = await gqlOk(t, 'query ($id: ID!) { agreement(id: $id) { history { action reason actor { role } state } } }', { id: active.id }, coordinator.token);
    expect(agreement.history.map((h: any) => [h.action, h.reason])).toEqual([
      ['AGREEMENT_CREATED', null],
      ['AGREEMENT_SIGNED', null],
      ['AGREEMENT_AMENDED', 'Extended by two years'],
      ['AGREEMENT_AMENDED', 'Adds a point'],
    ]);
    // Each entry keeps the whole agreement as it stood: before the second amendment it had two points.
    expect(agreement.history[2].state.keyPoints).toHaveLength(2);
    expect(agreement.history[3].state.keyPoints).toHaveLength(3);
  });

  it('renews into a linked DRAFT with the parties, points and open commitments, and links both ways', async () => {
    const active = await createActiveAgreement(t, coordinator.token, { effectiveUntil: addDays(today(), 400) });
    await addCommitment(t, coordinator.token, active, { title: 'Open training', startOn: '2023-04-01', dueOn: addDays(today(), 300) });
    const cancelled = await addCommitment(t, coordinator.token, active, { title: 'Cancelled one', startOn: '2023-04-01', dueOn: addDays(today(), 300) });
    await gqlOk(t, 'mutation ($input: CancelCommitmentInput!) { cancelCommitment(input: $input) { id } }', { input: { id: cancelled.id, version: cancelled.version, reason: 'No longer needed' } }, coordinator.token);
    await addCommitment(t, coordinator.token, active, { title: 'Past due', startOn: '2023-04-01', dueOn: '2023-12-31' });
    const { renewAgreement: r } = await gqlOk(
      t,
      RENEW,
      { input: { id: active.id, reference: `${active.reference}/R1`, effectiveFrom: addDays(today(), 401), effectiveUntil: addDays(today(), 401 + 3 * 365) } },
      coordinator.token,
    );
    expect(r).toMatchObject({ status: 'DRAFT', renewsId: active.id, renews: { id: active.id } });
    expect(r.parties.map((p: any) => p.organisation.id)).toEqual(active.partyIds);
    expect(r.keyPoints).toHaveLength(2);
    expect(r.commitments).toEqual([{ title: 'Open training', dueOn: addDays(today(), 401 + 3 * 365) }]);
    const back = await gqlOk(t, 'query ($id: ID!) { agreement(id: $id) { renewedBy { id } } }', { id: active.id }, coordinator.token);
    expect(back.agreement.renewedBy).toEqual([{ id: r.id }]);
  });

  it('lets exactly one of 20 parallel edits against the same version win; the others get CONFLICT', async () => {
    const draft = await createAgreement(t, coordinator.token);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gql(t, UPDATE, { input: { id: draft.id, version: draft.version, title: `Edit ${i}` } }, coordinator.token)),
    );
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(r.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', currentVersion: 2 });
    const entries = await t.db.query(`SELECT count(*) AS n FROM history_entry WHERE entity_id = $1 AND action = 'AGREEMENT_UPDATED'`, [draft.id]);
    expect(Number(entries[0].n)).toBe(1);
    const now = await gqlOk(t, 'query ($id: ID!) { agreement(id: $id) { title version } }', { id: draft.id }, coordinator.token);
    expect(now.agreement).toEqual({ title: won[0]!.data!.updateAgreement.title, version: 2 });
  });

  it('filters by party, network, status, kind, theme, place inside, signing dates, expiry and text', async () => {
    const network = await createOrganisation(t, coordinator.token, { kind: 'NETWORK', name: 'APSAI Kota Pekalongan', placeCode: '33.75' });
    const company = await createOrganisation(t, coordinator.token, { kind: 'COMPANY', name: 'PT Batik Sahabat Anak', placeCode: '33.75' });
    const office = await createOrganisation(t, coordinator.token, { kind: 'GOVERNMENT_AGENCY', name: 'DPMPPA Kota Pekalongan', placeCode: '33.75' });
    await gqlOk(t, 'mutation ($input: AddNetworkMemberInput!) { addNetworkMember(input: $input) { id } }', { input: { networkId: network.id, memberId: company.id, joinedOn: '2022-06-15' } }, coordinator.token);
    const apsai = await createActiveAgreement(t, coordinator.token, {
      kind: 'PROGRAMME_AGREEMENT',
      reference: 'APSAI/PKL/2022',
      title: 'Pembentukan APSAI Kota Pekalongan',
      thematicAreas: ['CHILD_LABOUR', 'CHILD_FRIENDLY_CITY'],
      coveragePlaceCodes: ['33.75'],
      parties: [{ organisationId: office.id, role: 'SIGNATORY' }, { organisationId: company.id, role: 'SIGNATORY' }],
      signedOn: '2022-06-15',
      effectiveFrom: '2022-06-15',
      effectiveUntil: addDays(today(), 20),
    });
    const ids = async (filter: Record<string, unknown>) =>
      (await gqlOk(t, LIST, { filter, first: 100 }, coordinator.token)).agreements.edges.map((e: any) => e.node.id);
    expect(await ids({ partyId: company.id })).toEqual([apsai.id]);
    expect(await ids({ networkId: network.id })).toEqual([apsai.id]);
    expect(await ids({ placeCode: '33' })).toEqual([apsai.id]);
    expect(await ids({ placeCode: '33.75', kinds: ['PROGRAMME_AGREEMENT'], thematicArea: 'CHILD_LABOUR' })).toEqual([apsai.id]);
    expect(await ids({ placeCode: '36', partyId: company.id })).toEqual([]);
    expect(await ids({ signedFrom: '2022-06-01', signedTo: '2022-06-30' })).toEqual([apsai.id]);
    expect(await ids({ expiringWithinDays: 30, partyId: company.id })).toEqual([apsai.id]);
    expect(await ids({ expiringWithinDays: 10, partyId: company.id })).toEqual([]);
    expect(await ids({ search: 'apsai' })).toEqual([apsai.id]);
    expect(await ids({ statuses: ['DRAFT'], partyId: company.id })).toEqual([]);
  });

  it('shows partners only the agreements their organisation is party to, and lets them change none', async () => {
    const mine = await createAgreement(t, coordinator.token);
    const other = await createAgreement(t, coordinator.token);
    const partner = await signIn(t, Role.PARTNER, { organisationId: mine.partyIds[0] });
    const list = await gqlOk(t, LIST, { first: 100 }, partner.token);
    expect(list.agreements.edges.map((e: any) => e.node.id)).toEqual([mine.id]);
    const hidden = await gqlError(t, 'query ($id: ID!) { agreement(id: $id) { id } }', { id: other.id }, partner.token);
    expect(hidden.extensions.code).toBe('NOT_FOUND');
    const write = await gqlError(t, UPDATE, { input: { id: mine.id, version: mine.version, title: 'Mine now' } }, partner.token);
    expect(write.extensions.code).toBe('FORBIDDEN');
  });

  it('lists agreements with parties, organisations, points and commitments in the same number of statements for 2 or 10', async () => {
    const query = `query ($filter: AgreementFilter) { agreements(filter: $filter, first: 20) { edges { node {
      id status parties { organisation { name } } keyPoints { number } commitments { title targets { indicator } periods { dueOn } agreement { id } } renews { id } renewedBy { id } history { action } } } } }`;
    const counter = t.app.get(SqlCounter);
    const statements = async (n: number) => {
      const search = `Batch${n}x`;
      for (let i = 0; i < n; i++) {
        const a = await createActiveAgreement(t, coordinator.token, { title: `${search} ${i}` });
        await addCommitment(t, coordinator.token, a);
      }
      const before = counter.count;
      const res = await gqlOk(t, query, { filter: { search } }, coordinator.token);
      expect(res.agreements.edges).toHaveLength(n);
      return counter.count - before;
    };
    expect(await statements(10)).toBe(await statements(2));
  });
});

function commitmentInput(a: { id: string; partyIds: string[] }) {
  return {
    agreementId: a.id,
    responsibleOrganisationId: a.partyIds[0],
    category: 'TRAINING',
    title: 'Pelatihan',
    startOn: '2023-04-01',
    dueOn: '2024-03-31',
    targets: [{ indicator: 'People trained', unit: 'people', targetValue: 10 }],
  };
}
