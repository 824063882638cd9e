import { ArgumentsHost, Catch, HttpException, Inject, Logger } from '@nestjs/common';
import { GqlArgumentsHost, type GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

/**
 * What the HTTP layer refuses before any handler runs (a body too large, unreadable or not JSON, no such route),
 * by Fastify's code or ours: status, code, reason and message, in the shape of every other error.
 */
const REFUSALS = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'BODY_TOO_LARGE', 'The request body is larger than the limit'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'BAD_REQUEST', 'INVALID_JSON', 'The request body is empty'],
  INVALID_JSON: [400, 'BAD_REQUEST', 'INVALID_JSON', 'The request body is not valid JSON'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'BAD_REQUEST', 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST', 'UNREADABLE_BODY', 'The request body does not match its length'],
  UNSUPPORTED_CHARSET: [415, 'BAD_REQUEST', 'UNSUPPORTED_CHARSET', 'Send the request body in UTF-8'],
  UNSUPPORTED_CONTENT_ENCODING: [415, 'BAD_REQUEST', 'UNSUPPORTED_CONTENT_ENCODING', 'Send the request body uncompressed'],
} as const satisfies Record<string, readonly [number, string, string, string]>;
type Refusal = keyof typeof REFUSALS;

/** An error that the HTTP layer answers as this refusal. */
export const httpRefusal = (refusal: Refusal): Error => Object.assign(new Error(REFUSALS[refusal][3]), { code: refusal });

function refusalOf(exception: unknown): readonly [number, string, string, string] | null {
  const cause = exception instanceof HttpException ? exception.cause : exception;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in REFUSALS) return REFUSALS[code as Refusal];
  if (exception instanceof HttpException && exception.getStatus() === 404) {
    return [404, 'NOT_FOUND', 'NO_SUCH_ROUTE', 'There is nothing here: GraphQL answers at /graphql (GET or POST)'];
  }
  return null;
}

/** Where a failure is logged: the request's own logger (its lines carry the request id), else Nest's. */
type ErrorLog = { warn(message: string): void; error(message: string): void };

/** Turns every error a resolver throws into a GraphQL error with `extensions.code`; unknown ones are masked. */
@Catch()
export class ErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'graphql') return this.http(exception, host);
    const req = GqlArgumentsHost.create(host).getContext<{ req?: FastifyRequest }>().req;
    return toGraphQLError(exception, () => (req && requestLog(req)) ?? this.logger);
  }

  private http(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    // A download that failed after it began (its response was handed over to the stream) can only be cut short.
    if (res.raw.headersSent) return res.raw.end();
    const refused = refusalOf(exception);
    if (refused) {
      const [status, code, reason, message] = refused;
      return res.status(status).send({ errors: [{ message, extensions: { code, reason } }] });
    }
    // Nest's own answers (the health checks' report) keep their body.
    if (exception instanceof HttpException) return res.status(exception.getStatus()).send(exception.getResponse());
    const known = asAppError(exception, () => requestLog(req) ?? this.logger);
    // Plain HTTP routes (exports) answer in the shape, with the codes and in the language of the GraphQL errors.
    const { message, extensions } = known.inLanguage(languageOf(req, this.config.defaultLanguage));
    return res.status(known.code === ErrorCode.INTERNAL_SERVER_ERROR ? 500 : (HTTP_STATUS[known.code] ?? 400)).send({ errors: [{ message, extensions }] });
  }
}

/**
 * What a failure means for the client, as an AppError: its own, a malformed value or a cancelled statement from the
 * database, the database gone; anything else is logged and masked as INTERNAL_SERVER_ERROR.
 */
function asAppError(exception: unknown, logger: () => ErrorLog): AppError {
  if (exception instanceof AppError) return exception;
  if (isMalformedValue(exception)) return new AppError(ErrorCode.BAD_USER_INPUT, 'INVALID_VALUE');
  if (isStatementCancelled(exception)) return new AppError(ErrorCode.TIMEOUT, 'STATEMENT_CANCELLED');
  if (isDatabaseUnavailable(exception)) {
    logger().warn(`Database unavailable: ${(exception as Error).message}`);
    return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE');
  }
  logger().error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'INTERNAL_SERVER_ERROR');
}

/**
 * The GraphQL error for a resolver's failure; its message is put in the client's language as it is sent (format-error.ts).
 * `logger` is asked for only when there is something to log (most failures are the client's, and log nothing).
 */
export function toGraphQLError(exception: unknown, logger: () => ErrorLog): GraphQLError {
  if (exception instanceof GraphQLError) return exception;
  const known = asAppError(exception, logger);
  if (known.code === ErrorCode.INTERNAL_SERVER_ERROR) return new GraphQLError('Internal server error', { extensions: { code: known.code } });
  return new GraphQLError(known.message, { originalError: known, extensions: { code: known.code, reason: known.reason, ...known.details } });
}
