import { compareKeys, pageOfSorted } from '../../src/common/graphql/connection.js';

interface Item {
  label: string;
  key: string;
}
const keyOf = (i: Item): [string, string] => [i.label, i.key];
const sorted = (items: Item[]) => [...items].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
const labels = (page: { edges: { node: Item }[] }) => page.edges.map((e) => e.node.label);

describe('pageOfSorted (a list in memory, paged like the database lists)', () => {
  const items = sorted(['Yayasan', 'apsai', 'APSAI', 'Dinas', 'Banten', 'Dinas'].map((label, i) => ({ label, key: `k${i}` })));

  it('orders by label, the key breaking ties, uppercase first whatever the locale', () => {
    expect(items.map((i) => `${i.label}/${i.key}`)).toEqual(['APSAI/k2', 'Banten/k4', 'Dinas/k3', 'Dinas/k5', 'Yayasan/k0', 'apsai/k1']);
  });

  it('orders by code point, as PostgreSQL’s "C" collation does, above U+FFFF too', () => {
    // In UTF-16 code units the emoji (U+1F600, D83D DE00) would come before the fullwidth A (U+FF21).
    const wide = sorted(['\u{1F600}', '\uFF21', 'A', 'AB'].map((label) => ({ label, key: label })));
    expect(wide.map((i) => i.label)).toEqual(['A', 'AB', '\uFF21', '\u{1F600}']);
  });

  it('walks every item once, page after page, and says when there is more', () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = pageOfSorted(items, { first: 4, after }, keyOf);
      expect(page.totalCount).toBe(6);
      expect(page.pageInfo.hasPreviousPage).toBe(Boolean(after));
      seen.push(...page.edges.map((e) => e.node.key));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(items.map((i) => i.key));
  });

  it('continues after where the cursor’s item was when that item is gone', () => {
    const first = pageOfSorted(items, { first: 3 }, keyOf);
    expect(labels(first)).toEqual(['APSAI', 'Banten', 'Dinas']);
    const withoutIt = items.filter((i) => i.key !== 'k3');
    const next = pageOfSorted(withoutIt, { first: 3, after: first.pageInfo.endCursor! }, keyOf);
    expect(next.edges.map((e) => e.node.key)).toEqual(['k5', 'k0', 'k1']);
  });

  it('gives an empty last page after the last item, and refuses a cursor it did not make', () => {
    const all = pageOfSorted(items, { first: 6 }, keyOf);
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(pageOfSorted(items, { first: 6, after: all.pageInfo.endCursor! }, keyOf).edges).toEqual([]);
    expect(() => pageOfSorted(items, { first: 2, after: 'not-a-cursor' }, keyOf)).toThrow(expect.objectContaining({ reason: 'INVALID_CURSOR' }));
  });
});
