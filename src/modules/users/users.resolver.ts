import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { Role } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { OrganisationLoader } from '../organisations/organisation.loader.js';
import { Organisation } from '../organisations/organisation.type.js';
import { CreateUserInput } from './dto/create-user.input.js';
import { DeactivateUserInput } from './dto/deactivate-user.input.js';
import { ResetPasswordInput } from './dto/reset-password.input.js';
import { UpdateUserInput } from './dto/update-user.input.js';
import { UsersArgs } from './dto/users.args.js';
import { User, UserConnection } from './user.type.js';
import { UsersService } from './users.service.js';

/** Admins manage every account; coordinators the partner accounts (the service enforces which roles). */
const MANAGERS = [Role.ADMIN, Role.COORDINATOR];

@Resolver(() => User)
export class UsersResolver {
  constructor(
    private readonly service: UsersService,
    private readonly organisations: OrganisationLoader,
  ) {}

  @Query(() => User, { description: 'Coordinators: partner accounts only, as in users' })
  @Allow(...MANAGERS)
  user(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<User> {
    return this.service.getManaged(ctx, id);
  }

  @Query(() => UserConnection, { description: 'Accounts ordered by email; coordinators see partner accounts only' })
  @Allow(...MANAGERS)
  users(@Ctx() ctx: RequestContext, @Args() args: UsersArgs): Promise<UserConnection> {
    return this.service.list(ctx, args);
  }

  @Mutation(() => User, { description: 'A COORDINATOR may create PARTNER accounts only' })
  @Allow(...MANAGERS)
  createUser(@Ctx() ctx: RequestContext, @Args('input') input: CreateUserInput): Promise<User> {
    return this.service.create(ctx, input);
  }

  @Mutation(() => User)
  @Allow(...MANAGERS)
  updateUser(@Ctx() ctx: RequestContext, @Args('input') input: UpdateUserInput): Promise<User> {
    return this.service.update(ctx, input);
  }

  @Mutation(() => User, { description: 'Ends all of the user’s sessions at once; nothing is deleted' })
  @Allow(...MANAGERS)
  deactivateUser(@Ctx() ctx: RequestContext, @Args('input') input: DeactivateUserInput): Promise<User> {
    return this.service.deactivate(ctx, input);
  }

  @Mutation(() => User, { description: 'Sets a new password and ends all of the user’s sessions' })
  @Allow(...MANAGERS)
  resetPassword(@Ctx() ctx: RequestContext, @Args('input') input: ResetPasswordInput): Promise<User> {
    return this.service.resetPassword(ctx, input);
  }

  @ResolveField(() => Organisation, { nullable: true })
  organisation(@Parent() user: User, @Ctx() ctx: RequestContext) {
    return user.organisationId ? this.organisations.byId(ctx).load(user.organisationId) : null;
  }
}
