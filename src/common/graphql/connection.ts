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
  /**
   * Counted only when a client asks for it: GraphQL's default resolver calls a function it finds on the parent,
   * so a page whose totalCount nobody selected runs no COUNT over its whole filter.
   */
  totalCount: number | (() => Promise<number>);
}

/** Runs a page's count (see Page.totalCount) only when the field is selected. */
const countWhenAsked: FieldMiddleware = async (_ctx, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => Promise<number>)() : value;
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
    @Field(() => Int, { description: 'How many records match the filter, on all pages', middleware: [countWhenAsked] })
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
  const first = Math.min(page.first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const counting = qb.clone();
  const totalCount = () => counting.getCount();
  if (page.after) {
    const [value, id] = decode(page.after);
    const cmp = order.direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${order.column}, ${order.id}) ${cmp} (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
  }
  const rows = await entitiesOf(qb.orderBy(order.column, order.direction).addOrderBy(order.id, order.direction).take(undefined).limit(first + 1));
  const hasNextPage = rows.length > first;
  const edges = rows.slice(0, first).map((row) => ({ cursor: encode(order.key(row)), node: toNode(row) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(page.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
