import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Response } from 'express';
import { AppError, ErrorCode } from '../errors/app-error.js';
import { isDatabaseUnavailable, isMalformedValue, isStatementCancelled } from '../errors/database-errors.js';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.TIMEOUT]: 503,
};

/** Turns every error a resolver throws into a GraphQL error with `extensions.code`; unknown ones are masked. */
@Catch()
export class ErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'graphql') return this.http(exception, host);
    return toGraphQLError(exception, this.logger);
  }

  private http(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) return res.status(exception.getStatus()).json(exception.getResponse());
    if (exception instanceof AppError) {
      // Plain HTTP routes (exports) answer in the shape and with the codes of the GraphQL errors.
      if (res.headersSent) return res.end();
      return res.status(HTTP_STATUS[exception.code] ?? 400).json({ errors: [{ message: exception.message, extensions: { code: exception.code, reason: exception.reason } }] });
    }
    if (res.headersSent) return res.end();
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return res.status(500).json({ statusCode: 500, message: 'Internal server error' });
  }
}

export function toGraphQLError(exception: unknown, logger: Logger): GraphQLError {
  if (exception instanceof GraphQLError) return exception;
  if (exception instanceof AppError) {
    return new GraphQLError(exception.message, {
      extensions: { code: exception.code, reason: exception.reason, ...exception.details },
    });
  }
  if (isMalformedValue(exception)) {
    return new GraphQLError('A value sent is not of the expected kind (an id that is not a UUID, a date or number out of range)', {
      extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_VALUE' },
    });
  }
  if (isStatementCancelled(exception)) {
    return new GraphQLError('The operation took too long and was stopped; ask for less at once, or try again', {
      extensions: { code: ErrorCode.TIMEOUT, reason: 'STATEMENT_CANCELLED' },
    });
  }
  if (isDatabaseUnavailable(exception)) {
    logger.warn(`Database unavailable: ${(exception as Error).message}`);
    return new GraphQLError('The service is temporarily unavailable; try again shortly', {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason: 'DATABASE_UNAVAILABLE' },
    });
  }
  logger.error(exception instanceof Error ? exception.stack : String(exception));
  return new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
}
