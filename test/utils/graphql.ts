import type { GraphQLFormattedError } from 'graphql';
import request from 'supertest';
import type { TestApp } from './test-app.js';

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: (GraphQLFormattedError & { extensions: Record<string, any> })[];
}

/** Sends one GraphQL operation over HTTP, as a client would. */
export async function gql<T = Record<string, any>>(
  t: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResult<T>> {
  const req = request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
  if (token) req.set('authorization', `Bearer ${token}`);
  const res = await req.send({ query, variables });
  return res.body as GqlResult<T>;
}

/** The data of a successful answer; fails the test with the errors otherwise. */
export async function gqlOk<T = Record<string, any>>(
  t: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await gql<T>(t, query, variables, token);
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  return res.data as T;
}

/** The first error of an answer that must have failed. */
export async function gqlError(
  t: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLFormattedError & { extensions: Record<string, any> }> {
  const res = await gql(t, query, variables, token);
  if (!res.errors?.length) throw new Error(`Expected an error, got ${JSON.stringify(res.data)}`);
  return res.errors[0]!;
}

/** The nodes of a connection, in order. */
export const nodes = <T = any>(connection: { edges: { node: T }[] }): T[] => connection.edges.map((e) => e.node);
