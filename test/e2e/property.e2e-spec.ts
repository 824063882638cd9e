import fc from 'fast-check';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { Role } from '../../src/common/auth/role.js';
import { addCommitment, createActiveAgreement, createAgreement } from '../factories/agreement.factory.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { createReport, submitReport } from '../factories/report.factory.js';
import { signIn, TEST_PASSWORD, type SignedIn } from '../utils/auth.js';
import { gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/*
 * "Bad input gets a clear error and changes nothing", as a property over every mutation of the schema.
 *
 * The Mutation type is walked by introspection; for each mutation an arbitrary is built from its argument
 * types (strings, numbers, ids, enums, days, lists, nested input objects; sometimes omitted, sometimes null,
 * sometimes of the wrong type), with a few hints from field names (ids, versions, emails, place codes, URLs).
 * Ids are drawn from a pool of real records (renewed before each mutation, so that some calls succeed) mixed
 * with random UUIDs and junk. Calls are sent as an ADMIN, some as a COORDINATOR or a PARTNER. For every call:
 *  (1) the HTTP status is below 500, no error is INTERNAL_SERVER_ERROR and every error has a string code;
 *  (2) when the answer has an error, nothing was written: the row count of every table of the public schema,
 *      the sum of the versions of every versioned table and max(seq) of history_entry are the same after the
 *      call as before it.
 * A failing property is not weakened: fast-check's shrunk counterexample (mutation, role, variables, answer)
 * is printed with the per-mutation summary, and the test fails.
 */

const RUNS_PER_MUTATION = 45;
const MIN_TOTAL_RUNS = 1000;
const ACTING_ROLES = [Role.ADMIN, Role.COORDINATOR, Role.PARTNER] as const;
type ActingRole = (typeof ACTING_ROLES)[number];

/** Record kinds of the id pool, by the GraphQL type name of the record. */
type Kind = 'Organisation' | 'Agreement' | 'Commitment' | 'Report' | 'User' | 'NetworkMembership' | 'CommitmentTarget' | 'ReportingPeriod';
type Pool = Record<Kind, string[]>;
const emptyPool = (): Pool => ({
  Organisation: [],
  Agreement: [],
  Commitment: [],
  Report: [],
  User: [],
  NetworkMembership: [],
  CommitmentTarget: [],
  ReportingPeriod: [],
});

/** Which kind of record an id field most likely names, by its name (the first rule that matches wins). */
const ID_HINTS: [RegExp, Kind][] = [
  [/membership/i, 'NetworkMembership'],
  [/agreement/i, 'Agreement'],
  [/commitment/i, 'Commitment'],
  [/target/i, 'CommitmentTarget'],
  [/period/i, 'ReportingPeriod'],
  [/corrects|report/i, 'Report'],
  [/user|actor/i, 'User'],
  [/organisation|member|network|parent/i, 'Organisation'],
];

interface Strings {
  emails: string[];
  refreshTokens: string[];
}

interface Call {
  role: ActingRole;
  variables: Record<string, unknown>;
}

interface Outcome {
  status: number;
  body: any;
}

interface Tally {
  runs: number;
  succeeded: number;
  refused: Record<string, number>;
  /** Generated calls (not counting shrinking) that broke a property. */
  failed: number;
  shrinkRuns: number;
  ms: number;
}

let t: TestApp;
let schema: GraphQLSchema;
const acting: Record<ActingRole, SignedIn> = {} as Record<ActingRole, SignedIn>;
let tables: string[] = [];
/** Every id created so far, and the ones created for the mutation under test. */
const allIds = emptyPool();
let fresh = emptyPool();
const strings: Strings = { emails: [], refreshTokens: [] };

// ---------------------------------------------------------------------------------------------------------
// What "nothing was written" means: row counts of every table, and the last history sequence number
// ---------------------------------------------------------------------------------------------------------

let snapshotSql = '';

async function snapshot(): Promise<Record<string, string | null>> {
  const [row] = await t.db.query(snapshotSql);
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// The pool of real records
// ---------------------------------------------------------------------------------------------------------

function remember(kind: Kind, ...ids: (string | undefined | null)[]) {
  for (const id of ids) {
    if (!id) continue;
    fresh[kind].push(id);
    allIds[kind].push(id);
  }
}

/** A fresh set of records in the states the mutations act on; also re-points the acting partner at its organisation. */
async function refreshPool(): Promise<void> {
  fresh = emptyPool();
  const admin = acting[Role.ADMIN].token;
  const coordinator = acting[Role.COORDINATOR].token;
  const [orgA, orgB, orgC] = await Promise.all([createOrganisation(t, admin), createOrganisation(t, admin), createOrganisation(t, admin)]);
  const network = await createOrganisation(t, admin, { kind: 'NETWORK' });
  remember('Organisation', orgA.id, orgB.id, orgC.id, network.id);
  const parties = [orgA, orgB].map((o) => ({ organisationId: o.id, role: 'SIGNATORY', signatoryName: 'Penandatangan' }));
  const draft = await createAgreement(t, admin, { parties });
  const active = await createActiveAgreement(t, admin, { parties });
  remember('Agreement', draft.id, active.id);
  const draftCommitment = await addCommitment(t, admin, draft);
  const activeCommitment = await addCommitment(t, admin, active);
  const openCommitment = await addCommitment(t, admin, active, { title: 'Kampanye kesadaran', category: 'AWARENESS_CAMPAIGN' });
  remember('Commitment', draftCommitment.id, activeCommitment.id, openCommitment.id);
  for (const c of [draftCommitment, activeCommitment, openCommitment]) {
    remember('CommitmentTarget', ...c.targets.map((x: { id: string }) => x.id));
    remember('ReportingPeriod', ...c.periods.map((p: { id: string }) => p.id));
  }
  // Reports by the coordinator, so that the admin (another person) may review them.
  const draftReport = await createReport(t, coordinator, activeCommitment);
  const submitted = await createReport(t, coordinator, activeCommitment, { narrative: 'Untuk ditinjau' });
  await submitReport(t, coordinator, submitted.id);
  const accepted = await createReport(t, coordinator, activeCommitment, { narrative: 'Sudah diterima' });
  await submitReport(t, coordinator, accepted.id);
  await gqlOk(t, 'mutation ($input: AcceptReportInput!) { acceptReport(input: $input) { id } }', { input: { id: accepted.id, version: 2 } }, admin);
  remember('Report', draftReport.id, submitted.id, accepted.id);
  const membership = await gqlOk(
    t,
    'mutation ($input: AddNetworkMemberInput!) { addNetworkMember(input: $input) { id } }',
    { input: { networkId: network.id, memberId: orgC.id, joinedOn: '2023-01-01' } },
    admin,
  );
  remember('NetworkMembership', membership.addNetworkMember.id);
  // Users that may be changed (never the acting ones); each signed in, for their refresh token.
  const users = await Promise.all([signIn(t, Role.PARTNER, { organisationId: orgA.id }), signIn(t, Role.COORDINATOR), signIn(t, Role.AUDITOR)]);
  remember('User', ...users.map((u) => u.user.id));
  strings.emails.push(...users.map((u) => u.user.email));
  strings.refreshTokens.push(...users.map((u) => u.refreshToken));
  // The acting partner reports for the fresh organisation A.
  acting[Role.PARTNER] = await signIn(t, Role.PARTNER, { organisationId: orgA.id });
}

/** Signs the acting user in again when the call ended its session (logout does that, by design). */
async function keepActingSessions(): Promise<void> {
  for (const role of ACTING_ROLES) {
    const res = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${acting[role].token}`)
      .send({ query: '{ me { id } }' });
    if (!res.body?.errors?.length) continue;
    const login = await gqlOk(t, 'mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }', {
      input: { email: acting[role].user.email, password: TEST_PASSWORD },
    });
    acting[role] = { ...acting[role], token: login.login.accessToken, refreshToken: login.login.refreshToken };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Arbitraries, built from the introspected types
// ---------------------------------------------------------------------------------------------------------

const OMIT = Symbol('omit');
const HOSTILE = [
  "'; DROP TABLE organisation; --",
  "' OR '1'='1",
  "Robert'); DELETE FROM user_account; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${jndi:ldap://example.org/a}',
  '%s%s%n{{7*7}}',
  '../../../../etc/passwd',
];
const JUNK_IDS = ['', ' ', 'not-a-uuid', '1', '0', '-1', "' OR 1=1 --", '00000000-0000-0000-0000-000000000000', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ', `${randomUUID()}x`, 'x'.repeat(300), 'a\u0000b'];
/** Lower-case hexadecimal text. */
const hex = (c: { minLength: number; maxLength: number }) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), ...c });
const DAY_FMT = (d: Date) => d.toISOString().slice(0, 10);

const shortText = fc.oneof(
  { weight: 4, arbitrary: fc.lorem({ maxCount: 4 }) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const genericString: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: shortText },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom('   ', '\n\t', '\u200b', '\uFEFF', 'ـ\u0301\u0301\u0301') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 201, maxLength: 5000 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 100, maxLength: 1500 }) },
  { weight: 2, arbitrary: fc.tuple(shortText, shortText).map(([a, b]) => `${a}\u0000${b}`) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
);

/** Strings that look like what a field of this name holds (mixed with the generic ones). */
function hintedString(field: string): fc.Arbitrary<string> | null {
  if (/email/i.test(field)) {
    return fc.oneof(
      fc.constantFrom(...(strings.emails.length ? strings.emails : ['a@example.org'])),
      hex({ minLength: 1, maxLength: 12 }).map((s) => `${s}@example.org`),
      fc.constantFrom('no-at-sign', '@example.org', 'a@', 'A@EXAMPLE.ORG ', `${'x'.repeat(250)}@example.org`, 'a@b@c'),
    );
  }
  if (/password/i.test(field)) {
    return fc.oneof(
      fc.constantFrom(TEST_PASSWORD, 'short', '1234567890', 'password123', 'aaaaaaaaaaaaaaaa'),
      hex({ minLength: 8, maxLength: 24 }).map((s) => `Kuat-Sekali-${s}!`),
    );
  }
  if (/refreshToken/i.test(field)) {
    return fc.oneof(
      fc.constantFrom(...(strings.refreshTokens.length ? strings.refreshTokens : ['x'])),
      fc.constant(`${randomUUID()}.0.${'A'.repeat(43)}`),
      fc.constantFrom('a.b.c', `${randomUUID()}.999999999.${'_'.repeat(43)}`),
    );
  }
  if (/place|coverage/i.test(field)) {
    return fc.constantFrom('36', '36.03', '33.75', '35.13.13.2003', '31', '99', '36.99.99.9999', 'XX', '36.', '3');
  }
  if (/url/i.test(field)) {
    return fc.constantFrom('https://example.org/dokumen.pdf', 'http://example.org/a', 'javascript:alert(1)', 'ftp://example.org/x', 'example.org', `https://example.org/${'a'.repeat(2100)}`);
  }
  if (/sha256/i.test(field)) {
    return fc.oneof(hex({ minLength: 64, maxLength: 64 }), fc.constantFrom('A'.repeat(64), 'abc', 'g'.repeat(64)));
  }
  if (/reference/i.test(field)) return hex({ minLength: 4, maxLength: 8 }).map((s) => `NK/${s}/2024`);
  if (/idempotencyKey/i.test(field)) return fc.oneof(fc.uuid(), fc.constantFrom('k1', 'k2'));
  return null;
}

const intArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 5 }) },
  { weight: 2, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(-1, 0, 10, 100, 1_000_000, 2 ** 31 - 1, -(2 ** 31)) },
);

const floatArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 500 }) },
  { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) },
  { weight: 2, arbitrary: fc.constantFrom(-1, -0.5, 0, 0.001, 1e12, 999999999999.99, 1e15, 1e300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE) },
);

const dayArb = fc.oneof(
  { weight: 7, arbitrary: fc.date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map(DAY_FMT) },
  { weight: 1, arbitrary: fc.constantFrom('0000-01-01', '0001-01-01', '1900-01-01', '2024-02-29', '9999-12-31', '1970-01-01') },
  { weight: 1, arbitrary: fc.constantFrom('2023-02-30', '2023-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '2023-12-32') },
  { weight: 1, arbitrary: fc.constantFrom('', '2023-1-1', '20230101', '2023/01/01', '2023-01-01T00:00:00Z', 'tomorrow', ' 2023-01-01', '2023-01-01\u0000', '+12023-01-01') },
);

/** A value of the wrong type (the schema, not the service, should refuse these). */
const wrongType = fc.constantFrom<unknown>('12', 1.5, 2 ** 40, true, {}, [], 'NOT_A_VALUE', 7);

function idArb(field: string, mutationType: string): fc.Arbitrary<string> {
  const kind = field === 'id' ? (mutationType as Kind) : ID_HINTS.find(([re]) => re.test(field))?.[1];
  const everything = Object.values(allIds).flat();
  const choices: fc.WeightedArbitrary<string>[] = [];
  if (kind && fresh[kind]?.length) choices.push({ weight: 6, arbitrary: fc.constantFrom(...fresh[kind]) });
  if (kind && allIds[kind]?.length) choices.push({ weight: 1, arbitrary: fc.constantFrom(...allIds[kind]) });
  if (everything.length) choices.push({ weight: 2, arbitrary: fc.constantFrom(...everything) });
  choices.push({ weight: 2, arbitrary: fc.uuid() });
  choices.push({ weight: 1, arbitrary: fc.constantFrom(...JUNK_IDS) });
  return fc.oneof(...choices);
}

/**
 * How rough a generated call is. PLAUSIBLE: every required field present and of its type, values mostly
 * valid-looking (so that some calls get past the schema and reach the service's own rules). SPARSE: the same,
 * but optional fields mostly left out or sent as null (a partial edit, as clients send them). ROUGH: also nulls
 * for required values, omitted required fields, values of the wrong type, unknown enum values and bad days.
 */
type Mode = 'PLAUSIBLE' | 'SPARSE' | 'ROUGH';

const plausibleDay = fc.oneof(
  { weight: 12, arbitrary: fc.date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map(DAY_FMT) },
  { weight: 1, arbitrary: dayArb },
);

const plausibleInt = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 200 }) },
  { weight: 1, arbitrary: intArb },
);
const plausibleFloat = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 500 }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, min: 0, max: 10_000 }) },
  { weight: 1, arbitrary: floatArb },
);

function leafArb(type: GraphQLInputType, field: string, mutationType: string, mode: Mode): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  if (isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    const valid = fc.constantFrom(...values);
    return mode !== 'ROUGH' ? valid : fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom('', 'NOT_A_VALUE', values[0]!.toLowerCase()) });
  }
  if (isScalarType(named)) {
    switch (named.name) {
      case 'Int':
        // Records are at low versions: a version field mostly names one, so that the edit reaches the service's rules.
        if (/version/i.test(field) && mode !== 'ROUGH') return fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 2 }) }, { weight: 2, arbitrary: plausibleInt });
        return mode !== 'ROUGH' ? plausibleInt : intArb;
      case 'Float':
        return mode !== 'ROUGH' ? plausibleFloat : floatArb;
      case 'Boolean':
        return fc.boolean();
      case 'ID':
        return idArb(field, mutationType);
      case 'Date':
        return mode !== 'ROUGH' ? plausibleDay : dayArb;
      case 'String': {
        const hinted = hintedString(field);
        const plain = mode !== 'ROUGH' ? fc.oneof({ weight: 5, arbitrary: fc.lorem({ maxCount: 4 }) }, { weight: 1, arbitrary: genericString }) : genericString;
        return hinted ? fc.oneof({ weight: 3, arbitrary: hinted }, { weight: 1, arbitrary: plain }) : plain;
      }
      default:
        return genericString;
    }
  }
  throw new Error(`No arbitrary for ${named.name}`);
}

/** A value of an input type: lists of 0–3 items, nested objects with optional fields sometimes omitted or null. */
function valueArb(type: GraphQLInputType, field: string, mutationType: string, depth: number, mode: Mode): fc.Arbitrary<unknown> {
  const required = isNonNullType(type);
  const inner = required ? type.ofType : type;
  let arb: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    arb = fc.array(valueArb(inner.ofType as GraphQLInputType, field, mutationType, depth + 1, mode), { maxLength: 3 });
  } else if (isInputObjectType(inner)) {
    arb = depth > 5 ? fc.constant({}) : objectArb(inner, mutationType, depth + 1, mode);
  } else {
    const leaf = leafArb(inner as GraphQLInputType, field, mutationType, mode);
    arb = mode !== 'ROUGH' ? leaf : fc.oneof({ weight: 8, arbitrary: leaf }, { weight: 1, arbitrary: wrongType });
  }
  // A required value is sometimes null anyway when rough (the schema must refuse it); an optional one may be null.
  if (required && mode !== 'ROUGH') return arb;
  return fc.oneof({ weight: required ? 12 : 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
}

function objectArb(type: GraphQLInputObjectType, mutationType: string, depth: number, mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  const parts: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of Object.values(type.getFields())) {
    const required = isNonNullType(f.type);
    const value = valueArb(f.type, f.name, mutationType, depth, mode);
    // Optional fields are omitted about a third of the time (SPARSE: mostly omitted, often null); required ones
    // only when rough, and rarely. Shrinking tries leaving a field out first.
    if (required && mode !== 'ROUGH') parts[f.name] = value;
    else if (!required && mode === 'SPARSE') {
      parts[f.name] = fc.oneof(
        { withCrossShrink: true },
        { weight: 6, arbitrary: fc.constant(OMIT) },
        { weight: 2, arbitrary: value },
        { weight: 2, arbitrary: fc.constant(null) },
      );
    } else parts[f.name] = fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: fc.constant(OMIT) }, { weight: required ? 15 : 2, arbitrary: value });
  }
  return fc.record(parts).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== OMIT)));
}

const roleArb: fc.Arbitrary<ActingRole> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(Role.ADMIN as ActingRole) },
  { weight: 2, arbitrary: fc.constant(Role.COORDINATOR as ActingRole) },
  { weight: 2, arbitrary: fc.constant(Role.PARTNER as ActingRole) },
);

function callArb(m: GraphQLField<unknown, unknown>): fc.Arbitrary<Call> {
  const mutationType = getNamedType(m.type).name;
  const variables = (mode: Mode) => {
    const args: Record<string, fc.Arbitrary<unknown>> = {};
    for (const a of m.args) args[a.name] = valueArb(a.type, a.name, mutationType, 0, mode);
    return fc.record(args) as fc.Arbitrary<Record<string, unknown>>;
  };
  return fc.record({
    role: roleArb,
    variables: fc.oneof({ weight: 2, arbitrary: variables('PLAUSIBLE') }, { weight: 3, arbitrary: variables('SPARSE') }, { weight: 2, arbitrary: variables('ROUGH') }),
  });
}

function operationText(m: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(m.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  if (!m.args.length) return `mutation { ${m.name}${selection} }`;
  const decl = m.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const pass = m.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `mutation (${decl}) { ${m.name}(${pass})${selection} }`;
}

async function send(query: string, call: Call): Promise<Outcome> {
  const res = await request(t.app.getHttpServer())
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${acting[call.role].token}`)
    .send({ query, variables: call.variables });
  return { status: res.status, body: res.body };
}

/** Short form of a value for the report (long strings cut, with their length). */
function brief(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v)),
  );
}

// ---------------------------------------------------------------------------------------------------------

describe('property: bad input gets a clear error and changes nothing', () => {
  beforeAll(async () => {
    t = await createTestApp();
    acting[Role.ADMIN] = await signIn(t, Role.ADMIN);
    acting[Role.COORDINATOR] = await signIn(t, Role.COORDINATOR);
    acting[Role.PARTNER] = await signIn(t, Role.PARTNER);
    const intro = await gqlOk<IntrospectionQuery>(t, getIntrospectionQuery(), {}, acting[Role.ADMIN].token);
    schema = buildClientSchema(intro);
    const rows: { name: string; readable: boolean }[] = await t.db.query(
      `SELECT c.relname AS name, has_table_privilege(c.oid, 'SELECT') AS readable
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY c.relname`,
    );
    // A refused sign-in is counted against the limits by design (login_attempt); every other table must stay as it was.
    tables = rows.filter((r) => r.name !== 'migrations' && r.name !== 'login_attempt').map((r) => r.name);
    const unreadable = rows.filter((r) => r.name !== 'migrations' && !r.readable).map((r) => r.name);
    expect(unreadable).toEqual([]);
    expect(tables).toContain('history_entry');
    // Besides the row counts, the sum of the versions of every versioned table: an edit that bumped a version
    // without its history entry (or the other way round) shows up too.
    const versioned: { name: string }[] = await t.db.query(
      `SELECT table_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'version' ORDER BY table_name`,
    );
    snapshotSql = `SELECT ${[
      ...tables.map((name) => `(SELECT count(*) FROM "${name}") AS "${name}"`),
      ...versioned.filter((v) => tables.includes(v.name)).map(({ name }) => `(SELECT sum(version) FROM "${name}") AS "${name}.sum(version)"`),
      `(SELECT max(seq) FROM history_entry) AS "history_entry.max(seq)"`,
    ].join(', ')}`;
  }, 120_000);
  afterAll(() => t?.close());

  it(
    'holds for generated input to every mutation of the schema',
    async () => {
      const mutations = Object.values(schema.getMutationType()!.getFields());
      const tallies: Record<string, Tally> = {};
      const failures: string[] = [];
      const started = Date.now();

      for (const m of mutations) {
        await keepActingSessions();
        // The witness sees writes: making the fresh records changes the snapshot.
        const beforePool = await snapshot();
        await refreshPool();
        expect(await snapshot()).not.toEqual(beforePool);
        const query = operationText(m);
        const tally: Tally = { runs: 0, succeeded: 0, refused: {}, failed: 0, shrinkRuns: 0, ms: 0 };
        tallies[m.name] = tally;
        let failing = false;
        let last: { call: Call; outcome: Outcome; problem: string } | null = null;
        const mStarted = Date.now();

        const property = fc.asyncProperty(callArb(m), async (call) => {
          const before = await snapshot();
          const outcome = await send(query, call);
          const after = await snapshot();
          await keepActingSessions();

          const errors: any[] | undefined = outcome.body?.errors;
          const problems: string[] = [];
          if (outcome.status >= 500) problems.push(`HTTP status ${outcome.status}`);
          if (!outcome.body || typeof outcome.body !== 'object') problems.push('the answer is not JSON');
          for (const e of errors ?? []) {
            if (typeof e?.extensions?.code !== 'string') problems.push(`an error without a string extensions.code: ${JSON.stringify(e)}`);
            else if (e.extensions.code === 'INTERNAL_SERVER_ERROR') problems.push('INTERNAL_SERVER_ERROR');
          }
          if (errors?.length) {
            const changed = Object.keys(before).filter((k) => before[k] !== after[k]).map((k) => `${k}: ${before[k]} → ${after[k]}`);
            if (changed.length) problems.push(`refused, yet written: ${changed.join(', ')}`);
          } else if (!outcome.body?.data || outcome.body.data[m.name] === undefined || outcome.body.data[m.name] === null) {
            problems.push('neither errors nor data');
          }

          if (!failing) {
            tally.runs += 1;
            if (!errors?.length) tally.succeeded += 1;
            else {
              const code = String(errors[0]?.extensions?.code);
              const reason = errors[0]?.extensions?.reason;
              const key = reason ? `${code}/${reason}` : code;
              tally.refused[key] = (tally.refused[key] ?? 0) + 1;
            }
          } else tally.shrinkRuns += 1;

          if (problems.length) {
            if (!failing) tally.failed += 1;
            failing = true;
            last = { call, outcome, problem: problems.join('; ') };
            return false;
          }
          return true;
        });

        // A failure ends fast-check's run (after shrinking); the remaining calls are still sent, without shrinking,
        // so that every mutation gets its share of generated input.
        let shrunk = false;
        while (tally.runs < RUNS_PER_MUTATION) {
          const details = await fc.check(property, {
            numRuns: RUNS_PER_MUTATION - tally.runs,
            endOnFailure: shrunk,
            // Shrinking sends real requests: bound it, and keep the best counterexample found by then.
            interruptAfterTimeLimit: 90_000,
            markInterruptAsFailure: false,
          });
          if (!details.failed) break;
          if (!shrunk) {
            const found = last as { call: Call; outcome: Outcome; problem: string } | null;
            failures.push(
              [
                `${m.name}: ${found?.problem ?? details.errorInstance}`,
                `  operation: ${query}`,
                `  role: ${found?.call.role}`,
                `  variables: ${JSON.stringify(brief(found?.call.variables))}`,
                `  answer (HTTP ${found?.outcome.status}): ${JSON.stringify(brief(found?.outcome.body))}`,
                `  at run ${details.numRuns}, after ${details.numShrinks} shrinks (seed ${details.seed}, path ${details.counterexamplePath})`,
              ].join('\n'),
            );
          }
          shrunk = true;
          failing = false;
          if (details.interrupted) break;
        }
        tally.ms = Date.now() - mStarted;
      }

      const totalRuns = Object.values(tallies).reduce((n, x) => n + x.runs, 0);
      const lines = Object.entries(tallies).map(
        ([name, x]) =>
          `${name.padEnd(22)} runs ${String(x.runs).padStart(3)}  succeeded ${String(x.succeeded).padStart(3)}  ${x.failed ? `FAILED ${x.failed} (+${x.shrinkRuns} shrink runs)  ` : ''}` +
          `refused ${Object.entries(x.refused)
            .sort((a, b) => b[1] - a[1])
            .map(([k, n]) => `${k}×${n}`)
            .join(', ')}  (${(x.ms / 1000).toFixed(1)} s)`,
      );
      console.log(
        [
          `Property "bad input gets a clear error and changes nothing": ${mutations.length} mutations, ${totalRuns} generated calls, ${((Date.now() - started) / 1000).toFixed(0)} s`,
          ...lines,
          ...(failures.length ? ['', 'COUNTEREXAMPLES (shrunk):', ...failures] : []),
        ].join('\n'),
      );

      // Every mutation of the schema was exercised (the live one, and the printed schema.graphql), enough times in all.
      const covered = Object.values(tallies).filter((x) => x.runs > 0).length;
      const printed = Object.keys(buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8')).getMutationType()!.getFields()).length;
      expect({ covered, inSchema: mutations.length }).toEqual({ covered: Math.max(mutations.length, printed), inSchema: mutations.length });
      expect(totalRuns).toBeGreaterThanOrEqual(MIN_TOTAL_RUNS);
      expect(failures).toEqual([]);
    },
    900_000,
  );
});
