import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, Role } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { FieldChange, HistoryEntry } from '../audit/history-entry.type.js';
import { OrganisationLoader } from '../organisations/organisation.loader.js';
import { Organisation } from '../organisations/organisation.type.js';
import { PlaceLoader } from '../places/place.loader.js';
import { Place } from '../places/place.type.js';
import { AGREEMENT_HISTORY_LIMIT, AgreementLoader } from './agreement.loader.js';
import { agreementStatus, AgreementStatus } from './agreement-status.js';
import { Agreement, AgreementAmendment, AgreementConnection, AgreementDocument, AgreementParty, KeyPoint } from './agreement.type.js';
import type { AgreementAmendmentEntity } from './agreement-amendment.entity.js';
import { type AgreementAsOf, AgreementsService } from './agreements.service.js';
import { AgreementsArgs } from './dto/agreements.args.js';
import {
  AmendAgreementInput,
  RenewAgreementInput,
  SignAgreementInput,
  TerminateAgreementInput,
  UpdateAgreementInput,
} from './dto/change-agreement.input.js';
import { CreateAgreementInput } from './dto/create-agreement.input.js';

const WRITERS = [Role.ADMIN, Role.COORDINATOR];

@Resolver(() => Agreement)
export class AgreementsResolver {
  constructor(
    private readonly service: AgreementsService,
    private readonly loader: AgreementLoader,
    private readonly places: PlaceLoader,
  ) {}

  @Query(() => Agreement, { description: 'Partners: only agreements their organisation is party to. With asOf: exactly as it stood then' })
  @Allow(...READERS)
  agreement(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => Date, nullable: true, description: 'A past moment: the agreement, its parts and commitments as they stood then' })
    asOf?: Date,
  ): Promise<Agreement> {
    return asOf ? this.service.getAsOf(ctx, id, asOf) : this.service.get(ctx, id);
  }

  @Query(() => AgreementConnection, {
    description: 'Ordered by reference number. Partners: only their organisation’s agreements. With asOf: the agreements as they stood then, filtered as they were then',
  })
  @Allow(...READERS)
  agreements(
    @Ctx() ctx: RequestContext,
    @Args() args: AgreementsArgs,
    @Args('asOf', { type: () => Date, nullable: true, description: 'A past moment: every agreement as it stood then (from the history)' })
    asOf?: Date,
  ): Promise<AgreementConnection> {
    return asOf ? this.service.listAsOf(ctx, args, asOf) : this.service.list(ctx, args);
  }

  @Mutation(() => Agreement, { description: 'Records an agreement as a DRAFT' })
  @Allow(...WRITERS)
  createAgreement(@Ctx() ctx: RequestContext, @Args('input') input: CreateAgreementInput): Promise<Agreement> {
    return this.service.create(ctx, input);
  }

  @Mutation(() => Agreement, { description: 'Changes a DRAFT' })
  @Allow(...WRITERS)
  updateAgreement(@Ctx() ctx: RequestContext, @Args('input') input: UpdateAgreementInput): Promise<Agreement> {
    return this.service.update(ctx, input);
  }

  @Mutation(() => Agreement, { description: 'DRAFT → ACTIVE; needs two signatory parties and the signing date' })
  @Allow(...WRITERS)
  signAgreement(@Ctx() ctx: RequestContext, @Args('input') input: SignAgreementInput): Promise<Agreement> {
    return this.service.sign(ctx, input);
  }

  @Mutation(() => Agreement, { description: 'Ends an ACTIVE agreement early, with the reason' })
  @Allow(...WRITERS)
  terminateAgreement(@Ctx() ctx: RequestContext, @Args('input') input: TerminateAgreementInput): Promise<Agreement> {
    return this.service.terminate(ctx, input);
  }

  @Mutation(() => Agreement, { description: 'The only way to change an ACTIVE agreement; kept as a numbered amendment' })
  @Allow(...WRITERS)
  amendAgreement(@Ctx() ctx: RequestContext, @Args('input') input: AmendAgreementInput): Promise<Agreement> {
    return this.service.amend(ctx, input);
  }

  @Mutation(() => Agreement, { description: 'A new DRAFT renewing the agreement: parties, points and open commitments copied' })
  @Allow(...WRITERS)
  renewAgreement(@Ctx() ctx: RequestContext, @Args('input') input: RenewAgreementInput): Promise<Agreement> {
    return this.service.renew(ctx, input);
  }

  @ResolveField(() => AgreementStatus, { description: 'EXPIRED from the day after effectiveUntil (WIB), without anyone acting' })
  status(@Parent() a: AgreementAsOf): AgreementStatus {
    return agreementStatus(a, a.asOf?.day);
  }

  @ResolveField(() => [AgreementParty])
  parties(@Parent() a: AgreementAsOf, @Ctx() ctx: RequestContext) {
    return a.snapshot ? a.snapshot.parties.map((p) => ({ ...p, id: `${a.id}:${p.position}` })) : this.loader.parties(ctx).load(a.id);
  }

  @ResolveField(() => [KeyPoint])
  keyPoints(@Parent() a: AgreementAsOf, @Ctx() ctx: RequestContext) {
    return a.snapshot ? a.snapshot.keyPoints : this.loader.keyPoints(ctx).load(a.id);
  }

  @ResolveField(() => [AgreementDocument])
  documents(@Parent() a: AgreementAsOf, @Ctx() ctx: RequestContext) {
    return a.snapshot ? a.snapshot.documents : this.loader.documents(ctx).load(a.id);
  }

  @ResolveField(() => [AgreementAmendment], { description: 'In order, first amendment first (as of: those made by then)' })
  async amendments(@Parent() a: AgreementAsOf, @Ctx() ctx: RequestContext) {
    const all = await this.loader.amendments(ctx).load(a.id);
    return a.asOf ? all.filter((m) => m.createdAt <= a.asOf!.at) : all;
  }

  @ResolveField(() => [HistoryEntry], {
    description: `Every change to the agreement, oldest first (the latest ${AGREEMENT_HISTORY_LIMIT}; auditTrail pages through all)`,
  })
  async history(@Parent() a: AgreementAsOf, @Ctx() ctx: RequestContext) {
    const all = await this.loader.history(ctx).load(a.id);
    return a.asOf ? all.filter((h) => h.occurredAt <= a.asOf!.at) : all;
  }

  @ResolveField(() => [Place])
  coveragePlaces(@Parent() a: Agreement, @Ctx() ctx: RequestContext) {
    return this.places.many(ctx, a.coveragePlaceCodes);
  }

  @ResolveField(() => Agreement, { nullable: true, description: 'The agreement this one renews' })
  renews(@Parent() a: AgreementAsOf, @Ctx() ctx: RequestContext) {
    if (!a.renewsId) return null;
    return a.asOf ? this.service.getAsOf(ctx, a.renewsId, a.asOf.at).catch(() => null) : this.loader.byId(ctx).load(a.renewsId);
  }

  @ResolveField(() => [Agreement], { description: 'The agreements that renew this one (as of: those recorded by then, as they are now)' })
  async renewedBy(@Parent() a: AgreementAsOf, @Ctx() ctx: RequestContext) {
    const all = await this.loader.renewals(ctx).load(a.id);
    return a.asOf ? all.filter((r) => r.createdAt <= a.asOf!.at) : all;
  }
}

@Resolver(() => AgreementParty)
export class AgreementPartyResolver {
  constructor(private readonly organisations: OrganisationLoader) {}

  @ResolveField(() => Organisation)
  organisation(@Parent() p: AgreementParty, @Ctx() ctx: RequestContext) {
    return this.organisations.byId(ctx).load(p.organisationId);
  }
}

@Resolver(() => AgreementAmendment)
export class AgreementAmendmentResolver {
  @ResolveField(() => [FieldChange])
  changes(@Parent() a: AgreementAmendment & Pick<AgreementAmendmentEntity, 'changes'>): FieldChange[] {
    const changes = a.changes as unknown as AgreementAmendmentEntity['changes'];
    return Object.entries(changes).map(([field, c]) => ({ field, before: c.before, after: c.after }));
  }
}
