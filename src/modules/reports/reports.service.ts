import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Role } from '../../common/auth/role.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import { today } from '../../common/time/calendar.js';
import { AgreementStatus } from '../agreements/agreement-status.js';
import { CommitmentsService, type ReportingTerms } from '../commitments/commitments.service.js';
import { lineage } from '../places/place-code.js';
import { PlacesService } from '../places/places.service.js';
import { UsersService } from '../users/users.service.js';
import type { ReportContentInput } from './dto/report-content.input.js';
import type { AcceptReportInput, CreateReportInput, SendBackReportInput, SubmitReportInput, UpdateReportInput } from './dto/report.input.js';
import type { ReportsArgs } from './dto/reports.args.js';
import { claimKey } from './idempotency.js';
import { ProgressReportEntity, ReportStatus } from './progress-report.entity.js';
import { ReportEvidenceEntity } from './report-evidence.entity.js';
import { ReportValueEntity } from './report-value.entity.js';
import { peopleReached } from './report.type.js';
import { ReportAccepted } from './report.events.js';
import { ReportErrors } from './reports.errors.js';
import { rowsBy } from '../../common/database/entity-rows.js';

const ENTITY = 'Report';
const GROUPS = ['girls', 'boys', 'women', 'men'] as const;
const VERSION_ERRORS = { notFound: ReportErrors.notFound, stale: ReportErrors.staleVersion };

@Injectable()
export class ReportsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly commitments: CommitmentsService,
    private readonly places: PlacesService,
    private readonly users: UsersService,
  ) {}

  /** A partner gets NOT_FOUND for another organisation's report. */
  async get(ctx: RequestContext, id: string): Promise<ProgressReportEntity> {
    const report = await this.scoped(ctx).andWhere('r.id = :id', { id }).getOne();
    if (!report) throw ReportErrors.notFound(id);
    return report;
  }

  list(ctx: RequestContext, args: ReportsArgs): Promise<Page<ProgressReportEntity>> {
    const f = args.filter ?? {};
    const qb = this.scoped(ctx);
    if (f.commitmentId) qb.andWhere('r.commitment_id = :commitmentId', { commitmentId: f.commitmentId });
    if (f.agreementId) {
      qb.andWhere('r.commitment_id IN (SELECT c.id FROM commitment c WHERE c.agreement_id = :agreementId)', { agreementId: f.agreementId });
    }
    if (f.organisationId) qb.andWhere('r.organisation_id = :organisationId', { organisationId: f.organisationId });
    if (f.periodId) qb.andWhere('r.period_id = :periodId', { periodId: f.periodId });
    if (f.statuses?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: f.statuses });
    return paginate(qb, args, { column: 'r.activity_until', id: 'r.id', direction: 'DESC', key: (r) => [r.activityUntil, r.id] }, (r) => r);
  }

  /** Submitted reports waiting for a reviewer, the longest waiting first. */
  awaitingReview(ctx: RequestContext, args: ReportsArgs): Promise<Page<ProgressReportEntity>> {
    const qb = this.scoped(ctx).andWhere('r.status = :submitted', { submitted: ReportStatus.SUBMITTED });
    return paginate(qb, args, { column: 'r.submitted_at', id: 'r.id', direction: 'ASC', key: (r) => [r.submittedAt!.toISOString(), r.id] }, (r) => r);
  }

  /** The reports the actor may see, with people reached and the value per target, streamed for an export. */
  exportRows(ctx: RequestContext): Promise<Readable> {
    const qb = this.scoped(ctx)
      .select([])
      .innerJoin('commitment', 'c', 'c.id = r.commitment_id')
      .innerJoin('agreement', 'a', 'a.id = c.agreement_id')
      .innerJoin('organisation', 'o', 'o.id = r.organisation_id')
      .addSelect('r.id', 'id')
      .addSelect('a.reference', 'agreement')
      .addSelect('c.title', 'commitment')
      .addSelect('o.name', 'organisation')
      .addSelect('r.status', 'status')
      .addSelect('r.activity_from', 'activityFrom')
      .addSelect('r.activity_until', 'activityUntil')
      .addSelect('r.girls', 'girls')
      .addSelect('r.boys', 'boys')
      .addSelect('r.women', 'women')
      .addSelect('r.men', 'men')
      .addSelect('r.girls_with_disability + r.boys_with_disability + r.women_with_disability + r.men_with_disability', 'withDisability')
      .addSelect('r.girls + r.boys + r.women + r.men', 'total')
      .addSelect(
        `(SELECT string_agg(t.indicator || ': ' || v.value || ' ' || t.unit, '; ' ORDER BY t.position)
            FROM report_value v JOIN commitment_target t ON t.id = v.target_id WHERE v.report_id = r.id)`,
        'values',
      )
      .addSelect('r.narrative', 'narrative')
      .addSelect('r.submitted_at', 'submittedAt')
      .addSelect('r.accepted_at', 'acceptedAt')
      .orderBy('r.activity_until', 'ASC')
      .addOrderBy('r.id', 'ASC');
    return this.uow.stream(qb);
  }

  /** For loaders: the reports with these ids that the actor may see. */
  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<ProgressReportEntity[]> {
    return this.scoped(ctx).andWhere('r.id IN (:...ids)', { ids: [...ids] }).getMany();
  }

  valuesOf(ctx: RequestContext, reportIds: readonly string[]): Promise<ReportValueEntity[]> {
    return rowsBy(this.uow.manager(ctx), ReportValueEntity, 'reportId', reportIds, { targetId: 'ASC' });
  }

  evidenceOf(ctx: RequestContext, reportIds: readonly string[]): Promise<ReportEvidenceEntity[]> {
    return rowsBy(this.uow.manager(ctx), ReportEvidenceEntity, 'reportId', reportIds, { position: 'ASC' });
  }

  /** A DRAFT report; with an idempotency key, a retry returns the first result and creates nothing. */
  create(ctx: RequestContext, input: CreateReportInput): Promise<ProgressReportEntity> {
    const id = randomUUID();
    return this.uow.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      const { idempotencyKey, ...request } = input;
      const replay = await this.replayed(ctx, 'createReport', idempotencyKey, request, id);
      if (replay) return replay;
      const terms = await this.commitments.getForReporting(ctx, input.commitmentId);
      this.assertMayReport(ctx, terms);
      assertOpen(terms);
      if (input.periodId && !terms.periods.some((p) => p.id === input.periodId)) throw ReportErrors.unknownPeriod();
      if (input.correctsId) await this.assertCorrectable(ctx, input.correctsId, terms.commitment.id);
      await this.checkContent(terms, input);
      const report = em.create(ProgressReportEntity, {
        id,
        commitmentId: terms.commitment.id,
        periodId: input.periodId ?? null,
        correctsId: input.correctsId ?? null,
        organisationId: terms.commitment.responsibleOrganisationId,
        status: ReportStatus.DRAFT,
        ...contentColumns(input),
        createdById: reporterId(ctx),
        submittedById: null,
        submittedAt: null,
        reviewedById: null,
        reviewedAt: null,
        reviewComment: null,
        acceptedAt: null,
        version: 1,
      });
      await em.insert(ProgressReportEntity, report);
      await this.saveParts(ctx, id, input);
      await this.commitments.noteReported(ctx, terms.commitment.id);
      await this.record(ctx, 'REPORT_CREATED', null, report);
      return report;
    });
  }

  update(ctx: RequestContext, input: UpdateReportInput): Promise<ProgressReportEntity> {
    return this.uow.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      const report = await this.lock(ctx, input.id, input.version);
      if (report.status !== ReportStatus.DRAFT && report.status !== ReportStatus.SENT_BACK) throw ReportErrors.notEditable(report.status);
      const terms = await this.commitments.getForReporting(ctx, report.commitmentId);
      assertOpen(terms);
      const before = await this.snapshot(ctx, report);
      const { id: _id, version: _version, ...changes } = input;
      const content: ReportContentInput = {
        activityFrom: changes.activityFrom ?? report.activityFrom,
        activityUntil: changes.activityUntil ?? report.activityUntil,
        placeCodes: changes.placeCodes ?? report.placeCodes,
        values: changes.values ?? before.values,
        people: changes.people ?? before.people,
        narrative: changes.narrative !== undefined ? changes.narrative : report.narrative,
        evidence: changes.evidence ?? before.evidence,
      };
      await this.checkContent(terms, content);
      Object.assign(report, contentColumns(content));
      await em.save(report);
      await em.delete(ReportValueEntity, { reportId: report.id });
      await em.delete(ReportEvidenceEntity, { reportId: report.id });
      await this.saveParts(ctx, report.id, content);
      await this.record(ctx, 'REPORT_UPDATED', before, report);
      return report;
    });
  }

  /** DRAFT or SENT_BACK → SUBMITTED. With an idempotency key, retries return the first answer. */
  submit(ctx: RequestContext, input: SubmitReportInput): Promise<ProgressReportEntity> {
    return this.uow.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      const { idempotencyKey, ...request } = input;
      const replay = await this.replayed(ctx, 'submitReport', idempotencyKey, request, input.id);
      if (replay) return replay;
      const report = await this.lock(ctx, input.id, input.version);
      if (report.status === ReportStatus.ACCEPTED) throw ReportErrors.alreadyAccepted();
      if (report.status !== ReportStatus.DRAFT && report.status !== ReportStatus.SENT_BACK) throw ReportErrors.notEditable(report.status);
      const terms = await this.commitments.getForReporting(ctx, report.commitmentId);
      this.assertMayReport(ctx, terms);
      assertOpen(terms);
      if (report.activityUntil > today()) throw ReportErrors.activityInFuture();
      const before = await this.snapshot(ctx, report);
      Object.assign(report, { status: ReportStatus.SUBMITTED, submittedById: ctx.requiredActor.userId, submittedAt: new Date() });
      await em.save(report);
      await this.record(ctx, 'REPORT_SUBMITTED', before, report);
      return report;
    });
  }

  accept(ctx: RequestContext, input: AcceptReportInput): Promise<ProgressReportEntity> {
    return this.review(ctx, input, 'REPORT_ACCEPTED', (report) => {
      Object.assign(report, { status: ReportStatus.ACCEPTED, acceptedAt: new Date() });
    });
  }

  sendBack(ctx: RequestContext, input: SendBackReportInput): Promise<ProgressReportEntity> {
    return this.review(
      ctx,
      input,
      'REPORT_SENT_BACK',
      (report) => {
        Object.assign(report, { status: ReportStatus.SENT_BACK, reviewComment: input.comment.trim() });
      },
      input.comment.trim(),
    );
  }

  /** A reviewer acts on a SUBMITTED report they did not submit themselves. */
  private review(
    ctx: RequestContext,
    input: { id: string; version: number },
    action: string,
    apply: (report: ProgressReportEntity) => void,
    comment?: string,
  ): Promise<ProgressReportEntity> {
    return this.uow.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      const report = await this.lock(ctx, input.id, input.version);
      if (report.status === ReportStatus.ACCEPTED) throw ReportErrors.alreadyAccepted();
      if (report.status !== ReportStatus.SUBMITTED) throw ReportErrors.notSubmitted(report.status);
      await this.assertFourEyes(ctx, report);
      if (action === 'REPORT_ACCEPTED') await this.commitments.lock(ctx, report.commitmentId);
      const before = await this.snapshot(ctx, report);
      apply(report);
      Object.assign(report, { reviewedById: ctx.requiredActor.userId, reviewedAt: new Date() });
      await em.save(report);
      if (action === 'REPORT_ACCEPTED') await this.uow.publish(ctx, new ReportAccepted(report.commitmentId, report.acceptedAt!));
      await this.record(ctx, action, before, report, comment);
      return report;
    });
  }

  /** With a key: the first call claims it and goes on (null); a retry gets the report the first call made. */
  private async replayed(
    ctx: RequestContext,
    operation: string,
    key: string | undefined,
    request: object,
    resultId: string,
  ): Promise<ProgressReportEntity | null> {
    const userId = ctx.requiredActor.userId;
    if (!key || !userId) return null;
    const em = this.uow.manager(ctx);
    const claim = await claimKey(em, { userId, operation, key }, JSON.parse(JSON.stringify(request)) as object, resultId);
    if (claim.first) return null;
    return em.findOneByOrFail(ProgressReportEntity, { id: claim.resultId });
  }

  /**
   * Four eyes means two people: not the submitter, nor whoever created the submitter's account or last set its
   * password (they could have signed in as the submitter).
   */
  private async assertFourEyes(ctx: RequestContext, report: ProgressReportEntity) {
    const reviewer = ctx.requiredActor.userId;
    if (report.submittedById === reviewer) throw ReportErrors.selfReview();
    const [submitter] = report.submittedById ? await this.users.findByIds(ctx, [report.submittedById]) : [];
    if (submitter && (submitter.createdById === reviewer || submitter.credentialsSetById === reviewer)) throw ReportErrors.reviewOfOwnAccount();
  }

  /** Partners report only for the commitments their organisation is responsible for; coordinators for anyone's. */
  private assertMayReport(ctx: RequestContext, terms: ReportingTerms) {
    const actor = ctx.requiredActor;
    if (actor.role === Role.PARTNER && actor.organisationId !== terms.commitment.responsibleOrganisationId) {
      throw ReportErrors.notYourCommitment();
    }
  }

  private async assertCorrectable(ctx: RequestContext, correctsId: string, commitmentId: string) {
    const em = this.uow.manager(ctx);
    const target = await em.findOneBy(ProgressReportEntity, { id: correctsId });
    const corrected = await em.existsBy(ProgressReportEntity, { correctsId, status: ReportStatus.ACCEPTED });
    if (!target || target.commitmentId !== commitmentId || target.status !== ReportStatus.ACCEPTED || corrected) {
      throw ReportErrors.badCorrection();
    }
  }

  /** The rules a report's content must meet; each names the offending field. */
  private async checkContent(terms: ReportingTerms, input: ReportContentInput) {
    const { agreement, commitment, targets } = terms;
    if (input.activityUntil < input.activityFrom) throw ReportErrors.activityOrder();
    if (input.activityUntil > today()) throw ReportErrors.activityInFuture();
    if (agreement.effectiveFrom && input.activityFrom < agreement.effectiveFrom) throw ReportErrors.activityOutsideAgreement('input.activityFrom');
    if (agreement.effectiveUntil && input.activityUntil > agreement.effectiveUntil) throw ReportErrors.activityOutsideAgreement('input.activityUntil');
    const placeCodes = input.placeCodes ?? [];
    this.places.assertExist(placeCodes, 'input.placeCodes');
    if (commitment.placeCodes.length) {
      const allowed = new Set(commitment.placeCodes);
      placeCodes.forEach((code, i) => {
        if (!lineage(code).some((c) => allowed.has(c))) throw ReportErrors.placeOutsideCommitment(`input.placeCodes.${i}`, code);
      });
    }
    const targetIds = new Set(targets.map((t) => t.id));
    const seen = new Set<string>();
    input.values.forEach((v, i) => {
      if (!targetIds.has(v.targetId)) throw ReportErrors.unknownTarget(i);
      if (seen.has(v.targetId)) throw ReportErrors.duplicateValue(i);
      seen.add(v.targetId);
    });
    const people = input.people;
    if (people) {
      const parts = GROUPS.map((g) => people[g] ?? 0);
      const sum = parts.reduce((a, b) => a + b, 0);
      if (people.total !== undefined && people.total !== null && people.total !== sum) throw ReportErrors.totalMismatch(sum, people.total, parts);
      for (const g of GROUPS) {
        if ((people[`${g}WithDisability`] ?? 0) > (people[g] ?? 0)) throw ReportErrors.disabilityExceedsGroup(g);
      }
    }
  }

  private async saveParts(ctx: RequestContext, reportId: string, input: ReportContentInput) {
    const em = this.uow.manager(ctx);
    if (input.values.length) await em.insert(ReportValueEntity, input.values.map((v) => ({ reportId, targetId: v.targetId, value: v.value })));
    const evidence = input.evidence ?? [];
    if (evidence.length) {
      await em.insert(
        ReportEvidenceEntity,
        evidence.map((e, position) => ({ reportId, position, kind: e.kind, title: e.title, url: e.url, sha256: e.sha256 ?? null })),
      );
    }
  }

  /** The whole report (values and evidence included): what its history entries keep. */
  private async snapshot(ctx: RequestContext, r: ProgressReportEntity) {
    const em = this.uow.manager(ctx);
    const values = await em.find(ReportValueEntity, { where: { reportId: r.id } });
    const evidence = await em.find(ReportEvidenceEntity, { where: { reportId: r.id }, order: { position: 'ASC' } });
    const { commitment: _c, period: _p, corrects: _x, organisation: _o, ...plain } = r;
    // As the report states them: the groups and the stated total (the sums are derived, not kept).
    const { withDisability: _w, total: _t, statedTotal, ...groups } = peopleReached(r);
    return {
      ...plain,
      values: values.map((v) => ({ targetId: v.targetId, value: v.value })).sort((a, b) => a.targetId.localeCompare(b.targetId)),
      people: { ...groups, total: statedTotal },
      evidence: evidence.map(({ kind, title, url, sha256 }) => ({ kind, title, url, sha256 })),
    };
  }

  private async record(ctx: RequestContext, action: string, before: object | null, report: ProgressReportEntity, reason?: string) {
    await this.uow.record(ctx, {
      action,
      entityType: ENTITY,
      entityId: report.id,
      before,
      after: await this.snapshot(ctx, report),
      reason,
      organisationIds: [report.organisationId],
    });
  }

  /** Partners see their own organisation's reports, drafts included, and no other organisation's. */
  private scoped(ctx: RequestContext) {
    const qb = this.uow.manager(ctx).createQueryBuilder(ProgressReportEntity, 'r').where('TRUE');
    const actor = ctx.requiredActor;
    if (actor.role === Role.PARTNER) qb.andWhere('r.organisation_id = :own', { own: actor.organisationId });
    return qb;
  }

  /** Locks the report, checks and raises its version; another organisation's report is NOT_FOUND to a partner. */
  private lock(ctx: RequestContext, id: string, version: number): Promise<ProgressReportEntity> {
    const actor = ctx.requiredActor;
    return this.uow.changeVersioned(ctx, ProgressReportEntity, id, version, VERSION_ERRORS, (report) =>
      actor.role !== Role.PARTNER || report.organisationId === actor.organisationId,
    );
  }
}

/** Reports are made by people: the system itself (a script) has no report to make. */
function reporterId(ctx: RequestContext): string {
  const { userId } = ctx.requiredActor;
  if (!userId) throw ReportErrors.userRequired();
  return userId;
}

/** Reports count only on a commitment that stands, under an ACTIVE agreement. */
function assertOpen(terms: ReportingTerms) {
  if (terms.commitment.cancelledAt) throw ReportErrors.commitmentCancelled();
  if (terms.agreementStatus !== AgreementStatus.ACTIVE) throw ReportErrors.agreementNotActive(terms.agreementStatus);
}

function contentColumns(input: ReportContentInput) {
  const p = input.people;
  return {
    activityFrom: input.activityFrom,
    activityUntil: input.activityUntil,
    placeCodes: [...new Set(input.placeCodes ?? [])],
    girls: p?.girls ?? 0,
    boys: p?.boys ?? 0,
    women: p?.women ?? 0,
    men: p?.men ?? 0,
    girlsWithDisability: p?.girlsWithDisability ?? 0,
    boysWithDisability: p?.boysWithDisability ?? 0,
    womenWithDisability: p?.womenWithDisability ?? 0,
    menWithDisability: p?.menWithDisability ?? 0,
    peopleTotal: p?.total ?? null,
    narrative: input.narrative ?? null,
  };
}
