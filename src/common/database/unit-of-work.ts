import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { ReadStream } from 'typeorm/platform/PlatformTools.js';
import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { budgetExceeded, type RequestBudget } from '../context/request-budget.js';
import type { RequestContext } from '../context/request-context.js';
import type { AppError } from '../errors/app-error.js';
import { isUniqueViolation } from '../errors/database-errors.js';
import { poolOf } from './sql.js';
import { type Change, HistoryService } from '../history/history.service.js';

/** Unique indexes a write may hit, each with the feature's CONFLICT to answer instead (`*`: any unique index). */
export type UniqueConflicts = Record<string, () => AppError>;

/** A row that carries the version a client must send back with a change. */
export interface Versioned {
  id: string;
  version: number;
}

/** What a versioned change says when the row is missing or was changed meanwhile. */
export interface VersionErrors {
  notFound: (id: string) => AppError;
  stale: (current: number) => AppError;
}

type Handler<E> = (ctx: RequestContext, event: E) => Promise<void>;
const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)/i;

type EventType<E> = abstract new (...args: never[]) => E;

/**
 * The one way to write. `write` opens the transaction and hands the work a context that carries it, so every
 * service called inside joins it without an extra parameter; a write inside a write joins the outer one. The
 * history entry of each change, version checks and in-transaction events go through the same object, so a
 * change and everything that follows from it commit together or not at all. Reads outside a write use the
 * request's own connection, one statement at a time, within the request's time budget (the command line and
 * seeds, having no budget, read from the pool).
 */
@Injectable()
export class UnitOfWork {
  private readonly handlers = new Map<EventType<unknown>, Handler<unknown>[]>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly history: HistoryService,
  ) {}

  /** Where `ctx` reads and writes: its open transaction inside a write, its request's connection otherwise. */
  manager(ctx: RequestContext | null): EntityManager {
    if (ctx?.transaction) return ctx.transaction;
    const budget = ctx?.budget;
    if (!budget) return this.db.manager;
    budget.session ??= this.readSession(budget);
    return budget.session.manager;
  }

  /**
   * One statement straight on the pool, without a TypeORM query runner: for the token check every request makes
   * before it has a connection of its own (the runner's bookkeeping was a tenth of a simple read's CPU).
   */
  async poolQuery<R>(sql: string, params: unknown[]): Promise<R[]> {
    return (await poolOf(this.db).query(sql, params)).rows as R[];
  }

  /** Runs `work` in one transaction (or the one already open); a unique-index race becomes the feature's CONFLICT. */
  async write<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>, conflicts: UniqueConflicts = {}): Promise<T> {
    try {
      if (ctx.transaction) return await work(ctx);
      const budget = ctx.budget;
      if (budget?.isExpired) throw budgetExceeded(budget.ms);
      // A request writes on its own connection, the one it reads on: holding one while waiting for a second
      // would let a burst of writes take the whole pool and wait on each other (seen at 10 concurrent submits).
      if (budget) {
        const session = this.manager(ctx);
        try {
          return await session.transaction((em) => work(ctx.inTransaction(em)));
        } finally {
          // The request ended while it wrote: its connection goes back now that the transaction is over.
          if (budget.hasEnded && !session.queryRunner!.isReleased) void session.queryRunner!.release();
        }
      }
      return await this.db.transaction((em) => work(ctx.inTransaction(em)));
    } catch (err) {
      for (const [constraint, error] of Object.entries(conflicts)) {
        if (isUniqueViolation(err, constraint === '*' ? undefined : constraint)) throw error();
      }
      throw err;
    }
  }

  /** Locks a row for the rest of the write; NOT_FOUND through `notFound` when there is none. */
  async lock<E extends { id: string }>(ctx: RequestContext, entity: EntityTarget<E>, id: string, notFound: (id: string) => AppError): Promise<E> {
    const row = await this.inWrite(ctx).findOne(entity, { where: { id } as FindOptionsWhere<E>, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound(id);
    return row;
  }

  /**
   * The one way to change a versioned record: locks its row, compares the version the client sent and raises
   * it by one (the caller's save writes it). The lock makes check and raise atomic: of 20 parallel edits made
   * against the same version, one wins and 19 are told the current version.
   */
  async changeVersioned<E extends Versioned>(
    ctx: RequestContext,
    entity: EntityTarget<E>,
    id: string,
    version: number,
    errors: VersionErrors,
    /** Row-level visibility: a row the actor may not see is NOT_FOUND, before its version is compared. */
    visible: (row: E) => boolean = () => true,
  ): Promise<E> {
    const row = await this.lock(ctx, entity, id, errors.notFound);
    if (!visible(row)) throw errors.notFound(id);
    if (row.version !== version) throw errors.stale(row.version);
    row.version += 1;
    return row;
  }

  /**
   * Streams a query's rows through a connection of its own (released when the stream ends, fails or is closed),
   * for exports: rows flow as the client reads them, so memory stays flat whatever their number.
   */
  async stream(qb: SelectQueryBuilder<ObjectLiteral>): Promise<ReadStream> {
    const runner = this.db.createQueryRunner();
    let released = false;
    const release = () => {
      if (!released) void runner.release().catch(() => undefined);
      released = true;
    };
    try {
      const rows = await qb.setQueryRunner(runner).stream();
      for (const event of ['end', 'error', 'close']) rows.once(event, release);
      return rows;
    } catch (err) {
      release();
      throw err;
    }
  }

  /** Appends the change's history entry inside the write. */
  record(ctx: RequestContext, change: Change): Promise<unknown> {
    return this.history.record(this.inWrite(ctx), ctx, change);
  }

  /** Lets a later feature act on an earlier one's event, inside the same transaction (called at start-up). */
  on<E>(type: EventType<E>, handler: Handler<E>): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler as Handler<unknown>]);
  }

  /** Runs every handler of the event in the write, one after the other; a failing handler fails the write. */
  async publish(ctx: RequestContext, event: object): Promise<void> {
    this.inWrite(ctx);
    for (const handler of this.handlers.get(event.constructor as EventType<unknown>) ?? []) await handler(ctx, event);
  }

  /** The request's connection for reads: made on first use, one statement at a time, back to the pool at the end. */
  private readSession(budget: RequestBudget): QueryRunner {
    const runner = this.db.createQueryRunner();
    const query = runner.query.bind(runner);
    // Ending a transaction always runs, even past the budget: a connection must never go back inside one.
    runner.query = ((...args: Parameters<QueryRunner['query']>) =>
      budget.run(() => query(...args), TRANSACTION_CONTROL.test(args[0]))) as QueryRunner['query'];
    this.watch(budget, runner);
    budget.onEnd(() => {
      if (!runner.isTransactionActive) void runner.release();
    });
    return runner;
  }

  private watch(budget: RequestBudget | null, runner: QueryRunner): void {
    if (!budget) return;
    budget.cancel ??= (pids) => this.cancel(pids);
    budget.track(runner);
  }

  /** Cancels the statements running on these backends, from a connection of its own (the pool may be the trouble). */
  private async cancel(pids: number[]): Promise<void> {
    const client = new pg.Client({ connectionString: (this.db.options as { url?: string }).url });
    client.on('error', () => undefined); // a dropped connection fails the awaited call below; nothing else to hear
    try {
      await client.connect();
      await client.query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
    } catch (err) {
      new Logger('UnitOfWork').warn(`Could not cancel the statements of an operation over its budget: ${(err as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private inWrite(ctx: RequestContext): EntityManager {
    if (!ctx.transaction) throw new Error('This runs only inside UnitOfWork.write');
    return ctx.transaction;
  }
}
