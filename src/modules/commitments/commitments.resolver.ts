import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, Role } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { AgreementLoader } from '../agreements/agreement.loader.js';
import { Agreement } from '../agreements/agreement.type.js';
import { type AgreementAsOf, AgreementsService } from '../agreements/agreements.service.js';
import { OrganisationLoader } from '../organisations/organisation.loader.js';
import { Organisation } from '../organisations/organisation.type.js';
import { PlaceLoader } from '../places/place.loader.js';
import { Place } from '../places/place.type.js';
import { CommitmentLoader } from './commitment.loader.js';
import { Commitment, CommitmentConnection, CommitmentTarget, ReportingPeriod } from './commitment.type.js';
import { type CommitmentAsOf, CommitmentsService } from './commitments.service.js';
import { CommitmentsArgs } from './dto/commitments.args.js';
import { AddCommitmentInput, CancelCommitmentInput, UpdateCommitmentInput } from './dto/commitment.input.js';

const WRITERS = [Role.ADMIN, Role.COORDINATOR];

@Resolver(() => Commitment)
export class CommitmentsResolver {
  constructor(
    private readonly service: CommitmentsService,
    private readonly loader: CommitmentLoader,
    private readonly organisations: OrganisationLoader,
    private readonly placeLoader: PlaceLoader,
    private readonly agreements: AgreementLoader,
    private readonly agreementsService: AgreementsService,
  ) {}

  @Query(() => Commitment, { description: 'Partners: only commitments of agreements their organisation is party to. With asOf: as it stood then' })
  @Allow(...READERS)
  commitment(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => Date, nullable: true, description: 'A past moment: the commitment, its targets and status as they stood then' })
    asOf?: Date,
  ): Promise<Commitment> {
    return asOf ? this.service.getAsOf(ctx, id, asOf) : this.service.get(ctx, id);
  }

  @Query(() => CommitmentConnection, { description: 'Ordered by due date' })
  @Allow(...READERS)
  commitments(@Ctx() ctx: RequestContext, @Args() args: CommitmentsArgs): Promise<CommitmentConnection> {
    return this.service.list(ctx, args);
  }

  @Mutation(() => Commitment, { description: 'To a DRAFT or ACTIVE agreement; the responsible organisation is one of its parties' })
  @Allow(...WRITERS)
  addCommitment(@Ctx() ctx: RequestContext, @Args('input') input: AddCommitmentInput): Promise<Commitment> {
    return this.service.add(ctx, input);
  }

  @Mutation(() => Commitment)
  @Allow(...WRITERS)
  updateCommitment(@Ctx() ctx: RequestContext, @Args('input') input: UpdateCommitmentInput): Promise<Commitment> {
    return this.service.update(ctx, input);
  }

  @Mutation(() => Commitment, { description: 'Nothing is deleted: a cancelled commitment stays, with its reason' })
  @Allow(...WRITERS)
  cancelCommitment(@Ctx() ctx: RequestContext, @Args('input') input: CancelCommitmentInput): Promise<Commitment> {
    return this.service.cancel(ctx, input);
  }

  @ResolveField(() => Agreement)
  agreement(@Parent() c: CommitmentAsOf, @Ctx() ctx: RequestContext) {
    return c.asOf ? this.agreementsService.getAsOf(ctx, c.agreementId, c.asOf.at) : this.agreements.byId(ctx).load(c.agreementId);
  }

  @ResolveField(() => Organisation)
  responsibleOrganisation(@Parent() c: Commitment, @Ctx() ctx: RequestContext) {
    return this.organisations.byId(ctx).load(c.responsibleOrganisationId);
  }

  @ResolveField(() => [CommitmentTarget])
  targets(@Parent() c: CommitmentAsOf, @Ctx() ctx: RequestContext) {
    return c.snapshot ? c.snapshot.targets : this.loader.targets(ctx).load(c.id);
  }

  @ResolveField(() => [ReportingPeriod], { description: 'The periods reports are due for, in order' })
  periods(@Parent() c: CommitmentAsOf, @Ctx() ctx: RequestContext) {
    return c.snapshot ? c.snapshot.periods : this.loader.periods(ctx).load(c.id);
  }

  @ResolveField(() => [Place])
  places(@Parent() c: Commitment, @Ctx() ctx: RequestContext) {
    return this.placeLoader.many(ctx, c.placeCodes);
  }
}

/** Agreement.commitments joins agreements and commitments, so it lives here, in the later feature. */
@Resolver(() => Agreement)
export class AgreementCommitmentsResolver {
  constructor(
    private readonly loader: CommitmentLoader,
    private readonly service: CommitmentsService,
  ) {}

  @ResolveField(() => [Commitment], { description: 'The commitments made in the agreement (as of: those it had then, as they stood)' })
  commitments(@Parent() a: AgreementAsOf, @Ctx() ctx: RequestContext) {
    return a.asOf ? this.service.ofAgreementAsOf(ctx, a.id, a.asOf.at) : this.loader.ofAgreement(ctx).load(a.id);
  }
}
