import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../../common/auth/allow.decorator.js';
import { READERS } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { AuthService } from './auth.service.js';
import { LoginInput } from './dto/login.input.js';
import { RefreshSessionInput } from './dto/refresh-session.input.js';
import { AuthPayload, User } from './user.type.js';
import { UsersService } from './users.service.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => AuthPayload, { description: 'Sign in with email and password; rate-limited per account and address' })
  @Allow(Public)
  login(@Ctx() ctx: RequestContext, @Args('input') input: LoginInput): Promise<AuthPayload> {
    return this.auth.login(ctx, input.email, input.password);
  }

  @Mutation(() => AuthPayload, {
    description: 'A new access token and refresh token for a refresh token, which stops working (rotation)',
  })
  @Allow(Public)
  refreshSession(@Ctx() ctx: RequestContext, @Args('input') input: RefreshSessionInput): Promise<AuthPayload> {
    return this.auth.refresh(ctx, input.refreshToken);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session: its access and refresh tokens stop working' })
  @Allow(...READERS)
  logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    return this.auth.logout(ctx);
  }

  @Query(() => User, { description: 'The signed-in user' })
  @Allow(...READERS)
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return this.users.get(ctx, ctx.requiredActor.userId ?? '');
  }
}
