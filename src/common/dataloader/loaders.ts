import DataLoader from 'dataloader';
import type { RequestContext } from '../context/request-context.js';

/**
 * A per-request DataLoader that fetches many rows in one call and hands each key its row (or null).
 * `name` must be unique across the app: it keys the loader in the request context.
 */
export function oneByKey<K, V>(
  ctx: RequestContext,
  name: string,
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return ctx.loader(name, () =>
    new DataLoader<K, V | null>(async (keys) => {
      const found = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
      return keys.map((k) => found.get(k) ?? null);
    }),
  );
}

/** A per-request DataLoader that fetches the rows of many parents in one call and hands each parent its list. */
export function manyByKey<K, V>(
  ctx: RequestContext,
  name: string,
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return ctx.loader(name, () =>
    new DataLoader<K, V[]>(async (keys) => {
      const groups = new Map<K, V[]>(keys.map((k) => [k, []]));
      for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
      return keys.map((k) => groups.get(k)!);
    }),
  );
}
