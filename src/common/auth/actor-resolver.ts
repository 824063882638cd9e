import type { Actor } from './actor.js';

/** Injection token: turns a bearer token into the acting user (provided by the users feature). */
export const ACTOR_RESOLVER = Symbol('ACTOR_RESOLVER');

export interface ActorResolver {
  /** Resolves a bearer token; throws UNAUTHENTICATED when it is invalid, expired, revoked or its user is deactivated. */
  resolve(token: string): Promise<Actor>;
}
