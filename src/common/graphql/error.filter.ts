import { ArgumentsHost, Catch, HttpException, Inject, Logger } from '@nestjs/common';
import { GqlArgumentsHost, type GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AppError, ErrorCode } from '../errors/app-error.js';
import { isDatabaseUnavailable, isMalformedValue, isStatementCancelled } from '../errors/database-errors.js';
import { languageOf } from '../i18n/i18n.js';
import { requestLog } from '../logging/logging.js';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.TIMEOUT]: 503,
};

/** Where a failure is logged: the request's own logger (its lines carry the request id), else Nest's. */
type ErrorLog = { warn(message: string): void; error(message: string): void };

/** Turns every error a resolver throws into a GraphQL error with `extensions.code`; unknown ones are masked. */
@Catch()
export class ErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'graphql') return this.http(exception, host);
    const req = GqlArgumentsHost.create(host).getContext<{ req?: Request }>().req;
    return toGraphQLError(exception, (req && requestLog(req)) ?? this.logger);
  }

  private http(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) return res.status(exception.getStatus()).json(exception.getResponse());
    if (res.headersSent) return res.end();
    const known = asAppError(exception, requestLog(host.switchToHttp().getRequest<Request>()) ?? this.logger);
    // Plain HTTP routes (exports) answer in the shape, with the codes and in the language of the GraphQL errors.
    const { message, extensions } = known.inLanguage(languageOf(host.switchToHttp().getRequest<Request>(), this.config.defaultLanguage));
    return res.status(known.code === ErrorCode.INTERNAL_SERVER_ERROR ? 500 : (HTTP_STATUS[known.code] ?? 400)).json({ errors: [{ message, extensions }] });
  }
}

/**
 * What a failure means for the client, as an AppError: its own, a malformed value or a cancelled statement from the
 * database, the database gone; anything else is logged and masked as INTERNAL_SERVER_ERROR.
 */
function asAppError(exception: unknown, logger: ErrorLog): AppError {
  if (exception instanceof AppError) return exception;
  if (isMalformedValue(exception)) return new AppError(ErrorCode.BAD_USER_INPUT, 'INVALID_VALUE');
  if (isStatementCancelled(exception)) return new AppError(ErrorCode.TIMEOUT, 'STATEMENT_CANCELLED');
  if (isDatabaseUnavailable(exception)) {
    logger.warn(`Database unavailable: ${(exception as Error).message}`);
    return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE');
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'INTERNAL_SERVER_ERROR');
}

/** The GraphQL error for a resolver's failure; its message is put in the client's language as it is sent (format-error.ts). */
export function toGraphQLError(exception: unknown, logger: ErrorLog): GraphQLError {
  if (exception instanceof GraphQLError) return exception;
  const known = asAppError(exception, logger);
  if (known.code === ErrorCode.INTERNAL_SERVER_ERROR) return new GraphQLError('Internal server error', { extensions: { code: known.code } });
  return new GraphQLError(known.message, { originalError: known, extensions: { code: known.code, reason: known.reason, ...known.details } });
}
