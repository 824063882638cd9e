import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, Role } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { CommitmentLoader } from '../commitments/commitment.loader.js';
import { Commitment, ReportingPeriod } from '../commitments/commitment.type.js';
import { OrganisationLoader } from '../organisations/organisation.loader.js';
import { Organisation } from '../organisations/organisation.type.js';
import { PlaceLoader } from '../places/place.loader.js';
import { Place } from '../places/place.type.js';
import { AcceptReportInput, CreateReportInput, SendBackReportInput, SubmitReportInput, UpdateReportInput } from './dto/report.input.js';
import { ReportsArgs } from './dto/reports.args.js';
import type { ProgressReportEntity } from './progress-report.entity.js';
import { ReportLoader } from './report.loader.js';
import { Evidence, PeopleReached, peopleReached, Report, ReportActor, ReportConnection, ReportReview, ReportValue } from './report.type.js';
import { ReportsService } from './reports.service.js';

const REPORTERS = [Role.ADMIN, Role.COORDINATOR, Role.PARTNER];
const REVIEWERS = [Role.ADMIN, Role.COORDINATOR];

@Resolver(() => Report)
export class ReportsResolver {
  constructor(
    private readonly service: ReportsService,
    private readonly loader: ReportLoader,
    private readonly commitments: CommitmentLoader,
    private readonly organisations: OrganisationLoader,
    private readonly placeLoader: PlaceLoader,
  ) {}

  @Query(() => Report, { description: 'Partners: their own organisation’s reports only' })
  @Allow(...READERS)
  report(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Report> {
    return this.service.get(ctx, id);
  }

  @Query(() => ReportConnection, { description: 'Latest activity first. Partners: their own organisation’s reports only' })
  @Allow(...READERS)
  reports(@Ctx() ctx: RequestContext, @Args() args: ReportsArgs): Promise<ReportConnection> {
    return this.service.list(ctx, args);
  }

  @Query(() => ReportConnection, { description: 'SUBMITTED reports, the longest waiting first' })
  @Allow(...READERS)
  reportsAwaitingReview(@Ctx() ctx: RequestContext, @Args() args: ReportsArgs): Promise<ReportConnection> {
    return this.service.awaitingReview(ctx, args);
  }

  @Mutation(() => Report, { description: 'A DRAFT; partners for their own organisation’s commitments, coordinators on their behalf' })
  @Allow(...REPORTERS)
  createReport(@Ctx() ctx: RequestContext, @Args('input') input: CreateReportInput): Promise<Report> {
    return this.service.create(ctx, input);
  }

  @Mutation(() => Report, { description: 'Changes a DRAFT or SENT_BACK report' })
  @Allow(...REPORTERS)
  updateReport(@Ctx() ctx: RequestContext, @Args('input') input: UpdateReportInput): Promise<Report> {
    return this.service.update(ctx, input);
  }

  @Mutation(() => Report, { description: 'DRAFT or SENT_BACK → SUBMITTED; safe to retry with the same idempotencyKey' })
  @Allow(...REPORTERS)
  submitReport(@Ctx() ctx: RequestContext, @Args('input') input: SubmitReportInput): Promise<Report> {
    return this.service.submit(ctx, input);
  }

  @Mutation(() => Report, { description: 'SUBMITTED → ACCEPTED, by someone other than the submitter; it then counts, and never changes' })
  @Allow(...REVIEWERS)
  acceptReport(@Ctx() ctx: RequestContext, @Args('input') input: AcceptReportInput): Promise<Report> {
    return this.service.accept(ctx, input);
  }

  @Mutation(() => Report, { description: 'SUBMITTED → SENT_BACK with the reviewer’s comment; the reporter fixes and resubmits' })
  @Allow(...REVIEWERS)
  sendBackReport(@Ctx() ctx: RequestContext, @Args('input') input: SendBackReportInput): Promise<Report> {
    return this.service.sendBack(ctx, input);
  }

  @ResolveField(() => Commitment)
  commitment(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    return this.commitments.byId(ctx).load(r.commitmentId);
  }

  @ResolveField(() => ReportingPeriod, { nullable: true })
  async period(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    if (!r.periodId) return null;
    return (await this.commitments.periods(ctx).load(r.commitmentId)).find((p) => p.id === r.periodId) ?? null;
  }

  @ResolveField(() => Report, { nullable: true, description: 'The accepted report this one corrects' })
  corrects(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    return r.correctsId ? this.loader.byId(ctx).load(r.correctsId) : null;
  }

  @ResolveField(() => Organisation)
  organisation(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    return this.organisations.byId(ctx).load(r.organisationId);
  }

  @ResolveField(() => [Place])
  places(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    return this.placeLoader.many(ctx, r.placeCodes);
  }

  @ResolveField(() => [ReportValue])
  values(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    return this.loader.values(ctx).load(r.id);
  }

  @ResolveField(() => [Evidence])
  evidence(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    return this.loader.evidence(ctx).load(r.id);
  }

  @ResolveField(() => PeopleReached)
  people(@Parent() report: Report): PeopleReached {
    return peopleReached(report as unknown as ProgressReportEntity);
  }

  @ResolveField(() => ReportActor, { description: 'Who made the report (a coordinator may report on a partner’s behalf)' })
  createdBy(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    return this.loader.user(ctx).load((r as unknown as ProgressReportEntity).createdById);
  }

  @ResolveField(() => ReportActor, { nullable: true })
  submittedBy(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    const id = (r as unknown as ProgressReportEntity).submittedById;
    return id ? this.loader.user(ctx).load(id) : null;
  }

  @ResolveField(() => [ReportReview], { description: 'Every round of review, in order: who submitted when, the decision, the comment, the reviewer' })
  reviews(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    return this.loader.reviews(ctx).load(r.id);
  }

  @ResolveField(() => ReportActor, { nullable: true })
  reviewedBy(@Parent() r: Report, @Ctx() ctx: RequestContext) {
    const id = (r as unknown as ProgressReportEntity).reviewedById;
    return id ? this.loader.user(ctx).load(id) : null;
  }
}
