import { Role } from '../../src/common/auth/role.js';
import { signIn } from '../utils/auth.js';
import { gqlError, gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

describe('places', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = (await signIn(t, Role.PARTNER)).token;
  });
  afterAll(() => t.close());

  it('holds the whole official list of administrative areas', async () => {
    const counts = await t.db.query(`SELECT level, count(*)::int AS n FROM place GROUP BY level ORDER BY level`);
    expect(counts).toEqual([
      { level: 'PROVINCE', n: 38 },
      { level: 'REGENCY', n: 514 },
      { level: 'DISTRICT', n: 7285 },
      { level: 'VILLAGE', n: 83762 },
    ]);
  });

  it('finds a village by its code with its parent and ancestors', async () => {
    const data = await gqlOk(
      t,
      `{ place(code: "35.13.13.2003") { code name level parent { code name } ancestors { code name level } } }`,
      {},
      token,
    );
    expect(data.place).toEqual({
      code: '35.13.13.2003',
      name: 'Alasnyiur',
      level: 'VILLAGE',
      parent: { code: '35.13.13', name: 'Besuk' },
      ancestors: [
        { code: '35', name: 'Jawa Timur', level: 'PROVINCE' },
        { code: '35.13', name: 'Kabupaten Probolinggo', level: 'REGENCY' },
        { code: '35.13.13', name: 'Besuk', level: 'DISTRICT' },
      ],
    });
  });

  it('answers NOT_FOUND for a code that is not a place', async () => {
    const err = await gqlError(t, `{ place(code: "99") { name } }`, {}, token);
    expect(err.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'PLACE_NOT_FOUND' });
  });

  it('lists the children of a place page by page, without gaps or repeats', async () => {
    const query = `query ($after: String) { places(parentCode: "33", first: 10, after: $after) {
      totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const data: any = await gqlOk(t, query, { after }, token);
      total = data.places.totalCount;
      seen.push(...data.places.edges.map((e: any) => e.node.code));
      after = data.places.pageInfo.hasNextPage ? data.places.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(35);
    expect(seen).toHaveLength(35);
    expect(new Set(seen).size).toBe(35);
    expect(seen).toContain('33.75');
  });

  it('searches names case-insensitively within a level', async () => {
    const data = await gqlOk(t, `{ places(level: REGENCY, search: "pekalongan") { edges { node { code name } } } }`, {}, token);
    expect(data.places.edges.map((e: any) => e.node.code)).toEqual(['33.26', '33.75']);
  });

  it('refuses a page larger than the maximum', async () => {
    const err = await gqlError(t, `{ places(first: 1000) { totalCount } }`, {}, token);
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(err.extensions.fields[0].path).toBe('first');
  });
});
