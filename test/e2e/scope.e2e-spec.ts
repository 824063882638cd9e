import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type { TestAgreement } from '../factories/agreement.factory.js';
import type { SignedIn } from '../utils/auth.js';
import type { GqlResult } from '../utils/graphql.js';
import type { TestApp } from '../utils/test-app.js';

import { Role } from '../../src/common/auth/role.js';
import { addDays, today } from '../../src/common/time/calendar.js';
import { addCommitment, AGREEMENT_FIELDS, createActiveAgreement } from '../factories/agreement.factory.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { acceptedReport, createReport, submitReport } from '../factories/report.factory.js';
import { signIn } from '../utils/auth.js';
import { gql, gqlOk } from '../utils/graphql.js';
import { createTestApp } from '../utils/test-app.js';

/**
 * "A partner never reaches through a relation what the root query refuses."
 *
 * As a PARTNER, every root query the partner may call is walked with a selection generated from the schema
 * (every object-valued field followed, a few levels down), and every record reached is fetched again at the
 * root by its id: none may be NOT_FOUND there. History entries reached must concern the partner's
 * organisation and, of user accounts, only the partner's own.
 */

// The document limits (README, "Limits"): stay under them, and let the server have the last word.
const MAX_COST = 20000;
const MAX_DEPTH = 10;
const MAX_TOKENS = 2800; // of 3000, with room for the operation around the field
const LIST_FACTOR = 10;
const PAGE = 5;
/** Relation hops below the root record(s): single-record roots go one level deeper than lists. */
const HOPS_FOR_RECORD_ROOT = 4;
const HOPS_FOR_LIST_ROOT = 3;
/** What the checks need besides `__typename` and `id`. */
const EXTRA_LEAVES: Record<string, string[]> = { HistoryEntry: ['organisationIds', 'entityType', 'entityId'] };
const STRONG = 'Lima kambing makan rumput 2023';
const FAKE_ID = '00000000-0000-4000-8000-000000000000';

/** One object-valued field in a generated selection, and what is selected under it. */
interface Sel {
  field: string;
  args: string;
  type: GraphQLObjectType;
  /** How many items the server's cost estimate multiplies its children by. */
  items: number;
  leaves: string[];
  children: Sel[];
}

interface Reached {
  typename: string;
  id?: string;
  obj: Record<string, any>;
  path: string;
}

const short = (id: string) => id.slice(0, 8);
const isConnectionType = (t: GraphQLObjectType) => /(Connection|Edge)$/.test(t.name);
const isConnectionField = (f: GraphQLField<unknown, unknown>) => f.args.some((a) => a.name === 'first');
const requiredArgs = (f: GraphQLField<unknown, unknown>) => f.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/** The selection under an object type: __typename, id, and every object-valued field while hops remain. */
function selectionOf(type: GraphQLObjectType, hops: number, maxHops: number, parentIsConnection: boolean, skipped: Set<string>): Pick<Sel, 'leaves' | 'children'> {
  const fields = type.getFields();
  const leaves = ['__typename', ...('id' in fields ? ['id'] : []), ...(EXTRA_LEAVES[type.name] ?? [])];
  const children: Sel[] = [];
  for (const f of Object.values(fields)) {
    const named = getNamedType(f.type);
    if (!isObjectType(named)) continue;
    if (requiredArgs(f).length) {
      skipped.add(`${type.name}.${f.name}`);
      continue;
    }
    const next = isConnectionType(named) ? hops : hops + 1;
    if (next > maxHops) continue;
    const conn = isConnectionField(f);
    const items = conn ? PAGE : isListType(getNullableType(f.type)) && !parentIsConnection ? LIST_FACTOR : 1;
    children.push({ field: f.name, args: conn ? `(first: ${PAGE})` : '', type: named, items, ...selectionOf(named, next, maxHops, conn, skipped) });
  }
  return { leaves, children };
}

const render = (s: Sel): string => `${s.field}${s.args} { ${[...s.leaves, ...s.children.map(render)].join(' ')} }`;
const costOf = (s: Sel): number => s.leaves.filter((l) => !l.startsWith('__')).length + s.children.reduce((n, c) => n + 1 + c.items * costOf(c), 0);
const rootCost = (s: Sel) => 1 + s.items * costOf(s);
const depthOf = (s: Sel): number => 1 + Math.max(s.leaves.length ? 1 : 0, ...s.children.map(depthOf));
const tokensOf = (s: Sel) => (render(s).match(/[A-Za-z_][A-Za-z0-9_]*|"[^"]*"|-?\d+|[{}():,!$[\]]/g) ?? []).length;
const fits = (s: Sel) => rootCost(s) <= MAX_COST && depthOf(s) <= MAX_DEPTH && tokensOf(s) <= MAX_TOKENS;
const withChildren = (s: Sel, children: Sel[]): Sel => ({ ...s, children });

/** The chain of single children from the root down to the first node with several children (or none). */
function chainOf(root: Sel): { chain: Sel[]; rebuild: (children: Sel[]) => Sel } {
  const chain: Sel[] = [root];
  while (chain.at(-1)!.children.length === 1) chain.push(chain.at(-1)!.children[0]!);
  const rebuild = (children: Sel[]): Sel => chain.reduceRight<Sel | null>((inner, n) => withChildren(n, inner ? [inner] : children), null)!;
  return { chain, rebuild };
}

/** One step smaller: a part per child of the first branching node, or a single chain without its last hop. */
function splitOnce(root: Sel, pruned: string[], why: string): Sel[] {
  const { chain, rebuild } = chainOf(root);
  const node = chain.at(-1)!;
  if (node.children.length) return node.children.map((c) => rebuild([c]));
  if (chain.length === 1) throw new Error(`${root.field} does not fit the document limits even without relations: ${why}`);
  pruned.push(chain.map((n) => n.field).join('.'));
  return [chain.slice(0, -1).reduceRight<Sel | null>((inner, n) => withChildren(n, inner ? [inner] : []), null)!];
}

/**
 * Cuts a selection that is over a limit into selections that are not, covering the same fields: children are
 * packed greedily into as few documents as fit. A single chain that still does not fit loses its last hop.
 */
function splitToFit(root: Sel, pruned: string[]): Sel[] {
  if (fits(root)) return [root];
  const { chain, rebuild } = chainOf(root);
  const node = chain.at(-1)!;
  if (node.children.length <= 1) return splitOnce(root, pruned, 'over the limits').flatMap((p) => splitToFit(p, pruned));
  const bins: Sel[][] = [];
  let bin: Sel[] = [];
  for (const c of node.children) {
    if (bin.length && !fits(rebuild([...bin, c]))) {
      bins.push(bin);
      bin = [];
    }
    bin.push(c);
  }
  bins.push(bin);
  return bins.flatMap((b) => splitToFit(rebuild(b), pruned));
}

describe('a partner never reaches through a relation what the root query refuses', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let partner: SignedIn;
  let partnerQ: SignedIn;
  let colleagueId: string;
  const org: Record<'P' | 'Q' | 'R', string> = { P: '', Q: '', R: '' };
  let a1: TestAgreement;
  let a2: TestAgreement;
  let a3Id: string;
  const commitmentOf: Record<string, string> = {};
  /** Every record made, by id: what it is, for the messages. */
  const label = new Map<string, string>();
  const reportsOfP: string[] = [];
  const reportsOfOthers: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, Role.ADMIN);
    coordinator = await signIn(t, Role.COORDINATOR);
    const c = coordinator.token;
    for (const k of ['P', 'Q', 'R'] as const) {
      org[k] = (await createOrganisation(t, c, { name: `Organisasi ${k} ${Math.random().toString(36).slice(2, 6)}` })).id;
      label.set(org[k], `organisation ${k}`);
    }
    partner = await signIn(t, Role.PARTNER, { organisationId: org.P, displayName: 'Mitra P' });
    partnerQ = await signIn(t, Role.PARTNER, { organisationId: org.Q, displayName: 'Mitra Q' });
    label.set(partner.user.id, 'the partner (P)');
    label.set(partnerQ.user.id, 'the partner of Q');

    // A colleague in P, made by an admin and then changed, so the history holds entries about that account.
    const { createUser: colleague } = await gqlOk(
      t,
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { id version } }',
      { input: { email: `rekan-${Date.now()}@example.org`, displayName: 'Rekan P', role: 'PARTNER', organisationId: org.P, password: STRONG } },
      admin.token,
    );
    await gqlOk(
      t,
      'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { id version } }',
      { input: { id: colleague.id, version: colleague.version, displayName: 'Rekan P (diubah)' } },
      admin.token,
    );
    colleagueId = colleague.id;
    label.set(colleagueId, 'the colleague in P');

    const parties = (...ids: string[]) => ids.map((organisationId) => ({ organisationId, role: 'SIGNATORY', signatoryName: 'Penandatangan' }));

    // A1: P and Q, ACTIVE, a commitment of each, and reports of each in every state.
    a1 = await createActiveAgreement(t, c, { parties: parties(org.P, org.Q), title: 'A1 P–Q' });
    label.set(a1.id, 'A1 (P, Q)');
    for (const k of ['P', 'Q'] as const) {
      const commitment = await addCommitment(t, c, a1, { responsibleOrganisationId: org[k], title: `Komitmen ${k} di A1` });
      commitmentOf[`A1.${k}`] = commitment.id;
      label.set(commitment.id, `A1's commitment of ${k}`);
      const reporter = k === 'P' ? partner.token : partnerQ.token;
      const accepted = await acceptedReport(t, reporter, c, commitment);
      const submitted = await submitReport(t, reporter, (await createReport(t, reporter, commitment, { narrative: 'submitted' })).id);
      const draft = await createReport(t, reporter, commitment, { narrative: 'draft' });
      const correction = await createReport(t, reporter, commitment, { correctsId: accepted.id, narrative: 'correction' });
      const made = { accepted, submitted, draft, correction };
      for (const [state, r] of Object.entries(made)) {
        label.set(r.id, `${k}'s ${state} report on A1`);
        (k === 'P' ? reportsOfP : reportsOfOthers).push(r.id);
      }
    }

    // A2: Q and R only, ACTIVE, with open commitments (so a renewal copies them) and reports.
    const until = addDays(today(), 400);
    a2 = await createActiveAgreement(t, c, { parties: parties(org.Q, org.R), title: 'A2 Q–R', effectiveUntil: until });
    label.set(a2.id, 'A2 (Q, R)');
    for (const k of ['Q', 'R'] as const) {
      const commitment = await addCommitment(t, c, a2, { responsibleOrganisationId: org[k], title: `Komitmen ${k} di A2`, dueOn: addDays(today(), 300) });
      commitmentOf[`A2.${k}`] = commitment.id;
      label.set(commitment.id, `A2's commitment of ${k}`);
      const accepted = k === 'Q' ? await acceptedReport(t, partnerQ.token, c, commitment) : await acceptedReport(t, c, admin.token, commitment);
      const draft = await createReport(t, k === 'Q' ? partnerQ.token : c, commitment, { narrative: 'draft' });
      for (const [state, r] of Object.entries({ accepted, draft })) {
        label.set(r.id, `${k}'s ${state} report on A2`);
        reportsOfOthers.push(r.id);
      }
    }

    // A3: A2 renewed into a DRAFT, whose parties then become P and R; A3.renews is A2, which P may not see.
    const { renewAgreement: renewal } = await gqlOk(
      t,
      `mutation ($input: RenewAgreementInput!) { renewAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`,
      { input: { id: a2.id, reference: `${a2.reference}/R1`, effectiveFrom: addDays(today(), 401), effectiveUntil: addDays(today(), 401 + 3 * 365) } },
      c,
    );
    const { updateAgreement: a3 } = await gqlOk(
      t,
      `mutation ($input: UpdateAgreementInput!) { updateAgreement(input: $input) { ${AGREEMENT_FIELDS} commitments { id title } } }`,
      { input: { id: renewal.id, version: renewal.version, parties: parties(org.P, org.R) } },
      c,
    );
    a3Id = a3.id;
    label.set(a3Id, 'A3 (renews A2; P, R)');
    for (const cm of a3.commitments) label.set(cm.id, `A3's copied commitment "${cm.title}"`);
    expect(a3).toMatchObject({ status: 'DRAFT', renewsId: a2.id });
    expect(a3.parties.map((p: any) => p.organisation.id).sort()).toEqual([org.P, org.R].sort());
  });
  afterAll(() => t?.close());

  it('gives A3.renews as null to the partner: A2 is not theirs', async () => {
    const res = await gql(t, 'query ($id: ID!) { agreement(id: $id) { id renews { id } } }', { id: a3Id }, partner.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.agreement).toEqual({ id: a3Id, renews: null });
    // …while a coordinator sees the link, so the null is the partner's scope and not missing data.
    const asCoordinator = await gqlOk(t, 'query ($id: ID!) { agreement(id: $id) { renews { id } } }', { id: a3Id }, coordinator.token);
    expect(asCoordinator.agreement.renews).toEqual({ id: a2.id });
  });

  it("shows a party every commitment of its agreements, Q's included", async () => {
    const { agreement } = await gqlOk(t, 'query ($id: ID!) { agreement(id: $id) { commitments { id } } }', { id: a1.id }, partner.token);
    const ids = agreement.commitments.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([commitmentOf['A1.P'], commitmentOf['A1.Q']]));
    const { commitment } = await gqlOk(t, 'query ($id: ID!) { commitment(id: $id) { id status fulfilment { status } } }', { id: commitmentOf['A1.Q'] }, partner.token);
    expect(commitment.id).toBe(commitmentOf['A1.Q']);
  });

  it("shows the partner no history of a colleague's account, though it concerns their organisation", async () => {
    // The entries are there, and they concern P: only the rule about accounts keeps them from the partner.
    const all = await gqlOk(t, 'query ($f: AuditTrailFilter) { auditTrail(filter: $f) { edges { node { action organisationIds } } } }', { f: { entityId: colleagueId } }, admin.token);
    expect(all.auditTrail.edges.map((e: any) => e.node.action)).toEqual(expect.arrayContaining(['USER_CREATED', 'USER_UPDATED']));
    for (const e of all.auditTrail.edges) expect(e.node.organisationIds).toContain(org.P);
    const about = { entityType: 'User', entityId: colleagueId };
    const answers = await Promise.all([
      gql(t, 'query ($f: AuditTrailFilter) { auditTrail(filter: $f, first: 100) { edges { node { seq } } } }', { f: about }, partner.token),
      gql(t, 'query ($f: AuditTrailFilter) { auditTrail(filter: $f, first: 100) { edges { node { entityType entityId } } } }', { f: { entityType: 'User' } }, partner.token),
      gql(t, 'query ($t: String!, $id: ID!) { history(entityType: $t, entityId: $id, first: 100) { edges { node { seq } } } }', { t: 'User', id: colleagueId }, partner.token),
      gql(t, 'query ($t: String!, $id: ID!, $at: DateTime!) { recordAt(entityType: $t, entityId: $id, at: $at) { seq } }', { t: 'User', id: colleagueId, at: new Date().toISOString() }, partner.token),
    ]);
    // Each answer is a refusal or holds nothing about the colleague's account.
    const [trail, users, history, recordAt] = answers.map((a) => (a.errors ? null : a.data));
    expect(trail?.auditTrail.edges ?? []).toEqual([]);
    expect((users?.auditTrail.edges ?? []).filter((e: any) => e.node.entityId !== partner.user.id)).toEqual([]);
    expect(history?.history.edges ?? []).toEqual([]);
    expect(recordAt?.recordAt ?? null).toBeNull();
  });

  it('walks every root query the partner may call and reaches nothing the root refuses', async () => {
    schema = buildClientSchema((await gqlOk<IntrospectionQuery>(t, getIntrospectionQuery(), {}, coordinator.token)) as IntrospectionQuery);
    const queryType = schema.getQueryType()!;
    const now = new Date().toISOString();

    const asPartner = (query: string, variables: Record<string, unknown> = {}) => gql(t, query, variables, partner.token);
    const codeOf = (res: GqlResult) => res.errors?.[0]?.extensions?.code as string | undefined;

    // Root queries by id (one required `id`, returning a record with an id), and whether PARTNER may call each.
    const rootById = new Map<string, string>(); // type name -> root field
    const refusedRoots = new Set<string>();
    for (const f of Object.values(queryType.getFields())) {
      const named = getNamedType(f.type);
      const req = requiredArgs(f);
      if (isObjectType(named) && 'id' in named.getFields() && req.length === 1 && req[0]!.name === 'id') {
        const probe = await asPartner(`query ($id: ID!) { ${f.name}(id: $id) { id } }`, { id: FAKE_ID });
        if (codeOf(probe) === 'FORBIDDEN') refusedRoots.add(f.name);
        else rootById.set(named.name, f.name);
      }
    }
    expect([...rootById.values()].sort()).toEqual(expect.arrayContaining(['agreement', 'commitment', 'organisation', 'report']));

    // What the partner gets at the root for a record: cached per record.
    const rootAnswer = new Map<string, string>();
    const fetchAtRoot = async (typename: string, id: string): Promise<string> => {
      const key = `${typename}:${id}`;
      if (!rootAnswer.has(key)) {
        const res = await asPartner(`query ($id: ID!) { ${rootById.get(typename)}(id: $id) { id } }`, { id });
        const answer = res.errors?.length ? (codeOf(res) ?? 'ERROR') : res.data?.[rootById.get(typename)!]?.id === id ? 'OK' : 'OTHER';
        rootAnswer.set(key, answer);
      }
      return rootAnswer.get(key)!;
    };

    const skippedRelations = new Set<string>();
    const coveredRoots = new Set<string>();
    const coveredRelations = new Set<string>();
    const skippedRoots: Record<string, string> = {};
    const pruned: string[] = [];
    const nestedErrors: string[] = [];
    const reached: Reached[] = [];
    let documents = 0;
    let rootCalls = 0;
    let objectChecks = 0;

    /** Runs one root call with a generated selection, cut to fit the limits; collects every object reached. */
    async function walk(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): Promise<'OK' | string> {
      const named = getNamedType(field.type) as GraphQLObjectType;
      const argText = Object.entries({ ...args, ...(isConnectionField(field) ? { first: PAGE } : {}) })
        .map(([k, v]) => `${k}: ${typeof v === 'object' && v && 'enum' in v ? (v as { enum: string }).enum : JSON.stringify(v)}`)
        .join(', ');
      const single = !isConnectionType(named) && !isListType(getNullableType(field.type));
      const maxHops = single ? HOPS_FOR_RECORD_ROOT : HOPS_FOR_LIST_ROOT;
      const conn = isConnectionField(field);
      const root: Sel = {
        field: field.name,
        args: argText ? `(${argText})` : '',
        type: named,
        items: conn ? PAGE : isListType(getNullableType(field.type)) ? LIST_FACTOR : 1,
        ...selectionOf(named, 0, maxHops, conn, skippedRelations),
      };
      rootCalls++;
      const queue = splitToFit(root, pruned);
      const where = `${field.name}${root.args}`;
      while (queue.length) {
        const part = queue.shift()!;
        const res = await asPartner(`query { ${render(part)} }`);
        documents++;
        const code = codeOf(res);
        const reason = res.errors?.[0]?.extensions?.reason as string | undefined;
        if (res.errors?.length && (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') && /MAX_|token/i.test(`${reason} ${res.errors[0]!.message}`)) {
          // Over a limit after all (the server has the last word): cut this part smaller.
          queue.push(...splitOnce(part, pruned, res.errors[0]!.message));
          continue;
        }
        const rootError = res.errors?.find((e) => e.path?.length === 1);
        if (rootError) return (rootError.extensions?.code as string) ?? 'ERROR';
        if (res.errors?.length && !res.data) throw new Error(`${where}: ${JSON.stringify(res.errors)}`);
        for (const e of res.errors ?? []) nestedErrors.push(`${where} ${e.path?.join('.')}: ${e.extensions?.code} ${e.message}`);
        if (res.data?.[field.name] == null) continue;
        coveredRoots.add(field.name);
        const markCovered = (s: Sel) => s.children.forEach((c) => (coveredRelations.add(`${s.type.name}.${c.field}`), markCovered(c)));
        markCovered(part);
        collect(res.data[field.name], where);
      }
      return 'OK';
    }

    function collect(value: unknown, path: string): void {
      if (Array.isArray(value)) return value.forEach((v) => collect(v, path));
      if (!value || typeof value !== 'object') return;
      const obj = value as Record<string, any>;
      let here = path;
      if (typeof obj.__typename === 'string') {
        const id = typeof obj.id === 'string' ? obj.id : undefined;
        here = `${path}[${obj.__typename}${id ? `#${short(id)}` : ''}]`;
        reached.push({ typename: obj.__typename, id, obj, path: here });
      }
      for (const [k, v] of Object.entries(obj)) if (v && typeof v === 'object') collect(v, `${here}.${k}`);
    }

    /** The argument sets a root field can be called with, or why it cannot be. */
    function argumentSets(field: GraphQLField<unknown, unknown>, seeds: Map<string, Set<string>>): Record<string, unknown>[] | string {
      const req = requiredArgs(field);
      const names = req.map((a) => a.name);
      let sets: Record<string, unknown>[] = [{}];
      const returned = getNamedType(field.type).name;
      const cross = (values: Record<string, unknown>[]) => (sets = sets.flatMap((s) => values.map((v) => ({ ...s, ...v }))));
      for (const a of req as GraphQLArgument[]) {
        const type = getNamedType(a.type);
        if (a.name === 'id') cross([...(seeds.get(returned) ?? [])].map((id) => ({ id })));
        else if (a.name === 'commitmentId') cross([...(seeds.get('Commitment') ?? [])].map((commitmentId) => ({ commitmentId })));
        else if (a.name === 'entityId' && names.includes('entityType')) {
          const kinds = new Set([...entityTypes, ...rootById.keys(), 'User']);
          const pairs = [...seeds.entries()].filter(([type]) => kinds.has(type)).flatMap(([entityType, ids]) => [...ids].map((entityId) => ({ entityType, entityId })));
          cross(pairs);
        } else if (a.name === 'entityType' && names.includes('entityId')) continue;
        else if (a.name === 'at' && type.name === 'DateTime') cross([{ at: now }]);
        else if (a.name === 'code' && returned === 'Place') cross([...(seeds.get('Place') ?? [])].slice(0, 2).map((code) => ({ code })));
        else if (isEnumType(type)) cross(type.getValues().map((v) => ({ [a.name]: { enum: v.name } })));
        else return `needs ${a.name}: ${String(a.type)}`;
      }
      return sets.length ? sets : 'no record of that kind is visible to the partner';
    }

    const entityTypes = new Set<string>();
    const walkRoots = async (fields: GraphQLField<unknown, unknown>[], seeds: Map<string, Set<string>>) => {
      for (const f of fields) {
        if (refusedRoots.has(f.name)) {
          skippedRoots[f.name] = 'FORBIDDEN for PARTNER';
          continue;
        }
        const sets = argumentSets(f, seeds);
        if (typeof sets === 'string') {
          skippedRoots[f.name] = sets;
          continue;
        }
        for (const args of sets) {
          const answer = await walk(f, args);
          if (answer === 'FORBIDDEN') {
            skippedRoots[f.name] = 'FORBIDDEN for PARTNER';
            refusedRoots.add(f.name);
            break;
          }
          if (answer !== 'OK') skippedRoots[`${f.name}(${JSON.stringify(args)})`] = `refused at the root: ${answer}`;
        }
      }
    };

    // Phase 1: the root queries that need no argument (or only enums).
    const all = Object.values(queryType.getFields());
    const noIds = all.filter((f) => requiredArgs(f).every((a) => isEnumType(getNamedType(a.type))));
    await walkRoots(noIds, new Map());

    /** Checks every record reached so far; returns the ids that the root gives the partner, by type. */
    const failures: string[] = [];
    const historyFailures: string[] = [];
    const accountFailures: string[] = [];
    const checked = new Set<string>();
    let checkedUpTo = 0;
    const checkReached = async (): Promise<Map<string, Set<string>>> => {
      const visible = new Map<string, Set<string>>();
      const add = (type: string, id: string) => visible.set(type, (visible.get(type) ?? new Set()).add(id));
      for (const r of reached.slice(checkedUpTo)) {
        if (r.typename === 'HistoryEntry') {
          entityTypes.add(r.obj.entityType);
          if (!r.obj.organisationIds?.includes(org.P)) historyFailures.push(`${r.path}: organisationIds ${JSON.stringify(r.obj.organisationIds)} lack P`);
          if (r.obj.entityType === 'User' && r.obj.entityId !== partner.user.id) {
            historyFailures.push(`${r.path}: about user ${r.obj.entityId} (${label.get(r.obj.entityId) ?? '?'})`);
          }
          if (rootById.has(r.obj.entityType)) {
            const answer = await fetchAtRoot(r.obj.entityType, r.obj.entityId);
            objectChecks++;
            checked.add(`${r.obj.entityType}:${r.obj.entityId}`);
            if (answer !== 'OK') {
              historyFailures.push(`${r.path}: about ${r.obj.entityType} ${r.obj.entityId} (${label.get(r.obj.entityId) ?? '?'}), which ${rootById.get(r.obj.entityType)}(id) answers ${answer}`);
            } else add(r.obj.entityType, r.obj.entityId);
          }
        }
        if (!r.id) continue;
        if (r.typename === 'User' && r.id !== partner.user.id) accountFailures.push(`${r.path}: the account of ${label.get(r.id) ?? r.id}`);
        if (r.typename === 'User' && r.id === partner.user.id) add('User', r.id);
        if (!rootById.has(r.typename)) continue;
        objectChecks++;
        checked.add(`${r.typename}:${r.id}`);
        const answer = await fetchAtRoot(r.typename, r.id);
        if (answer === 'OK') add(r.typename, r.id);
        else failures.push(`${r.path}: ${r.typename} ${r.id} (${label.get(r.id) ?? '?'}) — ${rootById.get(r.typename)}(id) answers ${answer}`);
      }
      checkedUpTo = reached.length;
      return visible;
    };
    const seeds = await checkReached();
    // Places have no id but a code; the walk selects only __typename and id, so give place(code) a known one.
    seeds.set('Place', new Set(['36']));
    seeds.set('User', new Set([partner.user.id]));

    // Phase 2: the root queries that take an id (or commitmentId, or entityType + entityId) of a visible record.
    const withIds = all.filter((f) => !noIds.includes(f));
    await walkRoots(withIds, seeds);
    await checkReached();

    const reports = reached.filter((r) => r.typename === 'Report').map((r) => r.id!);
    const historyAbout = reached.filter((r) => r.typename === 'HistoryEntry').map((r) => r.obj.entityId as string);
    const summary = {
      rootCalls,
      documents,
      rootFieldsWalked: [...coveredRoots].sort(),
      rootFieldsSkipped: skippedRoots,
      relationFieldsFollowed: coveredRelations.size,
      relationFieldsOfRecords: [...coveredRelations].filter((r) => !/^(\w+(Connection|Edge))\./.test(r)).sort(),
      relationFieldsNeedingArguments: [...skippedRelations],
      pathsCutForCost: [...new Set(pruned)],
      objectsReached: reached.length,
      recordsChecked: checked.size,
      objectChecks,
      nestedErrors: nestedErrors.slice(0, 20),
    };
    console.log(JSON.stringify(summary, null, 2));

    // The check can fail: the root refuses the partner A2 and the other organisations' reports.
    expect(await fetchAtRoot('Agreement', a2.id)).toBe('NOT_FOUND');
    for (const id of reportsOfOthers) expect(await fetchAtRoot('Report', id)).toBe('NOT_FOUND');

    // The walk is not vacuous: it went through the schema and reached the partner's own records.
    expect(coveredRoots.size).toBeGreaterThanOrEqual(10);
    expect(coveredRelations.size).toBeGreaterThanOrEqual(30);
    expect(reports).toEqual(expect.arrayContaining(reportsOfP));
    expect(reached.some((r) => r.typename === 'Agreement' && r.id === a1.id) && reached.some((r) => r.typename === 'Agreement' && r.id === a3Id)).toBe(true);
    expect(historyAbout.length).toBeGreaterThan(0);

    // The rule.
    expect(failures).toEqual([]);
    expect(historyFailures).toEqual([]);
    expect(accountFailures).toEqual([]);
    expect([...new Set(reports)].filter((id) => reportsOfOthers.includes(id)).map((id) => label.get(id))).toEqual([]);
    expect([...new Set(historyAbout)].filter((id) => reportsOfOthers.includes(id)).map((id) => label.get(id))).toEqual([]);
    expect(reached.filter((r) => r.id === a2.id).map((r) => r.path)).toEqual([]);
    expect(reached.filter((r) => r.typename === 'User').every((r) => r.id === partner.user.id)).toBe(true);
  }, 600_000);
});
