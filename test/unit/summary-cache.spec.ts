import { SummaryCache } from '../../src/modules/fulfilment/summary-cache.js';
import type { FulfilmentGroup } from '../../src/modules/fulfilment/fulfilment.type.js';

const groups = (n: number, label = 'g') =>
  Array.from({ length: n }, (_, i) => ({ key: `${label}${i}`, label: `${label}${i}` }) as FulfilmentGroup);

describe('SummaryCache', () => {
  it('answers what was filed under the same write', () => {
    const cache = new SummaryCache(100);
    const answer = groups(3);
    cache.set(7, 'by organisation', answer);
    expect(cache.get(7, 'by organisation')).toBe(answer);
    expect(cache.get(7, 'by category')).toBeUndefined();
  });

  it('drops every answer of an earlier write once an answer after a later one is filed', () => {
    const cache = new SummaryCache(100);
    cache.set(7, 'a', groups(2));
    cache.set(7, 'b', groups(2));
    cache.set(8, 'c', groups(1));
    expect(cache.get(7, 'a')).toBeUndefined();
    expect(cache.get(8, 'a')).toBeUndefined();
    expect(cache.get(8, 'b')).toBeUndefined();
    expect(cache.get(8, 'c')).toHaveLength(1);
  });

  it('does not file an answer computed before the last write it has seen', () => {
    const cache = new SummaryCache(100);
    cache.set(8, 'a', groups(1, 'new'));
    cache.set(7, 'a', groups(1, 'old'));
    cache.set(7, 'b', groups(1, 'old'));
    expect(cache.get(8, 'a')![0]!.key).toBe('new0');
    expect(cache.get(8, 'b')).toBeUndefined();
    expect(cache.get(7, 'b')).toBeUndefined();
  });

  it('drops the least recently used answers once their groups pass its capacity, empty answers weighing one', () => {
    const cache = new SummaryCache(10);
    cache.set(1, 'a', groups(4)); // weighs 5
    cache.set(1, 'b', groups(3)); // 4, together 9
    expect(cache.get(1, 'a')).toBeDefined(); // a is now the most recent
    cache.set(1, 'empty', []); // 1, together 10: still within
    expect(cache.get(1, 'b')).toBeDefined();
    cache.set(1, 'c', []); // 11: the least recently used (a) goes
    expect(cache.get(1, 'a')).toBeUndefined();
    expect(cache.get(1, 'b')).toBeDefined();
    expect(cache.get(1, 'empty')).toEqual([]);
    expect(cache.get(1, 'c')).toEqual([]);
  });

  it('keeps an answer larger than its capacity alone', () => {
    const cache = new SummaryCache(3);
    cache.set(1, 'a', groups(1));
    cache.set(1, 'big', groups(5));
    expect(cache.get(1, 'a')).toBeUndefined();
    expect(cache.get(1, 'big')).toHaveLength(5);
  });
});
