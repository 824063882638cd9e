import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { Role } from '../../src/common/auth/role.js';
import { signIn, type SignedIn } from '../utils/auth.js';
import { gql } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/** `agreement { commitments { agreement { commitments { … } } } }`, `levels` deep. */
const cycle = (levels: number) => {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = i % 2 ? `agreement { ${inner} }` : `commitments { ${inner} }`;
  return `query ($id: ID!) { agreement(id: $id) { ${inner} } }`;
};

describe('document limits, refused before execution', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  const refused = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await gql(t, query, variables, coordinator.token);
    expect(res.data ?? null).toBeNull();
    return res.errors![0]!;
  };

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await signIn(t, Role.COORDINATOR);
  });
  afterAll(() => t.close());

  it('refuses a 20-level relation cycle by its depth', async () => {
    const err = await refused(cycle(20), { id: '00000000-0000-4000-8000-000000000000' });
    expect(err.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_DEPTH' });
    expect(err.message).toMatch(/batas kedalaman 10 terlampaui/);
  });

  it('refuses a shallow document whose lists multiply past the cost limit', async () => {
    const err = await refused(`{ agreements(first: 100) { edges { node { commitments { agreement { commitments { agreement { parties { organisation { name } } } } } } } } } }`);
    expect(err.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_COST' });
    expect(err.message).toMatch(/Biaya operasi ini \d+/);
  });

  it('costs a page by its size, variables included', async () => {
    const page = 'query ($n: Int) { agreements(first: $n) { edges { node { parties { organisation { name } } commitments { title } } } } }';
    expect((await gql(t, page, { n: 50 }, coordinator.token)).errors).toBeUndefined();
    const wide = `query ($n: Int) { agreements(first: $n) { edges { node { ${Array.from({ length: 8 }, (_, i) => `c${i}: commitments { title description agreement { title } }`).join(' ')} } } } }`;
    expect((await refused(wide, { n: 100 })).extensions.reason).toBe('MAX_COST');
  });

  it('refuses a fragment fan-out at once, without expanding it', async () => {
    const fragments = Array.from({ length: 30 }, (_, i) =>
      i === 29 ? `fragment F${i} on Organisation { name }` : `fragment F${i} on Organisation { a: parent { ...F${i + 1} } b: parent { ...F${i + 1} } }`,
    );
    const started = Date.now();
    const err = await refused(`{ organisations(first: 1) { edges { node { ...F0 } } } } ${fragments.join(' ')}`);
    expect(['MAX_DEPTH', 'MAX_COST', 'MAX_ALIASES']).toContain(err.extensions.reason);
    expect(Date.now() - started).toBeLessThan(10_000); // a sanity bound on a refusal, not a benchmark
  });

  it('refuses too many aliases, root fields and directives, naming the limit', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect((await refused(aliases(100))).extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_ALIASES' });
    expect((await refused(aliases(1000))).extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', reason: 'MAX_TOKENS' });
    const roots = `{ ${Array.from({ length: 11 }, () => 'me { id }').join(' ')} }`;
    expect((await refused(roots)).extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_ROOT_FIELDS' });
    const directives = `{ me { id ${Array.from({ length: 11 }, () => '@include(if: true)').join(' ')} } }`;
    expect((await refused(directives)).extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_DIRECTIVES' });
  });

  it('refuses an over-long or absurdly nested document while parsing, with a message and no internal text', async () => {
    const deep = `{ me ${'{ parent '.repeat(5_000)}${'}'.repeat(5_001)} }`;
    for (const doc of [deep, `{ me { id } } ${'# x\n'.repeat(10)} ${'query Q { me { id } } '.repeat(400)}`]) {
      const res = await request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${coordinator.token}`).send({ query: doc });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', reason: 'MAX_TOKENS' });
      expect(JSON.stringify(res.body)).not.toMatch(/call stack|at .*\.js/);
    }
  });

  it('answers a body over the size limit with a GraphQL error in JSON, not an HTML page', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: '{ me { id } }', variables: { pad: 'x'.repeat(200_000) } });
    expect(res.status).toBe(413);
    expect(res.type).toBe('application/json');
    expect(res.body.errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', reason: 'BODY_TOO_LARGE' });
  });

  it('keeps every ordinary query of the README under the limits', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/"\{\{\w+\}\}"|"…"/g, '"00000000-0000-4000-8000-000000000000"'));
    expect(blocks.length).toBeGreaterThan(8);
    for (const block of blocks) {
      const res = await gql(t, block, {}, coordinator.token);
      const limited = (res.errors ?? []).filter((e) => String(e.extensions.reason ?? '').startsWith('MAX_'));
      expect({ block: block.slice(0, 60), limited }).toEqual({ block: block.slice(0, 60), limited: [] });
    }
  });
});

describe('in production', () => {
  const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'q8Vv2kZ0xN4rT7pL1sW9yB3mD6fH5jK0-production' };
  let t: TestApp;
  let coordinator: SignedIn;
  afterEach(() => t.close());

  it('hides field suggestions and, unless configured, introspection', async () => {
    t = await createTestApp(PRODUCTION);
    coordinator = await signIn(t, Role.COORDINATOR);
    const typo = await gql(t, '{ organisationz { totalCount } }', {}, coordinator.token);
    expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
    const intro = await gql(t, '{ __schema { queryType { name } } }', {}, coordinator.token);
    expect(intro.errors![0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers introspection when GRAPHQL_INTROSPECTION=true', async () => {
    t = await createTestApp({ ...PRODUCTION, GRAPHQL_INTROSPECTION: 'true' });
    coordinator = await signIn(t, Role.COORDINATOR);
    expect((await gql(t, '{ __schema { queryType { name } } }', {}, coordinator.token)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});
