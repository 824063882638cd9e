import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { pageOfSorted, type Page } from '../../common/graphql/connection.js';
import { DateScalar } from '../../common/graphql/date.scalar.js';
import { CommitmentLoader } from '../commitments/commitment.loader.js';
import { Commitment, CommitmentConnection } from '../commitments/commitment.type.js';
import { type CommitmentAsOf, CommitmentsService } from '../commitments/commitments.service.js';
import { FulfilmentPageArgs, FulfilmentSummaryArgs } from './dto/fulfilment.args.js';
import { FulfilmentLoader } from './fulfilment.loader.js';
import { FulfilmentService, groupKey } from './fulfilment.service.js';
import { CommitmentFulfilment, CommitmentStatus, FulfilmentGroup, FulfilmentGroupConnection, MissingReport, MissingReportConnection } from './fulfilment.type.js';

const AS_OF = { type: () => DateScalar, nullable: true, description: 'The day: only what was accepted by its end (WIB) counts' };

/** Roll-ups for coordinators (and auditors); partners get the same figures for their own organisation only. */
@Resolver()
export class FulfilmentResolver {
  constructor(
    private readonly fulfilment: FulfilmentService,
    private readonly commitments: CommitmentsService,
  ) {}

  @Query(() => CommitmentFulfilment, { description: 'One commitment’s status and per-target achievement on a day (default today)' })
  @Allow(...READERS)
  async commitmentFulfilment(
    @Ctx() ctx: RequestContext,
    @Args('commitmentId', { type: () => ID }) commitmentId: string,
    @Args('asOf', AS_OF) asOf?: string,
  ): Promise<CommitmentFulfilment> {
    await this.commitments.get(ctx, commitmentId);
    const [f] = await this.fulfilment.forCommitments(ctx, [commitmentId], asOf ?? undefined);
    return f!;
  }

  @Query(() => FulfilmentGroupConnection, { description: 'Commitments per status and people reached, grouped; computed by the database, paged by label' })
  @Allow(...READERS)
  async fulfilmentSummary(@Ctx() ctx: RequestContext, @Args() args: FulfilmentSummaryArgs): Promise<Page<FulfilmentGroup>> {
    return pageOfSorted(await this.fulfilment.summary(ctx, args), args, groupKey);
  }

  @Query(() => CommitmentConnection, { description: 'Past due and unmet, the longest overdue first' })
  @Allow(...READERS)
  overdueCommitments(@Ctx() ctx: RequestContext, @Args() args: FulfilmentPageArgs): Promise<CommitmentConnection> {
    return this.fulfilment.overdue(ctx, args);
  }

  @Query(() => MissingReportConnection, { description: 'Reporting periods due before asOf with no submitted or accepted report' })
  @Allow(...READERS)
  missingReports(@Ctx() ctx: RequestContext, @Args() args: FulfilmentPageArgs): Promise<MissingReportConnection> {
    return this.fulfilment.missing(ctx, args);
  }
}

@Resolver(() => MissingReport)
export class MissingReportResolver {
  constructor(private readonly commitments: CommitmentLoader) {}

  @ResolveField(() => Commitment)
  commitment(@Parent() m: MissingReport, @Ctx() ctx: RequestContext) {
    return this.commitments.byId(ctx).load(m.commitmentId);
  }
}

/** What a commitment's reports add up to, today. */
@Resolver(() => Commitment)
export class CommitmentFulfilmentResolver {
  constructor(private readonly loader: FulfilmentLoader) {}

  @ResolveField(() => CommitmentStatus, { description: 'NOT_STARTED, ON_TRACK, AT_RISK, OVERDUE, FULFILLED or CANCELLED, on asOf (default: today, or the moment the commitment was read as of)' })
  async status(@Parent() c: CommitmentAsOf, @Ctx() ctx: RequestContext, @Args('asOf', AS_OF) asOf?: string) {
    return (await this.loader.ofCommitment(ctx, asOf ?? c.asOf).load(c.id))!.status;
  }

  @ResolveField(() => CommitmentFulfilment, { description: 'What accepted reports add up to on asOf (default today)' })
  async fulfilment(@Parent() c: CommitmentAsOf, @Ctx() ctx: RequestContext, @Args('asOf', AS_OF) asOf?: string) {
    return (await this.loader.ofCommitment(ctx, asOf ?? c.asOf).load(c.id))!;
  }
}
