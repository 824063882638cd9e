import type { QueryRunner } from 'typeorm';
import { AppError, ErrorCode } from '../errors/app-error.js';

export const budgetExceeded = (ms: number) =>
  new AppError(ErrorCode.TIMEOUT, 'OPERATION_TIME_BUDGET_EXCEEDED', { ms });

/**
 * What one request may spend: a time budget, after which its database work is cancelled and its next
 * statements refused, and one statement at a time (so a request with many relations to load cannot take the
 * whole pool from everyone else). Shared by the request's context and the contexts of its writes.
 */
export class RequestBudget {
  /** The request's own connection for reads outside a write (see UnitOfWork.manager), made on first use. */
  session?: QueryRunner;
  /** Cancels the given backends' running statements (set by the UnitOfWork). */
  cancel?: (pids: number[]) => Promise<void>;
  private expired = false;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly runners = new Set<QueryRunner>();
  private readonly endings: (() => unknown)[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(readonly ms: number) {
    this.timer = setTimeout(() => this.expire(), ms);
    this.timer.unref();
  }

  get isExpired(): boolean {
    return this.expired;
  }

  /** Runs one statement after the request's previous one; refused once the budget is spent. */
  run<T>(statement: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => {
      if (this.expired) throw budgetExceeded(this.ms);
      return statement();
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** A connection working for this request: its statement is cancelled when the budget runs out. */
  track(runner: QueryRunner): void {
    this.runners.add(runner);
  }

  untrack(runner: QueryRunner): void {
    this.runners.delete(runner);
  }

  onEnd(ending: () => unknown): void {
    this.endings.push(ending);
  }

  /** The request is answered: the timer stops and the request's connection goes back to the pool. Idempotent. */
  end(): void {
    clearTimeout(this.timer);
    for (const ending of this.endings.splice(0)) ending();
  }

  private expire(): void {
    this.expired = true;
    const pids = [...this.runners]
      .map((r) => (r as QueryRunner & { databaseConnection?: { processID?: number } }).databaseConnection?.processID)
      .filter((pid): pid is number => typeof pid === 'number');
    if (pids.length > 0) void this.cancel?.(pids);
  }
}
