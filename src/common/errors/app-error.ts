/** The general error classes a client can act on; carried in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** The operation ran out of its time budget (or a statement out of its time limit) and was stopped. */
  TIMEOUT = 'TIMEOUT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldProblem {
  /** Path of the offending input field, e.g. `input.contacts.0.email`. */
  path: string;
  messages: string[];
}

/**
 * A failure the client caused or can act on. `reason` is the feature's own SCREAMING_SNAKE code
 * (e.g. AGREEMENT_NOT_ACTIVE); `details` must never carry secrets or personal data.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (reason: string, field: string, message: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, reason, message, { fields: [{ path: field, messages: [message] }] });

export const notFound = (reason: string, what: string, id: string) =>
  new AppError(ErrorCode.NOT_FOUND, reason, `${what} ${id} was not found`, { id });

export const conflict = (reason: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.CONFLICT, reason, message, details);

export const forbidden = (reason: string, message: string) => new AppError(ErrorCode.FORBIDDEN, reason, message);

export const unauthenticated = (reason: string, message: string) =>
  new AppError(ErrorCode.UNAUTHENTICATED, reason, message);
