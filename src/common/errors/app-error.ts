import type { MessageKey } from '../i18n/catalogue.en.js';
import { message, type Language, type MessageParams } from '../i18n/i18n.js';

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
  /** The document itself is refused before it runs (over a limit, unparsable). */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** What is wrong with one input field, in words of the client's language (`extensions.fields`). */
export interface FieldProblem {
  /** Path of the offending input field, e.g. `input.contacts.0.email`. */
  path: string;
  messages: string[];
}

/** A field's problems before they are put into words: rendered in the language of each request. */
export interface FieldComplaint {
  path: string;
  messages: (language: Language) => string[];
}

/**
 * A failure the client caused or can act on. `reason` is the feature's own SCREAMING_SNAKE code
 * (e.g. AGREEMENT_NOT_ACTIVE) and never changes with the language; the message comes from the catalogue
 * entry `key` (the reason, or `REASON.variant` for a second wording) in the language of the request, English
 * in logs. `params` and `details` must never carry secrets or personal data.
 */
export class AppError extends Error {
  readonly reason: string;

  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly details: Record<string, unknown> = {},
    readonly fields: FieldComplaint[] = [],
  ) {
    super();
    this.name = 'AppError';
    this.reason = key.split('.')[0]!;
    this.message = this.inLanguage('en').message;
  }

  /** The message and the `extensions` a client sees, in its language. */
  inLanguage(language: Language): { message: string; extensions: Record<string, unknown> } {
    const fields = this.fields.map((f): FieldProblem => ({ path: f.path, messages: f.messages(language) }));
    const summary = fields.map((f) => `${f.path}: ${f.messages.join(', ')}`).join('; ');
    return {
      message: message(language, this.key, { summary, ...this.params }),
      extensions: { code: this.code, reason: this.reason, ...this.details, ...(fields.length ? { fields } : {}) },
    };
  }
}

/** Bad input in one field: the message names the field (`{field}` in the catalogue) and so does `extensions.fields`. */
export const badInput = (key: MessageKey, field: string, params: MessageParams = {}): AppError => {
  const all = { field, ...params };
  return new AppError(ErrorCode.BAD_USER_INPUT, key, all, {}, [{ path: field, messages: (language) => [message(language, key, all)] }]);
};

export const notFound = (key: MessageKey, id: string) => new AppError(ErrorCode.NOT_FOUND, key, { id }, { id });

export const conflict = (key: MessageKey, params: MessageParams = {}, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.CONFLICT, key, params, details);

export const staleVersion = (key: MessageKey, currentVersion: number) =>
  conflict(key, { version: currentVersion }, { currentVersion });

export const forbidden = (key: MessageKey, params: MessageParams = {}) => new AppError(ErrorCode.FORBIDDEN, key, params);

export const unauthenticated = (key: MessageKey) => new AppError(ErrorCode.UNAUTHENTICATED, key);
