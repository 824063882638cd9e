import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, Role } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { Place } from '../places/place.type.js';
import { PlaceLoader } from '../places/place.loader.js';
import { AddNetworkMemberInput } from './dto/add-network-member.input.js';
import { ArchiveOrganisationInput } from './dto/archive-organisation.input.js';
import { CreateOrganisationInput } from './dto/create-organisation.input.js';
import { EndNetworkMembershipInput } from './dto/end-network-membership.input.js';
import { OrganisationsArgs } from './dto/organisations.args.js';
import { UpdateOrganisationInput } from './dto/update-organisation.input.js';
import { OrganisationLoader } from './organisation.loader.js';
import { NetworkMembership, Organisation, OrganisationConnection, OrganisationStatus } from './organisation.type.js';
import { OrganisationsService } from './organisations.service.js';

const WRITERS = [Role.ADMIN, Role.COORDINATOR];

@Resolver(() => Organisation)
export class OrganisationsResolver {
  constructor(
    private readonly service: OrganisationsService,
    private readonly loader: OrganisationLoader,
    private readonly places: PlaceLoader,
  ) {}

  @Query(() => Organisation, { description: 'With asOf: exactly as it stood then' })
  @Allow(...READERS)
  organisation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => Date, nullable: true, description: 'A past moment' }) asOf?: Date,
  ): Promise<Organisation> {
    return asOf ? this.service.getAsOf(ctx, id, asOf) : this.service.get(ctx, id);
  }

  @Query(() => OrganisationConnection, { description: 'Organisations ordered by name' })
  @Allow(...READERS)
  organisations(@Ctx() ctx: RequestContext, @Args() args: OrganisationsArgs): Promise<OrganisationConnection> {
    return this.service.list(ctx, args);
  }

  @Mutation(() => Organisation)
  @Allow(...WRITERS)
  createOrganisation(@Ctx() ctx: RequestContext, @Args('input') input: CreateOrganisationInput): Promise<Organisation> {
    return this.service.create(ctx, input);
  }

  @Mutation(() => Organisation)
  @Allow(...WRITERS)
  updateOrganisation(@Ctx() ctx: RequestContext, @Args('input') input: UpdateOrganisationInput): Promise<Organisation> {
    return this.service.update(ctx, input);
  }

  @Mutation(() => Organisation, { description: 'Nothing is deleted: an archived organisation stays in the history' })
  @Allow(...WRITERS)
  archiveOrganisation(@Ctx() ctx: RequestContext, @Args('input') input: ArchiveOrganisationInput): Promise<Organisation> {
    return this.service.archive(ctx, input);
  }

  @Mutation(() => NetworkMembership)
  @Allow(...WRITERS)
  addNetworkMember(@Ctx() ctx: RequestContext, @Args('input') input: AddNetworkMemberInput): Promise<NetworkMembership> {
    return this.service.addNetworkMember(ctx, input);
  }

  @Mutation(() => NetworkMembership)
  @Allow(...WRITERS)
  endNetworkMembership(
    @Ctx() ctx: RequestContext,
    @Args('input') input: EndNetworkMembershipInput,
  ): Promise<NetworkMembership> {
    return this.service.endNetworkMembership(ctx, input);
  }

  @ResolveField(() => OrganisationStatus)
  status(@Parent() org: Organisation): OrganisationStatus {
    return org.archivedAt ? OrganisationStatus.ARCHIVED : OrganisationStatus.ACTIVE;
  }

  @ResolveField(() => Organisation, { nullable: true })
  parent(@Parent() org: Organisation, @Ctx() ctx: RequestContext) {
    return org.parentId ? this.loader.byId(ctx).load(org.parentId) : null;
  }

  @ResolveField(() => Place, { nullable: true })
  place(@Parent() org: Organisation, @Ctx() ctx: RequestContext) {
    return org.placeCode ? this.places.byCode(ctx).load(org.placeCode) : null;
  }

  @ResolveField(() => [NetworkMembership], { description: 'For a NETWORK: its memberships, past and present' })
  members(@Parent() org: Organisation, @Ctx() ctx: RequestContext) {
    return this.loader.membershipsByNetwork(ctx).load(org.id);
  }

  @ResolveField(() => [NetworkMembership], { description: 'The networks this organisation belongs or belonged to' })
  networks(@Parent() org: Organisation, @Ctx() ctx: RequestContext) {
    return this.loader.membershipsByMember(ctx).load(org.id);
  }
}

@Resolver(() => NetworkMembership)
export class NetworkMembershipResolver {
  constructor(private readonly loader: OrganisationLoader) {}

  @ResolveField(() => Organisation)
  network(@Parent() m: NetworkMembership, @Ctx() ctx: RequestContext) {
    return this.loader.byId(ctx).load(m.networkId);
  }

  @ResolveField(() => Organisation)
  member(@Parent() m: NetworkMembership, @Ctx() ctx: RequestContext) {
    return this.loader.byId(ctx).load(m.memberId);
  }
}
