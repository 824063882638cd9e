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
  private ended = false;
  private inFlight = 0;
  private tail: Promise<unknown> = Promise.resolve();
  /** A cancel under way: the connection must not go back to the pool before it lands, or it could stop another request's statement. */
  private cancelling: Promise<unknown> = Promise.resolve();
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

  get hasEnded(): boolean {
    return this.ended;
  }

  /** Runs one statement after the request's previous one; refused once the budget is spent (unless `always`). */
  run<T>(statement: () => Promise<T>, always = false): Promise<T> {
    const result = this.tail.then(async () => {
      if (!always && (this.expired || this.ended)) throw budgetExceeded(this.ms);
      this.inFlight++;
      try {
        return await statement();
      } finally {
        this.inFlight--;
      }
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

  /** Runs `ending` when the request is over; at once (after its last statement) when it already is. */
  onEnd(ending: () => unknown): void {
    // A resolver still running after its client left may open the connection late: it must go back too.
    if (this.ended) void this.settled().then(ending);
    else this.endings.push(ending);
  }

  /**
   * The request is over (answered, or its client went away): the timer stops, no statement starts any more, one
   * still running is cancelled, and the request's connection goes back to the pool once it is idle (never while
   * a statement runs on it: the next request would get a busy connection). Idempotent.
   */
  end(): void {
    clearTimeout(this.timer);
    this.ended = true;
    if (this.inFlight > 0) this.cancelRunning();
    const endings = this.endings.splice(0);
    void this.settled().then(() => endings.forEach((ending) => ending()));
  }

  /** When the last statement is over and any cancel of it has landed. */
  private settled(): Promise<unknown> {
    return Promise.all([this.tail, this.cancelling]);
  }

  private expire(): void {
    this.expired = true;
    this.cancelRunning();
  }

  private cancelRunning(): void {
    const pids = [...this.runners]
      .map((r) => (r as QueryRunner & { databaseConnection?: { processID?: number } }).databaseConnection?.processID)
      .filter((pid): pid is number => typeof pid === 'number');
    if (pids.length > 0 && this.cancel) this.cancelling = this.cancel(pids).catch(() => undefined);
  }
}
