import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Role } from '../../src/common/auth/role.js';
import { createOrganisation } from '../factories/organisation.factory.js';
import { signIn } from '../utils/auth.js';
import { gql } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/** Mutations anyone may call, because they are how one signs in; each refuses bad credentials itself. */
const SIGN_IN = ['login', 'refreshSession'];
/** Ends the caller's own session: an auditor may sign out, which changes no record. */
const OWN_SESSION = ['logout'];

/** A value of the right GraphQL type for every required argument, so the call reaches the permission check. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  if (isScalarType(named)) {
    const scalars: Record<string, unknown> = {
      ID: '00000000-0000-4000-8000-000000000000',
      String: 'x',
      Int: 1,
      Float: 1,
      Boolean: true,
      Date: '2024-01-01',
      DateTime: '2024-01-01T00:00:00.000Z',
      JSON: {},
    };
    if (named.name in scalars) return scalars[named.name];
  }
  throw new Error(`No sample value for ${named.toString()}: add one to the walker`);
}

function callOf(name: string, args: readonly GraphQLArgument[]) {
  const required = args.filter((a) => isNonNullType(a.type));
  const vars = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const pass = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  return {
    query: `mutation${vars ? ` (${vars})` : ''} { ${name}${pass ? `(${pass})` : ''} { __typename } }`,
    variables: Object.fromEntries(required.map((a) => [a.name, sample(a.type)])),
  };
}

describe('permissions', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    t = await createTestApp();
    schema = t.app.get(GraphQLSchemaHost).schema;
  });
  afterAll(() => t.close());

  const mutations = () => Object.values(schema.getMutationType()!.getFields());
  const call = (name: string, token?: string) => {
    const field = schema.getMutationType()!.getFields()[name]!;
    const { query, variables } = callOf(name, field.args);
    // Scalar results (Boolean) take no selection.
    const q = isScalarType(getNamedType(field.type)) ? query.replace(' { __typename }', '') : query;
    return gql(t, q, variables, token);
  };

  it('walks every mutation of the schema: anonymous calls are UNAUTHENTICATED, auditors are FORBIDDEN', async () => {
    const auditor = (await signIn(t, Role.AUDITOR)).token;
    const names = mutations().map((m) => m.name).filter((n) => !SIGN_IN.includes(n));
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) {
      const anonymous = await call(name);
      expect({ name, code: anonymous.errors?.[0]?.extensions.code }).toEqual({ name, code: 'UNAUTHENTICATED' });
      if (OWN_SESSION.includes(name)) continue;
      const audited = await call(name, auditor);
      expect({ name, code: audited.errors?.[0]?.extensions.code }).toEqual({ name, code: 'FORBIDDEN' });
    }
    const rows = Number((await t.db.query('SELECT count(*) AS n FROM history_entry'))[0].n);
    expect(rows).toBe(0);
  });

  it('lets anyone call the sign-in mutations, which then judge the credentials', async () => {
    for (const name of SIGN_IN) {
      const res = await call(name);
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: name === 'login' ? 'INVALID_CREDENTIALS' : 'INVALID_REFRESH_TOKEN',
      });
    }
  });

  describe('organisation operations, role by role', () => {
    const ops = {
      createOrganisation: (_: string) => ({ q: 'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }', v: { input: { kind: 'NGO', name: `Yayasan ${Math.random()}`, placeCode: '36' } } }),
      updateOrganisation: (id: string) => ({ q: 'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }', v: { input: { id, version: 1, address: 'Serang' } } }),
      addNetworkMember: (id: string) => ({ q: 'mutation ($input: AddNetworkMemberInput!) { addNetworkMember(input: $input) { id } }', v: { input: { networkId: id, memberId: id, joinedOn: '2024-01-01' } } }),
      endNetworkMembership: (id: string) => ({ q: 'mutation ($input: EndNetworkMembershipInput!) { endNetworkMembership(input: $input) { id } }', v: { input: { membershipId: id, leftOn: '2024-12-31' } } }),
      organisation: (id: string) => ({ q: 'query ($id: ID!) { organisation(id: $id) { id } }', v: { id } }),
      organisations: (_: string) => ({ q: '{ organisations { totalCount } }', v: {} }),
      archiveOrganisation: (id: string) => ({ q: 'mutation ($input: ArchiveOrganisationInput!) { archiveOrganisation(input: $input) { id } }', v: { input: { id, version: 1, reason: 'test' } } }),
    };
    const allowed: Record<Role, (keyof typeof ops)[]> = {
      [Role.ADMIN]: Object.keys(ops) as (keyof typeof ops)[],
      [Role.COORDINATOR]: Object.keys(ops) as (keyof typeof ops)[],
      [Role.AUDITOR]: ['organisation', 'organisations'],
      [Role.PARTNER]: ['organisation', 'organisations'],
    };

    it.each(Object.values(Role))('%s may do exactly what the role table says', async (role) => {
      const admin = (await signIn(t, Role.ADMIN)).token;
      const org = await createOrganisation(t, admin);
      const who = await signIn(t, role, { organisationId: role === Role.PARTNER ? org.id : null });
      for (const [name, build] of Object.entries(ops)) {
        const { q, v } = build(org.id);
        const res = await gql(t, q, v, who.token);
        const code = res.errors?.[0]?.extensions.code;
        if (allowed[role].includes(name as keyof typeof ops)) {
          // Allowed through the permission check; the rule itself may still refuse (a network of itself).
          expect({ name, code }).not.toEqual({ name, code: 'FORBIDDEN' });
        } else {
          expect({ name, code }).toEqual({ name, code: 'FORBIDDEN' });
        }
      }
    });
  });

  it('refuses a deactivated user everything, at once', async () => {
    const admin = await signIn(t, Role.ADMIN);
    const coordinator = await signIn(t, Role.COORDINATOR);
    await gql(t, 'mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { id } }', { input: { id: coordinator.user.id, version: 1 } }, admin.token);
    const res = await gql(t, '{ organisations { totalCount } }', {}, coordinator.token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
  });
});
