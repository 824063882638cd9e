import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import type { AppConfig } from '../../config/app-config.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The process's one logger: JSON lines (readable ones in development when LOG_FORMAT=pretty). */
export function createLogger(config: AppConfig): Logger {
  return pino({
    level: config.log.level,
    transport:
      config.log.format === 'pretty' ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } } : undefined,
  });
}

const LOGGER = Symbol('mitra:logger');
type Logged = FastifyRequest & { [LOGGER]?: Logger };

/** A request's id: the client's `x-request-id` when well-formed (to follow a call across services), else a new one. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * At level info, a line when a request ends: id, method, path, status and time, and no headers or bodies (tokens
 * and personal data never reach the log). Written by hand rather than with pino-http, which made two child loggers
 * per request whether or not a line was written (a sixth of a simple read's CPU), and no AsyncLocalStorage
 * (another tenth): a line about a request takes its logger from `requestLog`.
 */
export function requestLogging(logger: Logger) {
  const lines = logger.isLevelEnabled('info');
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    (request as Logged)[LOGGER] = logger;
    const { id, method, url } = request;
    if (lines && !url.startsWith('/health')) {
      const started = Date.now();
      reply.raw.once('close', () =>
        logger.info(
          { req: { id, method, url }, res: { statusCode: reply.raw.statusCode }, responseTime: Date.now() - started },
          reply.raw.writableFinished ? 'request completed' : 'request aborted',
        ),
      );
    }
    done();
  };
}

/** The logger for lines about a request: each carries its id (`reqId`). */
export function requestLog(request: FastifyRequest): Logger | undefined {
  return (request as Logged)[LOGGER]?.child({ reqId: request.id });
}

const LEVELS: Record<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal', LevelWithSilent> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/** Nest's own log lines (`new Logger('Context').warn(…)`) through the same logger, with their context. */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log = (message: unknown, ...rest: unknown[]) => this.write('log', message, rest);
  error = (message: unknown, ...rest: unknown[]) => this.write('error', message, rest);
  warn = (message: unknown, ...rest: unknown[]) => this.write('warn', message, rest);
  debug = (message: unknown, ...rest: unknown[]) => this.write('debug', message, rest);
  verbose = (message: unknown, ...rest: unknown[]) => this.write('verbose', message, rest);
  fatal = (message: unknown, ...rest: unknown[]) => this.write('fatal', message, rest);

  private write(kind: keyof typeof LEVELS, message: unknown, rest: unknown[]): void {
    const level = LEVELS[kind];
    if (!this.logger.isLevelEnabled(level) || level === 'silent') return;
    // Nest passes the context last; an error's stack, when given, before it.
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}
