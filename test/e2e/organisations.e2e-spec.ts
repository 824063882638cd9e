import { Role } from '../../src/common/auth/role.js';
import { SqlCounter } from '../../src/common/database/sql-counter.js';
import { createOrganisation, ORGANISATION_FIELDS } from '../factories/organisation.factory.js';
import { signIn } from '../utils/auth.js';
import { gql, gqlError, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const CREATE = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { ${ORGANISATION_FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { ${ORGANISATION_FIELDS} } }`;
const ARCHIVE = `mutation ($input: ArchiveOrganisationInput!) { archiveOrganisation(input: $input) { id status archivedAt } }`;
const ADD_MEMBER = `mutation ($input: AddNetworkMemberInput!) { addNetworkMember(input: $input) { id joinedOn leftOn member { name } network { name } } }`;
const END_MEMBER = `mutation ($input: EndNetworkMembershipInput!) { endNetworkMembership(input: $input) { id leftOn } }`;
const LIST = `query ($filter: OrganisationFilter, $first: Int, $after: String) {
  organisations(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id name shortName placeCode } } pageInfo { hasNextPage endCursor } } }`;

describe('organisations', () => {
  let t: TestApp;
  let coordinator: string;
  const countRows = async (table: string) => Number((await t.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = (await signIn(t, Role.COORDINATOR)).token;
  });
  afterAll(() => t.close());

  it('registers an organisation with its place, parent and contacts, and records it in the history', async () => {
    const national = await createOrganisation(t, coordinator, {
      kind: 'UNION_FEDERATION',
      name: 'FSP Kimia, Energi dan Pertambangan SPSI',
      shortName: 'FSP KEP SPSI',
      placeCode: '31',
    });
    const data = await gqlOk(
      t,
      CREATE,
      {
        input: {
          kind: 'UNION_FEDERATION',
          name: 'Pimpinan Daerah FSP KEP SPSI Provinsi Banten',
          shortName: 'PD FSP KEP SPSI Banten',
          parentId: national.id,
          placeCode: '36',
          address: 'Serang, Banten',
          contacts: [{ name: 'Sekretariat', role: 'Sekretaris', email: 'sekretariat@example.org', phone: '+62 254 000000' }],
        },
      },
      coordinator,
    );
    const org = data.createOrganisation;
    expect(org).toMatchObject({ kind: 'UNION_FEDERATION', placeCode: '36', parentId: national.id, status: 'ACTIVE', version: 1 });
    const read = await gqlOk(t, `query ($id: ID!) { organisation(id: $id) { parent { name } place { name level } } }`, { id: org.id }, coordinator);
    expect(read.organisation).toEqual({ parent: { name: national.name }, place: { name: 'Banten', level: 'PROVINCE' } });
    const [entry] = await t.db.query(`SELECT action, entity_id, actor_role FROM history_entry WHERE entity_id = $1`, [org.id]);
    expect(entry).toEqual({ action: 'ORGANISATION_CREATED', entity_id: org.id, actor_role: 'COORDINATOR' });
  });

  it('refuses an unknown place code, naming the field, and writes nothing', async () => {
    const before = await countRows('organisation');
    const historyBefore = await countRows('history_entry');
    const err = await gqlError(t, CREATE, { input: { kind: 'NGO', name: 'Yayasan Tanpa Tempat', placeCode: '36.99' } }, coordinator);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_PLACE_CODE' });
    expect(err.extensions.fields).toEqual([{ path: 'input.placeCode', messages: [expect.stringContaining('36.99')] }]);
    expect(await countRows('organisation')).toBe(before);
    expect(await countRows('history_entry')).toBe(historyBefore);
  });

  it('refuses malformed input with every offending field path', async () => {
    const err = await gqlError(
      t,
      CREATE,
      { input: { kind: 'NGO', name: 'X', placeCode: 'banten', contacts: [{ name: 'Ana', email: 'not-an-email' }] } },
      coordinator,
    );
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(err.extensions.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'input.contacts.0.email',
      'input.name',
      'input.placeCode',
    ]);
  });

  it('refuses a second active organisation with the same name in the same place, whatever the case', async () => {
    await createOrganisation(t, coordinator, { name: 'Komnas Perlindungan Anak Provinsi Banten', placeCode: '36' });
    const err = await gqlError(t, CREATE, { input: { kind: 'NGO', name: 'KOMNAS perlindungan anak provinsi banten', placeCode: '36' } }, coordinator);
    expect(err.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORGANISATION_ALREADY_EXISTS' });
    // the same name elsewhere is another organisation
    await createOrganisation(t, coordinator, { name: 'Komnas Perlindungan Anak Provinsi Banten', placeCode: '36.73' });
  });

  it('lets the name be used again once the first holder is archived, and never deletes', async () => {
    const old = await createOrganisation(t, coordinator, { name: 'Forum Anak Serang', placeCode: '36.73' });
    const archived = await gqlOk(t, ARCHIVE, { input: { id: old.id, version: old.version, reason: 'merged into the city forum' } }, coordinator);
    expect(archived.archiveOrganisation.status).toBe('ARCHIVED');
    await createOrganisation(t, coordinator, { name: 'Forum Anak Serang', placeCode: '36.73' });
    const again = await gqlError(t, ARCHIVE, { input: { id: old.id, version: old.version + 1, reason: 'twice' } }, coordinator);
    expect(again.extensions.reason).toBe('ORGANISATION_ALREADY_ARCHIVED');
    const [entry] = await t.db.query(
      `SELECT reason FROM history_entry WHERE entity_id = $1 AND action = 'ORGANISATION_ARCHIVED'`,
      [old.id],
    );
    expect(entry.reason).toBe('merged into the city forum');
  });

  it('refuses to make an organisation its own ancestor', async () => {
    const a = await createOrganisation(t, coordinator, { name: 'Kementerian Uji' });
    const b = await createOrganisation(t, coordinator, { name: 'Unit Daerah Uji', parentId: a.id });
    const c = await createOrganisation(t, coordinator, { name: 'Unit Kota Uji', parentId: b.id });
    for (const parentId of [c.id, a.id === c.id ? b.id : c.id]) {
      const err = await gqlError(t, UPDATE, { input: { id: a.id, version: a.version, parentId } }, coordinator);
      expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORGANISATION_OWN_ANCESTOR' });
    }
    const self = await gqlError(t, UPDATE, { input: { id: a.id, version: a.version, parentId: a.id } }, coordinator);
    expect(self.extensions.reason).toBe('ORGANISATION_OWN_ANCESTOR');
  });

  it('updates against the version it was read at and refuses a stale one', async () => {
    const org = await createOrganisation(t, coordinator, { name: 'LPKP Jawa Timur', placeCode: '35' });
    const updated = await gqlOk(t, UPDATE, { input: { id: org.id, version: 1, shortName: 'LPKP' } }, coordinator);
    expect(updated.updateOrganisation).toMatchObject({ shortName: 'LPKP', version: 2 });
    const stale = await gqlError(t, UPDATE, { input: { id: org.id, version: 1, shortName: 'Lembaga' } }, coordinator);
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', currentVersion: 2 });
  });

  describe('networks', () => {
    let apsai: { id: string };
    let company: { id: string };

    beforeAll(async () => {
      apsai = await createOrganisation(t, coordinator, { kind: 'NETWORK', name: 'APSAI Kota Pekalongan', placeCode: '33.75' });
      company = await createOrganisation(t, coordinator, { kind: 'COMPANY', name: 'PT Batik Uji', placeCode: '33.75.01' });
    });

    it('adds a member with the date it joined and lists members of the network', async () => {
      const data = await gqlOk(t, ADD_MEMBER, { input: { networkId: apsai.id, memberId: company.id, joinedOn: '2022-06-15' } }, coordinator);
      expect(data.addNetworkMember).toMatchObject({ joinedOn: '2022-06-15', leftOn: null, member: { name: 'PT Batik Uji' } });
      const list = await gqlOk(t, LIST, { filter: { networkId: apsai.id } }, coordinator);
      expect(list.organisations.edges.map((e: any) => e.node.id)).toEqual([company.id]);
    });

    it('refuses the same member twice at once', async () => {
      const err = await gqlError(t, ADD_MEMBER, { input: { networkId: apsai.id, memberId: company.id, joinedOn: '2023-01-01' } }, coordinator);
      expect(err.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_A_MEMBER' });
    });

    it('accepts members only into a NETWORK', async () => {
      const err = await gqlError(t, ADD_MEMBER, { input: { networkId: company.id, memberId: apsai.id, joinedOn: '2023-01-01' } }, coordinator);
      expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_NETWORK' });
    });

    it('refuses an end date before the start date, then ends the membership and allows rejoining later', async () => {
      const other = await createOrganisation(t, coordinator, { kind: 'COMPANY', name: 'PT Perumda Uji', placeCode: '33.75' });
      const m = (await gqlOk(t, ADD_MEMBER, { input: { networkId: apsai.id, memberId: other.id, joinedOn: '2022-06-15' } }, coordinator)).addNetworkMember;
      const early = await gqlError(t, END_MEMBER, { input: { membershipId: m.id, leftOn: '2022-06-14' } }, coordinator);
      expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'END_BEFORE_START' });
      expect(early.extensions.fields[0].path).toBe('input.leftOn');
      await gqlOk(t, END_MEMBER, { input: { membershipId: m.id, leftOn: '2024-01-31', reason: 'company closed its office' } }, coordinator);
      const overlapping = await gqlError(t, ADD_MEMBER, { input: { networkId: apsai.id, memberId: other.id, joinedOn: '2024-01-01' } }, coordinator);
      expect(overlapping.extensions.reason).toBe('ALREADY_A_MEMBER');
      await gqlOk(t, ADD_MEMBER, { input: { networkId: apsai.id, memberId: other.id, joinedOn: '2025-02-01' } }, coordinator);
    });

    it('refuses a calendar day that does not exist', async () => {
      const res = await gql(t, ADD_MEMBER, { input: { networkId: apsai.id, memberId: company.id, joinedOn: '2023-02-30' } }, coordinator);
      expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('the list', () => {
    it('filters by place including everything inside it', async () => {
      const inCity = await createOrganisation(t, coordinator, { name: 'Dinas PPPA Kota Pekalongan', kind: 'GOVERNMENT_AGENCY', placeCode: '33.75' });
      await createOrganisation(t, coordinator, { name: 'Dinas Sumatera', kind: 'GOVERNMENT_AGENCY', placeCode: '12' });
      const data = await gqlOk(t, LIST, { filter: { placeCode: '33', kinds: ['GOVERNMENT_AGENCY'] } }, coordinator);
      expect(data.organisations.edges.map((e: any) => e.node.id)).toEqual([inCity.id]);
    });

    it('searches name and short name case-insensitively', async () => {
      await createOrganisation(t, coordinator, { name: 'Lembaga Perlindungan Anak Uji', shortName: 'ECPAT-UJI' });
      const data = await gqlOk(t, LIST, { filter: { search: 'ecpat-uji' } }, coordinator);
      expect(data.organisations.edges.map((e: any) => e.node.shortName)).toEqual(['ECPAT-UJI']);
    });

    it('pages through every organisation once, in name order', async () => {
      const all: string[] = [];
      let after: string | null = null;
      let total: number;
      do {
        const data: any = await gqlOk(t, LIST, { first: 3, after }, coordinator);
        total = data.organisations.totalCount;
        all.push(...data.organisations.edges.map((e: any) => e.node.name));
        after = data.organisations.pageInfo.hasNextPage ? data.organisations.pageInfo.endCursor : null;
      } while (after);
      expect(all).toHaveLength(total);
      expect([...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(all);
    });

    it('answers a list with relations in the same number of statements for 3 rows or 30', async () => {
      const query = `query ($first: Int) { organisations(first: $first, filter: { search: "Desa Uji" }) {
        edges { node { name place { name ancestors { name } } parent { name } networks { network { name } } } } } }`;
      const network = await createOrganisation(t, coordinator, { kind: 'NETWORK', name: 'PAACLA Uji' });
      const parent = await createOrganisation(t, coordinator, { name: 'LPKP Induk Uji' });
      for (let i = 0; i < 30; i++) {
        const org = await createOrganisation(t, coordinator, { name: `Desa Uji ${i}`, placeCode: '35.13.13.2003', parentId: parent.id });
        await gqlOk(t, ADD_MEMBER, { input: { networkId: network.id, memberId: org.id, joinedOn: '2016-01-01' } }, coordinator);
      }
      const counter = t.app.get(SqlCounter);
      const statements = async (first: number) => {
        const before = counter.count;
        const data = await gqlOk(t, query, { first }, coordinator);
        expect(data.organisations.edges).toHaveLength(first);
        return counter.count - before;
      };
      expect(await statements(30)).toBe(await statements(3));
    });

    it('refuses a cursor it did not give out', async () => {
      const err = await gqlError(t, LIST, { after: 'garbage' }, coordinator);
      expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    });
  });
});
