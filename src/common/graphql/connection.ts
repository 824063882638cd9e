import { ArgsType, Field, type FieldMiddleware, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors/app-error.js';
import { entitiesOf } from '../database/entity-rows.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `At most ${MAX_PAGE_SIZE}` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @IsString()
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for it (readWhenAsked): a page whose totalCount nobody selected runs no COUNT over its whole filter. */
  totalCount: number | (() => Promise<number>);
}

/**
 * For a field whose value may be a function that reads it (a page's count, see Page.totalCount): calls it, so it
 * runs only when the field is selected. Nest's own field resolver hands a function over as it is.
 */
export const readWhenAsked: FieldMiddleware = async (_ctx, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => unknown)() : value;
};

/** A Relay connection type for `node`: `Connection(Organisation)` gives edges, pageInfo and totalCount. */
export function Connection<T>(node: Type<T>) {
  @ObjectType(`${node.name}Edge`)
  class EdgeType {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [EdgeType]) edges: EdgeType[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'How many records match the filter, on all pages', middleware: [readWhenAsked] })
    totalCount: number | (() => Promise<number>);
  }
  return ConnectionType;
}

type SortValue = string | number;

export interface KeysetOrder<E> {
  /** SQL expression of the sort column, e.g. `o.name`; must be unique together with `id`. */
  column: string;
  /** SQL expression of the tie-breaking unique column, e.g. `o.id`. */
  id: string;
  direction: 'ASC' | 'DESC';
  /** The sort value and id of a loaded row, written into its cursor. */
  key: (row: E) => [SortValue, string];
}

const encode = (key: [SortValue, string]) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decode(cursor: string): [SortValue, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string') return value as [SortValue, string];
  } catch {
    // fall through to the client error below
  }
  throw badInput('INVALID_CURSOR', 'after');
}

/** The page's edges and pageInfo from up to `first + 1` rows in order (the extra one says a next page exists). */
function pageOf<E, T>(rows: readonly E[], first: number, page: PageArgs, key: (row: E) => [SortValue, string], toNode: (row: E) => T, totalCount: Page<T>['totalCount']): Page<T> {
  const edges = rows.slice(0, first).map((row) => ({ cursor: encode(key(row)), node: toNode(row) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(page.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const pageSize = (page: PageArgs) => Math.min(page.first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);

/**
 * Keyset pagination: `WHERE (sort, id) > (cursor)` with `LIMIT first + 1`, never OFFSET, so a page
 * costs the same wherever it is in the list. totalCount comes from one COUNT over the same filter.
 */
export async function paginate<E extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<E>,
  page: PageArgs,
  order: KeysetOrder<E>,
  toNode: (row: E) => T,
): Promise<Page<T>> {
  const first = pageSize(page);
  const counting = qb.clone();
  if (page.after) {
    const [value, id] = decode(page.after);
    const cmp = order.direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${order.column}, ${order.id}) ${cmp} (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
  }
  const rows = await entitiesOf(qb.orderBy(order.column, order.direction).addOrderBy(order.id, order.direction).take(undefined).limit(first + 1));
  return pageOf(rows, first, page, order.key, toNode, () => counting.getCount());
}

/** Orders text by Unicode code point, as PostgreSQL's "C" collation does (UTF-16 code units differ above U+FFFF). */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i)! < b.codePointAt(i)! ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/**
 * Orders text keys by code point, the first element then the second: the same order whatever the database's
 * collation, so that a list sorted with it and a cursor compared with it agree.
 */
export function compareKeys(a: readonly [string, string], b: readonly [string, string]): number {
  return compareText(a[0], b[0]) || compareText(a[1], b[1]);
}

/**
 * A page of a list already in memory, sorted by `key` with compareKeys: the items after the cursor's key (an item
 * gone since the cursor was given takes nothing with it), with the same cursors as `paginate`.
 */
export function pageOfSorted<T>(items: readonly T[], page: PageArgs, key: (item: T) => [string, string]): Page<T> {
  const first = pageSize(page);
  let start = 0;
  if (page.after) {
    const [value, id] = decode(page.after);
    const after: [string, string] = [String(value), id];
    // The first item after the cursor's key, by bisection.
    let end = items.length;
    while (start < end) {
      const mid = (start + end) >>> 1;
      if (compareKeys(key(items[mid]!), after) > 0) end = mid;
      else start = mid + 1;
    }
  }
  return pageOf(items.slice(start, start + first + 1), first, page, key, (item) => item, items.length);
}
