import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthenticated } from '../errors/app-error.js';
import { ALLOW_KEY, type Permission, Public } from './allow.decorator.js';
import { ACTOR_RESOLVER, type ActorResolver } from './actor-resolver.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { contextForRequest, exchangeOf } from '../context/context.decorator.js';

/** Deny by default: an operation runs only when it declares who may call it and the caller is one of them. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed = this.reflector.getAllAndOverride<Permission[] | undefined>(ALLOW_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const exchange = exchangeOf(context);
    if (!allowed || allowed.length === 0) {
      throw forbidden('OPERATION_NOT_DECLARED');
    }
    const settings = { budgetMs: this.config.database.operationTimeoutMs, defaultLanguage: this.config.defaultLanguage };
    if (allowed.includes(Public)) {
      await contextForRequest(exchange, async () => null, settings);
      return true;
    }
    const ctx = await contextForRequest(exchange, () => this.authenticate(exchange.req), settings);
    const actor = ctx.requiredActor;
    if (!allowed.includes(actor.role as Permission)) {
      throw forbidden('ROLE_NOT_ALLOWED', { role: actor.role });
    }
    return true;
  }

  private async authenticate(req: FastifyRequest) {
    const header = req.headers.authorization;
    if (!header) return null;
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw unauthenticated('INVALID_TOKEN.header');
    }
    return this.actors.resolve(token);
  }
}
