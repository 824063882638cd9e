import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { RequestContext } from './request-context.js';

const KEY = Symbol('mitra:context');
type WithContext = Request & { [KEY]?: RequestContext; id?: unknown };

export const contextOf = (req: Request): RequestContext | undefined => (req as WithContext)[KEY];

export function attachContext(req: Request, ctx: RequestContext): RequestContext {
  (req as WithContext)[KEY] = ctx;
  return ctx;
}

/** The RequestContext of the current request (set up by the AuthGuard on the root operation). */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const req =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<{ req: Request }>().req
      : context.switchToHttp().getRequest<Request>();
  return contextOf(req) ?? attachContext(req, new RequestContext(String((req as WithContext).id ?? ''), null, req.ip ?? null));
});
