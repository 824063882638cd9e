import { QueryFailedError } from 'typeorm';

/** SQLSTATE classes and driver messages that mean "the database is not reachable right now". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Query read timeout/i,
  /the database system is (starting up|shutting down)/i,
  /Client has encountered a connection error/i,
  /Connection is not established/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed: socket errors may come from another realm, where `instanceof Error` is false.
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: string; message?: string; driverError?: { code?: string } };
  // TypeORM releases a query runner whose connection broke; what was left of its work cannot run.
  if (e.name === 'QueryRunnerAlreadyReleasedError' || e.name === 'QueryRunnerProviderAlreadyReleasedError') return true;
  const code = e.code ?? e.driverError?.code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  return UNAVAILABLE_MESSAGES.some((re) => re.test(String(e.message ?? '')));
}

export const isUniqueViolation = (error: unknown, constraint?: string): boolean =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: string }).code === '23505' &&
  (!constraint || (error.driverError as { constraint?: string }).constraint === constraint);

/** A statement cancelled by its time limit or by the request's budget (SQLSTATE 57014 query_canceled). */
export const isStatementCancelled = (error: unknown): boolean => sqlState(error) === '57014';

/** The SQLSTATE of a failed statement, through TypeORM (QueryFailedError) or straight from pg (`poolQuery`). */
function sqlState(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string }).code;
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * A value the client sent that PostgreSQL could not read as its column's type (not a UUID, a date out of range,
 * a number too large): the client's input, which validation should have caught first.
 */
export const isMalformedValue = (error: unknown): boolean => ['22P02', '22007', '22008', '22003', '22021'].includes(sqlState(error) ?? '');
