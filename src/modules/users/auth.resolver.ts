import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../../common/auth/allow.decorator.js';
import { READERS } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { AuthService } from './auth.service.js';
import { LoginInput } from './dto/login.input.js';
import { AuthPayload, User } from './user.type.js';
import { UsersService } from './users.service.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => AuthPayload, { description: 'Sign in with email and password' })
  @Allow(Public)
  login(@Args('input') input: LoginInput): Promise<AuthPayload> {
    return this.auth.login(input.email, input.password);
  }

  @Query(() => User, { description: 'The signed-in user' })
  @Allow(...READERS)
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return this.users.get(ctx.requiredActor.userId ?? '');
  }
}
