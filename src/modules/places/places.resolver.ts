import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { PlacesArgs } from './dto/places.args.js';
import { Place, PlaceConnection } from './place.type.js';
import { PlaceLoader } from './place.loader.js';
import { PlacesService } from './places.service.js';
import { lineage } from './place-code.js';

@Resolver(() => Place)
export class PlacesResolver {
  constructor(
    private readonly service: PlacesService,
    private readonly loader: PlaceLoader,
  ) {}

  @Query(() => Place, { description: 'One place by its Kemendagri code' })
  @Allow(...READERS)
  place(@Ctx() ctx: RequestContext, @Args('code') code: string): Promise<Place> {
    return this.service.get(ctx, code);
  }

  @Query(() => PlaceConnection, { description: 'Places by level, parent and name, ordered by code' })
  @Allow(...READERS)
  places(@Ctx() ctx: RequestContext, @Args() args: PlacesArgs): Promise<PlaceConnection> {
    return this.service.list(ctx, args);
  }

  @ResolveField(() => Place, { nullable: true })
  parent(@Parent() place: Place, @Ctx() ctx: RequestContext): Promise<Place | null> | null {
    return place.parentCode ? this.loader.byCode(ctx).load(place.parentCode) : null;
  }

  @ResolveField(() => [Place], { description: 'From the province down to the parent' })
  ancestors(@Parent() place: Place, @Ctx() ctx: RequestContext): Promise<Place[]> {
    return this.loader.many(ctx, lineage(place.code).slice(0, -1));
  }
}
