import { buildClientSchema, getIntrospectionQuery, getNamedType, isInputObjectType, isNonNullType, type IntrospectionQuery } from 'graphql';
import { Role } from '../../src/common/auth/role.js';
import { addCommitment, createActiveAgreement, createAgreement } from '../factories/agreement.factory.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { createReport } from '../factories/report.factory.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gql, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/** The records a client changes by naming the version it saw. */
const VERSIONED = ['Organisation', 'Agreement', 'Commitment', 'Report', 'User'];
/** Mutations that take an existing record's id but change nothing of it (a renewal makes a new agreement). */
const NOT_A_CHANGE = ['renewAgreement'];

describe('one way to change a versioned record', () => {
  let t: TestApp;
  let admin: SignedIn;
  let coordinator: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, Role.ADMIN);
    coordinator = await signIn(t, Role.COORDINATOR);
  });
  afterAll(() => t.close());

  it('requires the version on every mutation that changes a versioned record', async () => {
    const schema = buildClientSchema((await gqlOk<IntrospectionQuery>(t, getIntrospectionQuery(), {}, admin.token)) as IntrospectionQuery);
    const changes = Object.values(schema.getMutationType()!.getFields()).filter((m) => {
      const input = m.args.find((a) => a.name === 'input');
      const type = input && getNamedType(input.type);
      return VERSIONED.includes(getNamedType(m.type).name) && isInputObjectType(type) && 'id' in type.getFields() && !NOT_A_CHANGE.includes(m.name);
    });
    expect(changes.length).toBeGreaterThanOrEqual(15);
    for (const m of changes) {
      const input = getNamedType(m.args.find((a) => a.name === 'input')!.type);
      const version = isInputObjectType(input) ? input.getFields().version : undefined;
      expect({ mutation: m.name, version: version && isNonNullType(version.type) ? String(version.type) : 'missing' }).toEqual({ mutation: m.name, version: 'Int!' });
    }
  });

  /** 20 edits against the same version at once: one wins, 19 are told the current version, one history entry. */
  async function raceOn(entity: string, id: string, version: number, mutation: string, input: (i: number) => Record<string, unknown>, token: string) {
    const entries = async () => Number((await t.db.query('SELECT count(*) AS n FROM history_entry WHERE entity_id = $1', [id]))[0].n);
    const before = await entries();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => gql(t, mutation, { input: { id, version, ...input(i) } }, token)));
    const won = answers.filter((a) => !a.errors);
    const lost = answers.filter((a) => a.errors);
    expect({ entity, won: won.length, lost: lost.length }).toEqual({ entity, won: 1, lost: 19 });
    for (const a of lost) expect(a.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', currentVersion: version + 1 });
    expect(await entries()).toBe(before + 1);
  }

  it('lets exactly one of 20 parallel edits of an organisation win', async () => {
    const org = await createOrganisation(t, coordinator.token);
    await raceOn('Organisation', org.id, org.version, 'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { version } }', (i) => ({ address: `Jalan ${i}` }), coordinator.token);
  });

  it('lets exactly one of 20 parallel edits of an agreement win', async () => {
    const draft = await createAgreement(t, coordinator.token);
    await raceOn('Agreement', draft.id, draft.version, 'mutation ($input: UpdateAgreementInput!) { updateAgreement(input: $input) { version } }', (i) => ({ title: `Edit ${i}` }), coordinator.token);
  });

  it('lets exactly one of 20 parallel edits of a commitment win', async () => {
    const commitment = await addCommitment(t, coordinator.token, await createAgreement(t, coordinator.token));
    await raceOn('Commitment', commitment.id, commitment.version, 'mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { version } }', (i) => ({ title: `Pelatihan ${i}` }), coordinator.token);
  });

  it('lets exactly one of 20 parallel edits of a report win', async () => {
    const commitment = await addCommitment(t, coordinator.token, await createActiveAgreement(t, coordinator.token));
    const report = await createReport(t, coordinator.token, commitment);
    await raceOn('Report', report.id, report.version, 'mutation ($input: UpdateReportInput!) { updateReport(input: $input) { version } }', (i) => ({ narrative: `Versi ${i}` }), coordinator.token);
  });

  it('lets exactly one of 20 parallel edits of a user win', async () => {
    const org = await createOrganisation(t, coordinator.token);
    const partner = await signIn(t, Role.PARTNER, { organisationId: org.id });
    await raceOn('User', partner.user.id, 1, 'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { version } }', (i) => ({ displayName: `Siti ${i}` }), admin.token);
  });
});
