import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { Actor } from '../auth/actor.js';
import { languageOf, type Language } from '../i18n/i18n.js';
import { RequestBudget } from './request-budget.js';
import { RequestContext } from './request-context.js';

const KEY = Symbol('mitra:context');
const PENDING = Symbol('mitra:pending-context');
type WithContext = FastifyRequest & { [KEY]?: RequestContext; [PENDING]?: Promise<RequestContext> };

export const contextOf = (req: FastifyRequest): RequestContext | undefined => (req as WithContext)[KEY];

/** The request and its response being served, for a GraphQL field or an HTTP route alike. */
export function exchangeOf(context: ExecutionContext): { req: FastifyRequest; res: ServerResponse } {
  if (context.getType<string>() === 'graphql') {
    const { req, res } = GqlExecutionContext.create(context).getContext<{ req: FastifyRequest; res: FastifyReply }>();
    return { req, res: res.raw };
  }
  const http = context.switchToHttp();
  return { req: http.getRequest<FastifyRequest>(), res: http.getResponse<FastifyReply>().raw };
}

export function attachContext(req: FastifyRequest, res: ServerResponse, ctx: RequestContext): RequestContext {
  (req as WithContext)[KEY] = ctx;
  // However the request ends (answered, failed, client gone), its budget ends with it; a client that left while
  // the caller was being authenticated has closed already, and no 'close' would come.
  if (ctx.budget) {
    if (res.closed) ctx.budget.end();
    else res.once('close', () => ctx.budget?.end());
  }
  return ctx;
}

/**
 * The one context of a request that is being served (who acts, the request's time budget), made once even though
 * the guard runs for every root field at the same time: they share its loaders, its connection and its budget.
 */
export function contextForRequest(
  { req, res }: { req: FastifyRequest; res: ServerResponse },
  actor: () => Promise<Actor | null>,
  settings: { budgetMs: number; defaultLanguage: Language },
): Promise<RequestContext> {
  const r = req as WithContext;
  if (r[KEY]) return Promise.resolve(r[KEY]);
  const language = languageOf(req, settings.defaultLanguage);
  r[PENDING] ??= actor().then((who) =>
    attachContext(req, res, new RequestContext(req.id, who, req.ip ?? null, null, new RequestBudget(settings.budgetMs), language)),
  );
  return r[PENDING];
}

/** The RequestContext of the current request (set up by the AuthGuard on the root operation). */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const { req, res } = exchangeOf(context);
  return contextOf(req) ?? attachContext(req, res, new RequestContext(req.id, null, req.ip ?? null, null, null, languageOf(req, 'id')));
});
