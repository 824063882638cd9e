import { randomUUID } from 'node:crypto';
import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { type Actor, systemActor } from '../auth/actor.js';
import { unauthenticated } from '../errors/app-error.js';
import type { Language } from '../i18n/i18n.js';
import type { RequestBudget } from './request-budget.js';

/**
 * Everything a service needs to know about the request it serves: who acts, the request id that ties
 * logs and history together, the request's DataLoaders (created per request, never shared) and, inside a
 * write, the transaction every service called in it uses (see UnitOfWork).
 */
export class RequestContext {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(
    readonly requestId: string,
    readonly actor: Actor | null,
    /** The client's network address, for per-address limits; never written to logs or history. */
    readonly clientAddress: string | null = null,
    /** The open transaction of the write this context runs in; absent outside a write. */
    readonly transaction: EntityManager | null = null,
    /** What an HTTP request may spend (time, one statement at a time); absent for the command line and seeds. */
    readonly budget: RequestBudget | null = null,
    /** The language the client reads (Accept-Language): messages, labels and export headers are in it. */
    readonly language: Language = 'id',
  ) {}

  static system(displayName: string): RequestContext {
    return new RequestContext(randomUUID(), systemActor(displayName));
  }

  /** The same request inside a transaction; its loaders are its own, so they read what the transaction sees. */
  inTransaction(transaction: EntityManager): RequestContext {
    return new RequestContext(this.requestId, this.actor, this.clientAddress, transaction, this.budget, this.language);
  }

  /** The acting user; throws UNAUTHENTICATED for an anonymous request. */
  get requiredActor(): Actor {
    if (!this.actor) throw unauthenticated('NOT_SIGNED_IN');
    return this.actor;
  }

  /** A DataLoader living as long as this request: created on first use under `key`. */
  loader<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create() as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
