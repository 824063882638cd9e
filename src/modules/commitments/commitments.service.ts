import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Role } from '../../common/auth/role.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import { today } from '../../common/time/calendar.js';
import { CommitmentChanged } from './commitment.events.js';
import { AgreementRenewed } from '../agreements/agreement.events.js';
import { AgreementStatus } from '../agreements/agreement-status.js';
import type { AgreementEntity } from '../agreements/agreement.entity.js';
import { AgreementsService, type AgreementTerms } from '../agreements/agreements.service.js';
import { asOfMoment, revive, type AsOfRecord } from '../../common/time/as-of.js';
import { AuditService } from '../audit/audit.service.js';
import { lineage } from '../places/place-code.js';
import { PlacesService } from '../places/places.service.js';
import { CommitmentTargetEntity, TargetAggregation } from './commitment-target.entity.js';
import { CommitmentEntity, ReportingSchedule } from './commitment.entity.js';
import { CommitmentErrors } from './commitments.errors.js';
import type { CommitmentsArgs } from './dto/commitments.args.js';
import type { AddCommitmentInput, CancelCommitmentInput, TargetInput, UpdateCommitmentInput } from './dto/commitment.input.js';
import { reportingPeriods } from './reporting-schedule.js';
import { ReportingPeriodEntity } from './reporting-period.entity.js';
import { entitiesOf, rowsBy } from '../../common/database/entity-rows.js';

const ENTITY = 'Commitment';
const VERSION_ERRORS = { notFound: CommitmentErrors.notFound, stale: CommitmentErrors.staleVersion };

/** A commitment as it stood at a moment, with the targets and periods its history state kept. */
export type CommitmentAsOf = AsOfRecord<CommitmentEntity, { targets: CommitmentTargetEntity[]; periods: ReportingPeriodEntity[] }>;

function asOfState(state: Record<string, unknown>, at: Date): CommitmentAsOf {
  const { targets, periods, ...columns } = revive(state, ['createdAt', 'updatedAt', 'cancelledAt']) as unknown as CommitmentEntity & {
    targets: CommitmentTargetEntity[];
    periods: ReportingPeriodEntity[];
  };
  return { ...columns, asOf: asOfMoment(at), snapshot: { targets, periods } };
}

/** What a progress report is checked against. */
export interface ReportingTerms {
  commitment: CommitmentEntity;
  targets: CommitmentTargetEntity[];
  periods: ReportingPeriodEntity[];
  agreement: AgreementEntity;
  agreementStatus: AgreementStatus;
  partyOrganisationIds: string[];
}

type CommitmentPlan = Pick<CommitmentEntity, 'startOn' | 'dueOn' | 'placeCodes' | 'reportingSchedule' | 'keyPointNumber' | 'responsibleOrganisationId'>;

/** What a target is, compared when an edit might change the terms of a commitment that has reports. */
const targetTerms = (targets: TargetInput[]) =>
  JSON.stringify(targets.map((t) => [t.indicator.trim(), t.unit.trim(), Number(t.baseline ?? 0), Number(t.targetValue), t.aggregation ?? TargetAggregation.SUM]));

/** Commitments belong to an agreement: this service asks the agreements service for its terms, inside the same write. */
@Injectable()
export class CommitmentsService implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly places: PlacesService,
    private readonly agreements: AgreementsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.uow.on(AgreementRenewed, (ctx, event) => this.copyOpen(ctx, event.sourceId, event.renewal));
  }

  async get(ctx: RequestContext, id: string): Promise<CommitmentEntity> {
    const commitment = await this.scoped(ctx).andWhere('c.id = :id', { id }).getOne();
    if (!commitment) throw CommitmentErrors.notFound(id);
    return commitment;
  }

  /** The commitment exactly as it stood at a moment (targets and periods included), from its history. */
  async getAsOf(ctx: RequestContext, id: string, at: Date): Promise<CommitmentAsOf> {
    const state = await this.audit.stateAt(ctx, ENTITY, id, at);
    if (!state) throw CommitmentErrors.notFound(id);
    return asOfState(state, at);
  }

  /** The commitments an agreement had at a moment, as they stood then. */
  async ofAgreementAsOf(ctx: RequestContext, agreementId: string, at: Date): Promise<CommitmentAsOf[]> {
    const found = await this.audit.statesAt(ctx, ENTITY, at, { field: 'agreementId', value: agreementId });
    return found
      .map((f) => asOfState(f.state, at))
      .sort((a, b) => (a.keyPointNumber ?? 1e9) - (b.keyPointNumber ?? 1e9) || a.createdAt.getTime() - b.createdAt.getTime());
  }

  list(ctx: RequestContext, args: CommitmentsArgs): Promise<Page<CommitmentEntity>> {
    const f = args.filter ?? {};
    const qb = this.scoped(ctx);
    if (f.agreementId) qb.andWhere('c.agreement_id = :agreementId', { agreementId: f.agreementId });
    if (f.responsibleOrganisationId) qb.andWhere('c.responsible_organisation_id = :org', { org: f.responsibleOrganisationId });
    if (f.categories?.length) qb.andWhere('c.category IN (:...categories)', { categories: f.categories });
    if (f.dueBefore) qb.andWhere('c.due_on <= :dueBefore', { dueBefore: f.dueBefore });
    return paginate(qb, args, { column: 'c.due_on', id: 'c.id', direction: 'ASC', key: (c) => [c.dueOn, c.id] }, (c) => c);
  }

  /** The agreements the actor may see with their commitments, a row per commitment, streamed for an export. */
  exportRows(ctx: RequestContext): Promise<Readable> {
    const qb = this.scoped(ctx)
      .select([])
      .innerJoin('agreement', 'a', 'a.id = c.agreement_id')
      .innerJoin('organisation', 'o', 'o.id = c.responsible_organisation_id')
      .addSelect('a.reference', 'agreement')
      .addSelect('a.kind', 'kind')
      .addSelect('a.title', 'agreementTitle')
      .addSelect('a.status', 'agreementStatus')
      .addSelect('a.signed_on', 'signedOn')
      .addSelect('a.effective_until', 'effectiveUntil')
      .addSelect('c.key_point_number', 'keyPoint')
      .addSelect('c.title', 'commitment')
      .addSelect('c.category', 'category')
      .addSelect('o.name', 'responsible')
      .addSelect('c.start_on', 'startOn')
      .addSelect('c.due_on', 'dueOn')
      .addSelect('c.cancelled_at', 'cancelledAt')
      .addSelect(
        `(SELECT string_agg(t.indicator || ': ' || t.target_value || ' ' || t.unit, '; ' ORDER BY t.position) FROM commitment_target t WHERE t.commitment_id = c.id)`,
        'targets',
      )
      .orderBy('a.reference', 'ASC')
      .addOrderBy('c.key_point_number', 'ASC', 'NULLS LAST')
      .addOrderBy('c.id', 'ASC');
    return this.uow.stream(qb);
  }

  /** For loaders: the commitments with these ids that the actor may see. */
  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<CommitmentEntity[]> {
    return entitiesOf(this.scoped(ctx).andWhere('c.id IN (:...ids)', { ids: [...ids] }));
  }

  /** For loaders: the commitments of these agreements that the actor may see. */
  ofAgreements(ctx: RequestContext, agreementIds: readonly string[]): Promise<CommitmentEntity[]> {
    return entitiesOf(
      this.scoped(ctx)
        .andWhere('c.agreement_id IN (:...agreementIds)', { agreementIds: [...agreementIds] })
        .orderBy('c.key_point_number', 'ASC', 'NULLS LAST')
        .addOrderBy('c.created_at', 'ASC'),
    );
  }

  targetsOf(ctx: RequestContext, ids: readonly string[]): Promise<CommitmentTargetEntity[]> {
    return rowsBy(this.uow.manager(ctx), CommitmentTargetEntity, 'commitmentId', ids, { position: 'ASC' });
  }

  periodsOf(ctx: RequestContext, ids: readonly string[]): Promise<ReportingPeriodEntity[]> {
    return rowsBy(this.uow.manager(ctx), ReportingPeriodEntity, 'commitmentId', ids, { number: 'ASC' });
  }

  /** The commitment with its targets, periods and agreement, read in the caller's write. */
  async getForReporting(ctx: RequestContext, commitmentId: string): Promise<ReportingTerms> {
    const em = this.uow.manager(ctx);
    const commitment = await em.findOneBy(CommitmentEntity, { id: commitmentId });
    if (!commitment) throw CommitmentErrors.notFound(commitmentId);
    // One after the other: a transaction's statements share one connection.
    const targets = await em.find(CommitmentTargetEntity, { where: { commitmentId }, order: { position: 'ASC' } });
    const periods = await em.find(ReportingPeriodEntity, { where: { commitmentId }, order: { number: 'ASC' } });
    const terms = await this.agreements.termsOf(ctx, commitment.agreementId);
    return { commitment, targets, periods, agreement: terms.agreement, agreementStatus: terms.status, partyOrganisationIds: terms.partyIds };
  }

  /**
   * Holds the commitment's row until the caller's write ends, so that writes changing what counts for it take turns
   * (an acceptance is stamped only once it holds it: acceptance moments follow the order the writes commit in).
   */
  async lock(ctx: RequestContext, commitmentId: string): Promise<void> {
    await this.uow.manager(ctx).query('SELECT 1 FROM commitment WHERE id = $1 FOR NO KEY UPDATE', [commitmentId]);
  }

  /**
   * A report now exists for the commitment: from here on its dates, schedule, targets and responsible organisation
   * stay as they are. Called by the reports feature inside the write that makes the report.
   */
  async noteReported(ctx: RequestContext, commitmentId: string): Promise<void> {
    await this.uow.manager(ctx).update(CommitmentEntity, { id: commitmentId, hasReports: false }, { hasReports: true });
  }

  add(ctx: RequestContext, input: AddCommitmentInput): Promise<CommitmentEntity> {
    return this.uow.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      const terms = await this.openAgreement(ctx, input.agreementId);
      const commitment = em.create(CommitmentEntity, {
        agreementId: input.agreementId,
        responsibleOrganisationId: input.responsibleOrganisationId,
        category: input.category,
        title: input.title.trim(),
        description: input.description ?? null,
        keyPointNumber: input.keyPointNumber ?? null,
        startOn: input.startOn,
        dueOn: input.dueOn,
        placeCodes: [...new Set(input.placeCodes ?? [])],
        reportingSchedule: input.reportingSchedule ?? ReportingSchedule.NONE,
        cancelledAt: null,
        cancellationReason: null,
        hasReports: false,
        version: 1,
      });
      await this.checkPlan(terms, commitment, input.dueDates);
      await em.save(commitment);
      await this.saveTargets(ctx, commitment.id, input.targets);
      await this.savePeriods(ctx, commitment, input.dueDates);
      await this.record(ctx, 'COMMITMENT_CREATED', null, commitment, terms.partyIds);
      return commitment;
    });
  }

  /**
   * Changes only the fields given. Once a report exists, the text (title, description), category, key point and
   * places may still change; dates, schedule, targets and the responsible organisation may not.
   */
  update(ctx: RequestContext, input: UpdateCommitmentInput): Promise<CommitmentEntity> {
    return this.uow.write(ctx, async (ctx) => {
      const commitment = await this.uow.changeVersioned(ctx, CommitmentEntity, input.id, input.version, VERSION_ERRORS);
      if (commitment.cancelledAt) throw CommitmentErrors.cancelled();
      const terms = await this.openAgreement(ctx, commitment.agreementId);
      const before = await this.snapshot(ctx, commitment);
      const changed = (key: 'startOn' | 'dueOn' | 'reportingSchedule' | 'responsibleOrganisationId') =>
        input[key] !== undefined && input[key] !== commitment[key];
      const dueDatesChange =
        input.dueDates !== undefined && JSON.stringify([...new Set(input.dueDates)].sort()) !== JSON.stringify(this.customDueDates(before) ?? []);
      const targetsChange = input.targets !== undefined && targetTerms(input.targets) !== targetTerms(before.targets);
      const periodsChange = changed('startOn') || changed('dueOn') || changed('reportingSchedule') || dueDatesChange;
      const reshapes = periodsChange || targetsChange;
      if (commitment.hasReports && (reshapes || changed('responsibleOrganisationId'))) throw CommitmentErrors.hasReports();
      for (const key of ['responsibleOrganisationId', 'category', 'description', 'keyPointNumber', 'startOn', 'dueOn', 'reportingSchedule'] as const) {
        if (input[key] !== undefined) Object.assign(commitment, { [key]: input[key] });
      }
      if (input.title !== undefined) commitment.title = input.title.trim();
      if (input.placeCodes) commitment.placeCodes = [...new Set(input.placeCodes)];
      await this.checkPlan(terms, commitment, input.dueDates);
      const em = this.uow.manager(ctx);
      await em.save(commitment);
      if (targetsChange) {
        await em.delete(CommitmentTargetEntity, { commitmentId: commitment.id });
        await this.saveTargets(ctx, commitment.id, input.targets!);
      }
      if (periodsChange) {
        await em.delete(ReportingPeriodEntity, { commitmentId: commitment.id });
        await this.savePeriods(ctx, commitment, input.dueDates ?? this.customDueDates(before));
      }
      await this.record(ctx, 'COMMITMENT_UPDATED', before, commitment, terms.partyIds);
      return commitment;
    });
  }

  cancel(ctx: RequestContext, input: CancelCommitmentInput): Promise<CommitmentEntity> {
    return this.uow.write(ctx, async (ctx) => {
      const commitment = await this.uow.changeVersioned(ctx, CommitmentEntity, input.id, input.version, VERSION_ERRORS);
      if (commitment.cancelledAt) throw CommitmentErrors.cancelled();
      const before = await this.snapshot(ctx, commitment);
      commitment.cancelledAt = new Date();
      commitment.cancellationReason = input.reason;
      await this.uow.manager(ctx).save(commitment);
      const { partyIds } = await this.agreements.termsOf(ctx, commitment.agreementId);
      await this.record(ctx, 'COMMITMENT_CANCELLED', before, commitment, partyIds, input.reason);
      return commitment;
    });
  }

  /**
   * On a renewal, in its write: copies the commitments of `fromId` that are still open (not cancelled, not yet due)
   * into the new agreement, with their targets and schedule; their dates move into the renewal's period where it has one.
   */
  private async copyOpen(ctx: RequestContext, fromId: string, renewal: AgreementEntity): Promise<void> {
    const em = this.uow.manager(ctx);
    const open = await em
      .createQueryBuilder(CommitmentEntity, 'c')
      .where('c.agreement_id = :fromId AND c.cancelled_at IS NULL AND c.due_on >= :today', { fromId, today: today() })
      .orderBy('c.created_at', 'ASC')
      .getMany();
    const { partyIds } = await this.agreements.termsOf(ctx, renewal.id);
    for (const old of open) {
      const targets = await em.find(CommitmentTargetEntity, { where: { commitmentId: old.id }, order: { position: 'ASC' } });
      const periods = await em.find(ReportingPeriodEntity, { where: { commitmentId: old.id }, order: { number: 'ASC' } });
      const copy = em.create(CommitmentEntity, {
        ...old,
        id: undefined,
        agreementId: renewal.id,
        startOn: renewal.effectiveFrom ?? old.startOn,
        dueOn: renewal.effectiveUntil ?? old.dueOn,
        hasReports: false,
        version: 1,
        createdAt: undefined,
        updatedAt: undefined,
      });
      await em.save(copy);
      await this.saveTargets(ctx, copy.id, targets);
      const custom = old.reportingSchedule === ReportingSchedule.CUSTOM ? periods.map((p) => p.dueOn) : undefined;
      await this.savePeriods(ctx, copy, custom?.filter((d) => d >= copy.startOn && d <= copy.dueOn));
      await this.record(ctx, 'COMMITMENT_CREATED', null, copy, partyIds, `Carried over from commitment ${old.id}`);
    }
  }

  /** The agreement must accept commitments: DRAFT or ACTIVE, not TERMINATED or EXPIRED. Locked against a concurrent termination. */
  private async openAgreement(ctx: RequestContext, agreementId: string): Promise<AgreementTerms> {
    const terms = await this.agreements.termsOf(ctx, agreementId, { lock: true });
    if (terms.status !== AgreementStatus.DRAFT && terms.status !== AgreementStatus.ACTIVE) throw CommitmentErrors.agreementNotOpen(terms.status);
    return terms;
  }

  private async checkPlan(terms: AgreementTerms, c: CommitmentPlan, dueDates?: string[]) {
    const { agreement } = terms;
    if (!terms.partyIds.includes(c.responsibleOrganisationId)) throw CommitmentErrors.notAParty();
    if (c.keyPointNumber !== null && !terms.keyPointNumbers.includes(c.keyPointNumber)) throw CommitmentErrors.unknownKeyPoint(c.keyPointNumber);
    if (c.dueOn < c.startOn) throw CommitmentErrors.dueBeforeStart();
    if (agreement.effectiveFrom && c.startOn < agreement.effectiveFrom) throw CommitmentErrors.outsideAgreement('input.startOn');
    if (agreement.effectiveUntil && c.dueOn > agreement.effectiveUntil) throw CommitmentErrors.outsideAgreement('input.dueOn');
    this.places.assertExist(c.placeCodes, 'input.placeCodes');
    if (agreement.coveragePlaceCodes.length) {
      const covered = new Set(agreement.coveragePlaceCodes);
      c.placeCodes.forEach((code, i) => {
        if (!lineage(code).some((p) => covered.has(p))) throw CommitmentErrors.outsideCoverage(`input.placeCodes.${i}`, code);
      });
    }
    if (c.reportingSchedule === ReportingSchedule.CUSTOM) {
      if (dueDates !== undefined && dueDates.length === 0) throw CommitmentErrors.dueDatesRequired();
      dueDates?.forEach((d, i) => {
        if (d < c.startOn || d > c.dueOn) throw CommitmentErrors.dueDateOutside(i);
      });
    }
  }

  private async saveTargets(ctx: RequestContext, commitmentId: string, targets: TargetInput[]) {
    await this.uow.manager(ctx).insert(
      CommitmentTargetEntity,
      targets.map((t, i) => ({
        commitmentId,
        position: i + 1,
        indicator: t.indicator.trim(),
        unit: t.unit.trim(),
        baseline: t.baseline ?? 0,
        targetValue: t.targetValue,
        aggregation: t.aggregation ?? TargetAggregation.SUM,
      })),
    );
  }

  private async savePeriods(ctx: RequestContext, c: CommitmentEntity, dueDates?: string[]) {
    if (c.reportingSchedule === ReportingSchedule.CUSTOM && !dueDates?.length) throw CommitmentErrors.dueDatesRequired();
    const periods = reportingPeriods(c.startOn, c.dueOn, c.reportingSchedule, dueDates);
    await this.uow.manager(ctx).insert(ReportingPeriodEntity, periods.map((p) => ({ ...p, commitmentId: c.id })));
  }

  private customDueDates(before: { reportingSchedule: ReportingSchedule; periods: { dueOn: string }[] }) {
    return before.reportingSchedule === ReportingSchedule.CUSTOM ? before.periods.map((p) => p.dueOn) : undefined;
  }

  /** The commitment with its targets and periods: the state its history entries keep. */
  private async snapshot(ctx: RequestContext, c: CommitmentEntity) {
    const em = this.uow.manager(ctx);
    const targets = await em.find(CommitmentTargetEntity, { where: { commitmentId: c.id }, order: { position: 'ASC' } });
    const periods = await em.find(ReportingPeriodEntity, { where: { commitmentId: c.id }, order: { number: 'ASC' } });
    const { agreement: _a, responsibleOrganisation: _o, ...plain } = c;
    return {
      ...plain,
      targets: targets.map(({ commitment: _c, ...t }) => t),
      periods: periods.map(({ commitment: _c, ...p }) => p),
    };
  }

  private async record(ctx: RequestContext, action: string, before: object | null, c: CommitmentEntity, partyIds: string[], reason?: string) {
    await this.uow.record(ctx, {
      action,
      entityType: ENTITY,
      entityId: c.id,
      before,
      after: await this.snapshot(ctx, c),
      reason,
      organisationIds: partyIds,
    });
    await this.uow.publish(ctx, new CommitmentChanged(c.id));
  }

  /** Partners see the commitments of agreements their organisation is party to. */
  private scoped(ctx: RequestContext) {
    const qb = this.uow.manager(ctx).createQueryBuilder(CommitmentEntity, 'c').where('TRUE');
    const actor = ctx.requiredActor;
    if (actor.role === Role.PARTNER) {
      qb.andWhere('EXISTS (SELECT 1 FROM agreement_party own WHERE own.agreement_id = c.agreement_id AND own.organisation_id = :own)', {
        own: actor.organisationId,
      });
    }
    return qb;
  }
}
