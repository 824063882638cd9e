import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Actor } from '../auth/actor.js';
import { languageOf, type Language } from '../i18n/i18n.js';
import { RequestBudget } from './request-budget.js';
import { RequestContext } from './request-context.js';

const KEY = Symbol('mitra:context');
const PENDING = Symbol('mitra:pending-context');
type WithContext = Request & { [KEY]?: RequestContext; [PENDING]?: Promise<RequestContext>; id?: unknown };

export const contextOf = (req: Request): RequestContext | undefined => (req as WithContext)[KEY];

export function attachContext(req: Request, ctx: RequestContext): RequestContext {
  (req as WithContext)[KEY] = ctx;
  // However the request ends (answered, failed, client gone), its budget ends with it; a client that left while
  // the caller was being authenticated has closed already, and no 'close' would come.
  if (ctx.budget && req.res) {
    if (req.res.closed) ctx.budget.end();
    else req.res.once('close', () => ctx.budget?.end());
  }
  return ctx;
}

/**
 * The one context of a request that is being served (who acts, the request's time budget), made once even though
 * the guard runs for every root field at the same time: they share its loaders, its connection and its budget.
 */
export function contextForRequest(
  req: Request,
  actor: () => Promise<Actor | null>,
  settings: { budgetMs: number; defaultLanguage: Language },
): Promise<RequestContext> {
  const r = req as WithContext;
  if (r[KEY]) return Promise.resolve(r[KEY]);
  const language = languageOf(req, settings.defaultLanguage);
  r[PENDING] ??= actor().then((who) =>
    attachContext(req, new RequestContext(String(r.id ?? ''), who, req.ip ?? null, null, new RequestBudget(settings.budgetMs), language)),
  );
  return r[PENDING];
}

/** The RequestContext of the current request (set up by the AuthGuard on the root operation). */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const req =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<{ req: Request }>().req
      : context.switchToHttp().getRequest<Request>();
  const fallback = () => new RequestContext(String((req as WithContext).id ?? ''), null, req.ip ?? null, null, null, languageOf(req, 'id'));
  return contextOf(req) ?? attachContext(req, fallback());
});
