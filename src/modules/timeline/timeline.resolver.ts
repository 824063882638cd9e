import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { TimelineArgs } from './dto/timeline.args.js';
import { TimelineEventConnection } from './timeline.type.js';
import { TimelineService } from './timeline.service.js';

@Resolver()
export class TimelineResolver {
  constructor(private readonly timeline: TimelineService) {}

  @Query(() => TimelineEventConnection, {
    description: 'What happened in a partnership, oldest first: of one organisation, one network (and its members) or one agreement. Partners: what concerns their organisation',
  })
  @Allow(...READERS)
  partnershipTimeline(@Ctx() ctx: RequestContext, @Args() args: TimelineArgs): Promise<TimelineEventConnection> {
    return this.timeline.timeline(ctx, args);
  }
}
