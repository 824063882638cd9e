import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Role } from '../../common/auth/role.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import { today } from '../../common/graphql/date.scalar.js';
import { HistoryService } from '../../common/history/history.service.js';
import { AgreementKeyPointEntity } from '../agreements/agreement-key-point.entity.js';
import { AgreementPartyEntity } from '../agreements/agreement-party.entity.js';
import { AgreementEntity } from '../agreements/agreement.entity.js';
import { agreementStatus, AgreementStatus } from '../agreements/agreement-status.js';
import { AgreementErrors } from '../agreements/agreements.errors.js';
import { lineage } from '../places/place-code.js';
import { PlacesService } from '../places/places.service.js';
import { CommitmentTargetEntity, TargetAggregation } from './commitment-target.entity.js';
import { CommitmentEntity, ReportingSchedule } from './commitment.entity.js';
import { CommitmentErrors } from './commitments.errors.js';
import type { CommitmentsArgs } from './dto/commitments.args.js';
import type { AddCommitmentInput, CancelCommitmentInput, TargetInput, UpdateCommitmentInput } from './dto/commitment.input.js';
import { reportingPeriods } from './reporting-schedule.js';
import { ReportingPeriodEntity } from './reporting-period.entity.js';

const ENTITY = 'Commitment';

/** What a progress report is checked against. */
export interface ReportingTerms {
  commitment: CommitmentEntity;
  targets: CommitmentTargetEntity[];
  periods: ReportingPeriodEntity[];
  agreement: AgreementEntity;
  agreementStatus: AgreementStatus;
  partyOrganisationIds: string[];
}

/** The agreement a commitment belongs to, read inside the writing transaction. */
interface AgreementTerms {
  agreement: AgreementEntity;
  partyIds: string[];
  keyPointNumbers: number[];
}

type CommitmentPlan = Pick<CommitmentEntity, 'startOn' | 'dueOn' | 'placeCodes' | 'reportingSchedule' | 'keyPointNumber' | 'responsibleOrganisationId'>;

/**
 * Commitments are part of their agreement: this service reads the agreement's rows (status, parties, points,
 * period, coverage) inside its own transaction to keep a commitment consistent with them.
 */
@Injectable()
export class CommitmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly places: PlacesService,
    private readonly history: HistoryService,
  ) {}

  async get(ctx: RequestContext, id: string): Promise<CommitmentEntity> {
    const commitment = await this.scoped(ctx).andWhere('c.id = :id', { id }).getOne();
    if (!commitment) throw CommitmentErrors.notFound(id);
    return commitment;
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

  findByIds(ids: readonly string[]): Promise<CommitmentEntity[]> {
    return this.db.getRepository(CommitmentEntity).findBy({ id: In([...ids]) });
  }

  ofAgreements(agreementIds: readonly string[]): Promise<CommitmentEntity[]> {
    return this.db
      .getRepository(CommitmentEntity)
      .find({ where: { agreementId: In([...agreementIds]) }, order: { keyPointNumber: 'ASC', createdAt: 'ASC' } });
  }

  targetsOf(ids: readonly string[]): Promise<CommitmentTargetEntity[]> {
    return this.db.getRepository(CommitmentTargetEntity).find({ where: { commitmentId: In([...ids]) }, order: { position: 'ASC' } });
  }

  periodsOf(ids: readonly string[]): Promise<ReportingPeriodEntity[]> {
    return this.db.getRepository(ReportingPeriodEntity).find({ where: { commitmentId: In([...ids]) }, order: { number: 'ASC' } });
  }

  /** The commitment with its targets, periods and agreement, read inside the caller's transaction. */
  async getForReporting(commitmentId: string, em: EntityManager = this.db.manager): Promise<ReportingTerms> {
    const commitment = await em.findOneBy(CommitmentEntity, { id: commitmentId });
    if (!commitment) throw CommitmentErrors.notFound(commitmentId);
    // One after the other: a transaction's statements share one connection.
    const targets = await em.find(CommitmentTargetEntity, { where: { commitmentId }, order: { position: 'ASC' } });
    const periods = await em.find(ReportingPeriodEntity, { where: { commitmentId }, order: { number: 'ASC' } });
    const agreement = await em.findOneByOrFail(AgreementEntity, { id: commitment.agreementId });
    const parties = await em.findBy(AgreementPartyEntity, { agreementId: commitment.agreementId });
    return {
      commitment,
      targets,
      periods,
      agreement,
      agreementStatus: agreementStatus(agreement),
      partyOrganisationIds: parties.map((p) => p.organisationId),
    };
  }

  add(ctx: RequestContext, input: AddCommitmentInput): Promise<CommitmentEntity> {
    return this.db.transaction(async (em) => {
      const terms = await this.openAgreement(em, input.agreementId);
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
        version: 1,
      });
      await this.checkPlan(terms, commitment, input.dueDates);
      await em.save(commitment);
      await this.saveTargets(em, commitment.id, input.targets);
      await this.savePeriods(em, commitment, input.dueDates);
      await this.record(em, ctx, 'COMMITMENT_CREATED', null, commitment, terms.partyIds);
      return commitment;
    });
  }

  update(ctx: RequestContext, input: UpdateCommitmentInput): Promise<CommitmentEntity> {
    return this.db.transaction(async (em) => {
      const commitment = await this.lock(em, input.id);
      if (commitment.version !== input.version) throw CommitmentErrors.staleVersion(commitment.version);
      if (commitment.cancelledAt) throw CommitmentErrors.cancelled();
      const terms = await this.openAgreement(em, commitment.agreementId);
      const before = await this.snapshot(em, commitment);
      const reshapes = [input.startOn, input.dueOn, input.reportingSchedule, input.dueDates, input.targets].some((v) => v !== undefined);
      if (reshapes && (await this.hasReports(em, commitment.id))) throw CommitmentErrors.hasReports();
      for (const key of ['responsibleOrganisationId', 'category', 'title', 'description', 'keyPointNumber', 'startOn', 'dueOn', 'reportingSchedule'] as const) {
        if (input[key] !== undefined) (commitment as unknown as Record<string, unknown>)[key] = input[key];
      }
      if (input.placeCodes) commitment.placeCodes = [...new Set(input.placeCodes)];
      await this.checkPlan(terms, commitment, input.dueDates);
      commitment.version += 1;
      await em.save(commitment);
      if (input.targets) {
        await em.delete(CommitmentTargetEntity, { commitmentId: commitment.id });
        await this.saveTargets(em, commitment.id, input.targets);
      }
      if (reshapes) {
        await em.delete(ReportingPeriodEntity, { commitmentId: commitment.id });
        await this.savePeriods(em, commitment, input.dueDates ?? this.customDueDates(before));
      }
      await this.record(em, ctx, 'COMMITMENT_UPDATED', before, commitment, terms.partyIds);
      return commitment;
    });
  }

  cancel(ctx: RequestContext, input: CancelCommitmentInput): Promise<CommitmentEntity> {
    return this.db.transaction(async (em) => {
      const commitment = await this.lock(em, input.id);
      if (commitment.version !== input.version) throw CommitmentErrors.staleVersion(commitment.version);
      if (commitment.cancelledAt) throw CommitmentErrors.cancelled();
      const before = await this.snapshot(em, commitment);
      commitment.cancelledAt = new Date();
      commitment.cancellationReason = input.reason;
      commitment.version += 1;
      await em.save(commitment);
      const partyIds = (await em.findBy(AgreementPartyEntity, { agreementId: commitment.agreementId })).map((p) => p.organisationId);
      await this.record(em, ctx, 'COMMITMENT_CANCELLED', before, commitment, partyIds, input.reason);
      return commitment;
    });
  }

  /**
   * For a renewal: copies the commitments of `fromId` that are still open (not cancelled, not yet due) into
   * the new agreement, with their targets and schedule; their dates move into the renewal's period where it has one.
   */
  async copyOpen(em: EntityManager, ctx: RequestContext, fromId: string, renewal: AgreementEntity): Promise<void> {
    const open = await em
      .createQueryBuilder(CommitmentEntity, 'c')
      .where('c.agreement_id = :fromId AND c.cancelled_at IS NULL AND c.due_on >= :today', { fromId, today: today() })
      .orderBy('c.created_at', 'ASC')
      .getMany();
    const partyIds = (await em.findBy(AgreementPartyEntity, { agreementId: renewal.id })).map((p) => p.organisationId);
    for (const old of open) {
      const targets = await em.find(CommitmentTargetEntity, { where: { commitmentId: old.id }, order: { position: 'ASC' } });
      const periods = await em.find(ReportingPeriodEntity, { where: { commitmentId: old.id }, order: { number: 'ASC' } });
      const copy = em.create(CommitmentEntity, {
        ...old,
        id: undefined,
        agreementId: renewal.id,
        startOn: renewal.effectiveFrom ?? old.startOn,
        dueOn: renewal.effectiveUntil ?? old.dueOn,
        version: 1,
        createdAt: undefined,
        updatedAt: undefined,
      });
      await em.save(copy);
      await this.saveTargets(em, copy.id, targets);
      const custom = old.reportingSchedule === ReportingSchedule.CUSTOM ? periods.map((p) => p.dueOn) : undefined;
      await this.savePeriods(em, copy, custom?.filter((d) => d >= copy.startOn && d <= copy.dueOn));
      await this.record(em, ctx, 'COMMITMENT_CREATED', null, copy, partyIds, `Carried over from commitment ${old.id}`);
    }
  }

  /** The agreement must accept commitments: DRAFT or ACTIVE, not TERMINATED or EXPIRED. Locked against a concurrent termination. */
  private async openAgreement(em: EntityManager, agreementId: string): Promise<AgreementTerms> {
    const agreement = await em.findOne(AgreementEntity, { where: { id: agreementId }, lock: { mode: 'pessimistic_read' } });
    if (!agreement) throw AgreementErrors.notFound(agreementId);
    const status = agreementStatus(agreement);
    if (status !== AgreementStatus.DRAFT && status !== AgreementStatus.ACTIVE) throw CommitmentErrors.agreementNotOpen(status);
    const partyIds = (await em.findBy(AgreementPartyEntity, { agreementId })).map((p) => p.organisationId);
    const keyPointNumbers = (await em.findBy(AgreementKeyPointEntity, { agreementId })).map((k) => k.number);
    return { agreement, partyIds, keyPointNumbers };
  }

  private async checkPlan(terms: AgreementTerms, c: CommitmentPlan, dueDates?: string[]) {
    const { agreement } = terms;
    if (!terms.partyIds.includes(c.responsibleOrganisationId)) throw CommitmentErrors.notAParty();
    if (c.keyPointNumber !== null && !terms.keyPointNumbers.includes(c.keyPointNumber)) throw CommitmentErrors.unknownKeyPoint(c.keyPointNumber);
    if (c.dueOn < c.startOn) throw CommitmentErrors.dueBeforeStart();
    if (agreement.effectiveFrom && c.startOn < agreement.effectiveFrom) throw CommitmentErrors.outsideAgreement('input.startOn');
    if (agreement.effectiveUntil && c.dueOn > agreement.effectiveUntil) throw CommitmentErrors.outsideAgreement('input.dueOn');
    await this.places.assertExist(c.placeCodes, 'input.placeCodes');
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

  private async saveTargets(em: EntityManager, commitmentId: string, targets: TargetInput[]) {
    await em.insert(
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

  private async savePeriods(em: EntityManager, c: CommitmentEntity, dueDates?: string[]) {
    if (c.reportingSchedule === ReportingSchedule.CUSTOM && !dueDates?.length) throw CommitmentErrors.dueDatesRequired();
    const periods = reportingPeriods(c.startOn, c.dueOn, c.reportingSchedule, dueDates);
    await em.insert(ReportingPeriodEntity, periods.map((p) => ({ ...p, commitmentId: c.id })));
  }

  private customDueDates(before: { reportingSchedule: ReportingSchedule; periods: { dueOn: string }[] }) {
    return before.reportingSchedule === ReportingSchedule.CUSTOM ? before.periods.map((p) => p.dueOn) : undefined;
  }

  private async hasReports(em: EntityManager, commitmentId: string): Promise<boolean> {
    const rows = (await em.query('SELECT 1 FROM progress_report WHERE commitment_id = $1 LIMIT 1', [commitmentId])) as unknown[];
    return rows.length > 0;
  }

  /** The commitment with its targets and periods: the state its history entries keep. */
  private async snapshot(em: EntityManager, c: CommitmentEntity) {
    const targets = await em.find(CommitmentTargetEntity, { where: { commitmentId: c.id }, order: { position: 'ASC' } });
    const periods = await em.find(ReportingPeriodEntity, { where: { commitmentId: c.id }, order: { number: 'ASC' } });
    const { agreement: _a, responsibleOrganisation: _o, ...plain } = c;
    return {
      ...plain,
      targets: targets.map(({ commitment: _c, ...t }) => t),
      periods: periods.map(({ commitment: _c, ...p }) => p),
    };
  }

  private async record(
    em: EntityManager,
    ctx: RequestContext,
    action: string,
    before: object | null,
    c: CommitmentEntity,
    partyIds: string[],
    reason?: string,
  ) {
    await this.history.record(em, ctx, {
      action,
      entityType: ENTITY,
      entityId: c.id,
      before,
      after: await this.snapshot(em, c),
      reason,
      organisationIds: partyIds,
    });
  }

  /** Partners see the commitments of agreements their organisation is party to. */
  private scoped(ctx: RequestContext) {
    const qb = this.db.getRepository(CommitmentEntity).createQueryBuilder('c');
    const actor = ctx.requiredActor;
    if (actor.role === Role.PARTNER) {
      qb.where('EXISTS (SELECT 1 FROM agreement_party own WHERE own.agreement_id = c.agreement_id AND own.organisation_id = :own)', {
        own: actor.organisationId,
      });
    }
    return qb;
  }

  private async lock(em: EntityManager, id: string): Promise<CommitmentEntity> {
    const commitment = await em.findOne(CommitmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!commitment) throw CommitmentErrors.notFound(id);
    return commitment;
  }
}
