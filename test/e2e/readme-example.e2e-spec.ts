import { readFile } from 'node:fs/promises';
import { Role } from '../../src/common/auth/role.js';
import { signIn } from '../utils/auth.js';
import { gqlOk } from '../utils/graphql.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/** The ```graphql blocks of one README section, in order. */
async function examples(section: string): Promise<string[]> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(section);
  if (start < 0) throw new Error(`README has no section "${section}"`);
  const end = readme.indexOf('\n## ', start + section.length);
  const text = readme.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Remembers the id under every alias of an answer, for the {{alias}} placeholders of later requests. */
function remember(ids: Map<string, string>, data: Record<string, unknown>) {
  for (const [alias, value] of Object.entries(data)) {
    const id = (value as { id?: unknown } | null)?.id;
    if (typeof id === 'string') ids.set(alias, id);
  }
}

describe('README examples', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('records the Banten MoU of 20 March 2023 with its four points as commitments, exactly as the README shows', async () => {
    const coordinator = await signIn(t, Role.COORDINATOR);
    const blocks = await examples('### Example: the Banten MoU of 20 March 2023');
    expect(blocks).toHaveLength(5);
    const ids = new Map<string, string>();
    let last: Record<string, any> = {};
    for (const block of blocks) {
      const query = block.replace(/\{\{(\w+)\}\}/g, (_, name: string) => ids.get(name) ?? `missing ${name}`);
      last = await gqlOk(t, query, {}, coordinator.token);
      remember(ids, last);
    }
    expect(last.agreement).toMatchObject({ status: 'ACTIVE', signedOn: '2023-03-20' });
    expect(last.agreement.keyPoints).toHaveLength(4);
    expect(last.agreement.commitments.map((c: any) => c.keyPointNumber)).toEqual([1, 2, 3, 4]);
  });

  it('answers the coordinator’s dashboard query exactly as the README shows', async () => {
    const coordinator = await signIn(t, Role.COORDINATOR);
    const [dashboard] = await examples('### Fulfilment');
    const data = await gqlOk(t, dashboard!, {}, coordinator.token);
    expect(Object.keys(data)).toEqual(['byOrganisation', 'byCategory', 'overdueCommitments', 'missingReports', 'reportsAwaitingReview']);
  });
});
