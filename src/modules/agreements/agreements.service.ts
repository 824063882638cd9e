import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Role } from '../../common/auth/role.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import { today } from '../../common/time/calendar.js';
import { diff } from '../../common/history/history.service.js';
import { asOfMoment, revive, type AsOfRecord } from '../../common/time/as-of.js';
import { AuditService } from '../audit/audit.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { insidePlace } from '../places/place-code.js';
import { escapeLike } from '../../common/database/sql.js';
import { PlacesService } from '../places/places.service.js';
import { AgreementAmendmentEntity } from './agreement-amendment.entity.js';
import { AgreementDocumentEntity } from './agreement-document.entity.js';
import { AgreementKeyPointEntity } from './agreement-key-point.entity.js';
import { AgreementPartyEntity, PartyRole } from './agreement-party.entity.js';
import { snapshotOf, type AgreementSnapshot } from './agreement.snapshot.js';
import { agreementStatus, agreementStatusSql, AgreementStatus, statusOnSql } from './agreement-status.js';
import { AgreementEntity, StoredAgreementStatus } from './agreement.entity.js';
import { AgreementErrors } from './agreements.errors.js';
import { AgreementChanged, AgreementRenewed } from './agreement.events.js';
import type { DocumentInput, KeyPointInput, PartyInput } from './dto/agreement-parts.input.js';
import type { AgreementsArgs } from './dto/agreements.args.js';
import type {
  AmendAgreementInput,
  RenewAgreementInput,
  SignAgreementInput,
  TerminateAgreementInput,
  UpdateAgreementInput,
} from './dto/change-agreement.input.js';
import type { CreateAgreementInput } from './dto/create-agreement.input.js';
import { entitiesOf, rowsBy } from '../../common/database/entity-rows.js';

const ENTITY = 'Agreement';

/** An agreement as it stood at a moment, with the parts its history state kept. */
export type AgreementAsOf = AsOfRecord<AgreementEntity, Pick<AgreementSnapshot, 'parties' | 'keyPoints' | 'documents'>>;

/** An agreement as a commitment or report is checked against it. */
export interface AgreementTerms {
  agreement: AgreementEntity;
  status: AgreementStatus;
  partyIds: string[];
  keyPointNumbers: number[];
}

const VERSION_ERRORS = { notFound: AgreementErrors.notFound, stale: AgreementErrors.staleVersion };

/** The fields an amendment may change, in the order they are reported. */
const AMENDABLE = ['title', 'summary', 'thematicAreas', 'effectiveUntil', 'coveragePlaceCodes', 'keyPoints', 'documents'] as const;

@Injectable()
export class AgreementsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly places: PlacesService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
  ) {}

  /** A partner gets NOT_FOUND for an agreement their organisation is not party to. */
  async get(ctx: RequestContext, id: string): Promise<AgreementEntity> {
    const agreement = await this.scoped(ctx).andWhere('a.id = :id', { id }).getOne();
    if (!agreement) throw AgreementErrors.notFound(id);
    return agreement;
  }

  /**
   * The agreement exactly as it stood at a moment, from its latest history state by then (parties, key points and
   * documents included); NOT_FOUND before it was recorded, or for a partner whose organisation was not party then.
   */
  async getAsOf(ctx: RequestContext, id: string, at: Date): Promise<AgreementAsOf> {
    const state = await this.audit.stateAt(ctx, ENTITY, id, at);
    if (!state) throw AgreementErrors.notFound(id);
    return asOfState(state, at);
  }

  /**
   * The agreements as they stood at a moment, each from its latest history state by then, with the filter applied
   * to those states (status as of that day, parties then, memberships valid that day), ordered by reference.
   */
  listAsOf(ctx: RequestContext, args: AgreementsArgs, at: Date): Promise<Page<AgreementAsOf>> {
    const f = args.filter ?? {};
    const day = today(at);
    const qb = this.audit.latestAt(ctx, ENTITY, at).setParameter('day', day);
    const parties = `jsonb_array_elements(h.state->'parties') p`;
    if (f.partyId) qb.andWhere(`EXISTS (SELECT 1 FROM ${parties} WHERE p->>'organisationId' = :partyId)`, { partyId: f.partyId });
    if (f.networkId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM ${parties} JOIN network_membership m ON m.member_id::text = p->>'organisationId'
                  WHERE m.network_id = :networkId AND m.joined_on <= :day::date AND (m.left_on IS NULL OR m.left_on > :day::date))`,
        { networkId: f.networkId },
      );
    }
    const status = statusOnSql(`h.state->>'status'`, `(h.state->>'effectiveUntil')::date`, ':day');
    if (f.statuses?.length) qb.andWhere(`${status} IN (:...statuses)`, { statuses: f.statuses });
    if (f.kinds?.length) qb.andWhere(`h.state->>'kind' IN (:...kinds)`, { kinds: f.kinds });
    if (f.thematicArea) qb.andWhere(`h.state->'thematicAreas' ? :thematicArea`, { thematicArea: f.thematicArea });
    if (f.placeCode) {
      qb.andWhere(`EXISTS (SELECT 1 FROM jsonb_array_elements_text(h.state->'coveragePlaceCodes') AS c(code) WHERE ${insidePlace('c.code', 'placeCode')})`, {
        placeCode: f.placeCode,
      });
    }
    if (f.signedFrom) qb.andWhere(`(h.state->>'signedOn')::date >= :signedFrom`, { signedFrom: f.signedFrom });
    if (f.signedTo) qb.andWhere(`(h.state->>'signedOn')::date <= :signedTo`, { signedTo: f.signedTo });
    if (f.expiringWithinDays !== undefined) {
      qb.andWhere(`h.state->>'status' = 'ACTIVE' AND (h.state->>'effectiveUntil')::date BETWEEN :day::date AND :day::date + :days::int`, {
        days: f.expiringWithinDays,
      });
    }
    if (f.search) {
      qb.andWhere(`(h.state->>'title' ILIKE :search OR h.state->>'reference' ILIKE :search)`, { search: `%${escapeLike(f.search)}%` });
    }
    return paginate(
      qb,
      args,
      { column: `h.state->>'reference'`, id: 'h.entity_id', direction: 'ASC', key: (h) => [String(h.state?.reference), h.entityId] },
      (h) => asOfState(h.state!, at),
    );
  }

  list(ctx: RequestContext, args: AgreementsArgs): Promise<Page<AgreementEntity>> {
    const f = args.filter ?? {};
    const qb = this.scoped(ctx).setParameter('today', today());
    if (f.partyId) {
      qb.andWhere('EXISTS (SELECT 1 FROM agreement_party p WHERE p.agreement_id = a.id AND p.organisation_id = :partyId)', { partyId: f.partyId });
    }
    if (f.networkId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM agreement_party p JOIN network_membership m ON m.member_id = p.organisation_id
                  WHERE p.agreement_id = a.id AND m.network_id = :networkId AND m.left_on IS NULL)`,
        { networkId: f.networkId },
      );
    }
    if (f.statuses?.length) qb.andWhere(`${agreementStatusSql('a')} IN (:...statuses)`, { statuses: f.statuses });
    if (f.kinds?.length) qb.andWhere('a.kind IN (:...kinds)', { kinds: f.kinds });
    if (f.thematicArea) qb.andWhere(':thematicArea = ANY(a.thematic_areas)', { thematicArea: f.thematicArea });
    if (f.placeCode) {
      qb.andWhere(`EXISTS (SELECT 1 FROM unnest(a.coverage_place_codes) AS c(code) WHERE ${insidePlace('c.code', 'placeCode')})`, {
        placeCode: f.placeCode,
      });
    }
    if (f.signedFrom) qb.andWhere('a.signed_on >= :signedFrom', { signedFrom: f.signedFrom });
    if (f.signedTo) qb.andWhere('a.signed_on <= :signedTo', { signedTo: f.signedTo });
    if (f.expiringWithinDays !== undefined) {
      qb.andWhere(`a.status = 'ACTIVE' AND a.effective_until BETWEEN :today::date AND :today::date + :days::int`, {
        days: f.expiringWithinDays,
      });
    }
    if (f.search) {
      qb.andWhere('(a.title ILIKE :search OR a.reference ILIKE :search)', { search: `%${escapeLike(f.search)}%` });
    }
    return paginate(qb, args, { column: 'a.reference', id: 'a.id', direction: 'ASC', key: (a) => [a.reference, a.id] }, (a) => a);
  }

  /** For loaders: the agreements with these ids that the actor may see (a partner: their organisation's only). */
  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<AgreementEntity[]> {
    return entitiesOf(this.scoped(ctx).andWhere('a.id IN (:...ids)', { ids: [...ids] }));
  }

  /** Renewals of the given agreements (the agreements whose renewsId is one of them), as the actor may see them. */
  renewalsOf(ctx: RequestContext, ids: readonly string[]): Promise<AgreementEntity[]> {
    return entitiesOf(this.scoped(ctx).andWhere('a.renews_id IN (:...ids)', { ids: [...ids] }).orderBy('a.created_at', 'ASC'));
  }

  /**
   * What a commitment is checked against, read in the caller's write: the agreement (locked FOR SHARE against a
   * concurrent termination when `lock`), its status, parties and key point numbers.
   */
  async termsOf(ctx: RequestContext, agreementId: string, options: { lock?: boolean } = {}): Promise<AgreementTerms> {
    const em = this.uow.manager(ctx);
    const agreement = await em.findOne(AgreementEntity, { where: { id: agreementId }, lock: options.lock ? { mode: 'pessimistic_read' } : undefined });
    if (!agreement) throw AgreementErrors.notFound(agreementId);
    const parties = await em.findBy(AgreementPartyEntity, { agreementId });
    const keyPoints = await em.findBy(AgreementKeyPointEntity, { agreementId });
    return {
      agreement,
      status: agreementStatus(agreement),
      partyIds: parties.map((p) => p.organisationId),
      keyPointNumbers: keyPoints.map((k) => k.number),
    };
  }

  partiesOf(ctx: RequestContext, ids: readonly string[]): Promise<AgreementPartyEntity[]> {
    return rowsBy(this.uow.manager(ctx), AgreementPartyEntity, 'agreementId', ids, { position: 'ASC' });
  }

  keyPointsOf(ctx: RequestContext, ids: readonly string[]): Promise<AgreementKeyPointEntity[]> {
    return rowsBy(this.uow.manager(ctx), AgreementKeyPointEntity, 'agreementId', ids, { number: 'ASC' });
  }

  documentsOf(ctx: RequestContext, ids: readonly string[]): Promise<AgreementDocumentEntity[]> {
    return rowsBy(this.uow.manager(ctx), AgreementDocumentEntity, 'agreementId', ids, { uploadedAt: 'ASC', id: 'ASC' });
  }

  amendmentsOf(ctx: RequestContext, ids: readonly string[]): Promise<AgreementAmendmentEntity[]> {
    return rowsBy(this.uow.manager(ctx), AgreementAmendmentEntity, 'agreementId', ids, { number: 'ASC' });
  }

  create(ctx: RequestContext, input: CreateAgreementInput): Promise<AgreementEntity> {
    return this.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      checkDates(input);
      await this.checkParties(ctx, input.parties);
      checkKeyPoints(input.keyPoints ?? []);
      this.places.assertExist(input.coveragePlaceCodes ?? [], 'input.coveragePlaceCodes');
      const agreement = await em.save(
        em.create(AgreementEntity, {
          kind: input.kind,
          reference: input.reference.trim(),
          title: input.title.trim(),
          summary: input.summary ?? null,
          thematicAreas: unique(input.thematicAreas ?? []),
          status: StoredAgreementStatus.DRAFT,
          signedOn: input.signedOn ?? null,
          effectiveFrom: input.effectiveFrom ?? null,
          effectiveUntil: input.effectiveUntil ?? null,
          coveragePlaceCodes: unique(input.coveragePlaceCodes ?? []),
          renewsId: null,
          terminatedAt: null,
          terminationReason: null,
          version: 1,
        }),
      );
      await this.replaceParts(ctx, agreement.id, input);
      await this.record(ctx, 'AGREEMENT_CREATED', null, agreement);
      return agreement;
    });
  }

  update(ctx: RequestContext, input: UpdateAgreementInput): Promise<AgreementEntity> {
    return this.change(ctx, input.id, input.version, async (ctx, agreement) => {
      const em = this.uow.manager(ctx);
      if (agreement.status !== StoredAgreementStatus.DRAFT) throw AgreementErrors.notDraft();
      const before = await snapshotOf(em, agreement);
      if (input.parties) await this.checkParties(ctx, input.parties);
      if (input.keyPoints) checkKeyPoints(input.keyPoints);
      if (input.coveragePlaceCodes) this.places.assertExist(input.coveragePlaceCodes, 'input.coveragePlaceCodes');
      assign(agreement, {
        kind: input.kind,
        reference: input.reference?.trim(),
        title: input.title?.trim(),
        summary: input.summary,
        thematicAreas: input.thematicAreas && unique(input.thematicAreas),
        signedOn: input.signedOn,
        effectiveFrom: input.effectiveFrom,
        effectiveUntil: input.effectiveUntil,
        coveragePlaceCodes: input.coveragePlaceCodes && unique(input.coveragePlaceCodes),
      });
      checkDates(agreement);
      await em.save(agreement);
      await this.replaceParts(ctx, agreement.id, input);
      await this.record(ctx, 'AGREEMENT_UPDATED', before, agreement);
      return agreement;
    });
  }

  sign(ctx: RequestContext, input: SignAgreementInput): Promise<AgreementEntity> {
    return this.change(ctx, input.id, input.version, async (ctx, agreement) => {
      const em = this.uow.manager(ctx);
      if (agreement.status !== StoredAgreementStatus.DRAFT) throw AgreementErrors.notDraft();
      const before = await snapshotOf(em, agreement);
      const signatories = before.parties.filter((p) => p.role === PartyRole.SIGNATORY);
      if (new Set(signatories.map((p) => p.organisationId)).size < 2) throw AgreementErrors.signatoriesMissing();
      const signedOn = input.signedOn ?? agreement.signedOn;
      if (!signedOn) throw AgreementErrors.signingDateMissing();
      assign(agreement, {
        signedOn,
        effectiveFrom: input.effectiveFrom ?? agreement.effectiveFrom ?? signedOn,
        effectiveUntil: input.effectiveUntil,
        status: StoredAgreementStatus.ACTIVE,
      });
      checkDates(agreement);
      await em.save(agreement);
      await this.record(ctx, 'AGREEMENT_SIGNED', before, agreement);
      return agreement;
    });
  }

  terminate(ctx: RequestContext, input: TerminateAgreementInput): Promise<AgreementEntity> {
    return this.change(ctx, input.id, input.version, async (ctx, agreement) => {
      const em = this.uow.manager(ctx);
      const status = agreementStatus(agreement);
      if (status !== AgreementStatus.ACTIVE) throw AgreementErrors.notActive(status);
      const before = await snapshotOf(em, agreement);
      assign(agreement, { status: StoredAgreementStatus.TERMINATED, terminatedAt: new Date(), terminationReason: input.reason });
      await em.save(agreement);
      await this.record(ctx, 'AGREEMENT_TERMINATED', before, agreement, input.reason);
      return agreement;
    });
  }

  /**
   * Notes in the history, once per effective period, each ACTIVE agreement whose period has ended. EXPIRED follows
   * from the dates whatever this does (agreementStatus); the entry puts the expiry into the timeline and the
   * audit trail, by the system, when it was noticed. One instance at a time sweeps (an advisory lock), so several
   * instances on one database write each expiry once. Returns how many it noted.
   */
  recordExpiries(ctx: RequestContext, on = today()): Promise<number> {
    return this.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock(hashtext('mitra:agreement-expiry')) AS locked`)) as { locked: boolean }[];
      if (!locked) return 0;
      const ended = (await em.query(
        `SELECT a.id FROM agreement a
          WHERE a.status = 'ACTIVE' AND a.effective_until < $1::date
            AND NOT EXISTS (SELECT 1 FROM history_entry h
                             WHERE h.entity_type = $2 AND h.entity_id = a.id::text AND h.action = 'AGREEMENT_EXPIRED'
                               AND h.state->>'effectiveUntil' = a.effective_until::text)
          ORDER BY a.effective_until, a.reference`,
        [on, ENTITY],
      )) as { id: string }[];
      for (const agreement of await em.findBy(AgreementEntity, { id: In(ended.map((e) => e.id)) })) {
        await this.record(ctx, 'AGREEMENT_EXPIRED', await snapshotOf(em, agreement), agreement);
      }
      return ended.length;
    });
  }

  /** The only way to change an ACTIVE agreement: the change is kept as its own numbered amendment. */
  amend(ctx: RequestContext, input: AmendAgreementInput): Promise<AgreementEntity> {
    return this.change(ctx, input.id, input.version, async (ctx, agreement) => {
      const em = this.uow.manager(ctx);
      const status = agreementStatus(agreement);
      if (status !== AgreementStatus.ACTIVE) throw AgreementErrors.notActive(status);
      const before = await snapshotOf(em, agreement);
      if (input.coveragePlaceCodes) this.places.assertExist(input.coveragePlaceCodes, 'input.coveragePlaceCodes');
      if (input.keyPoints) checkKeyPoints(input.keyPoints);
      assign(agreement, {
        title: input.title?.trim(),
        summary: input.summary,
        thematicAreas: input.thematicAreas && unique(input.thematicAreas),
        effectiveUntil: input.effectiveUntil,
        coveragePlaceCodes: input.coveragePlaceCodes && unique(input.coveragePlaceCodes),
      });
      checkDates(agreement);
      if (input.keyPoints) await this.upsertKeyPoints(ctx, agreement.id, input.keyPoints);
      if (input.documents) await this.addDocuments(ctx, agreement.id, input.documents);
      const after = await snapshotOf(em, { ...agreement });
      const changes = Object.fromEntries(
        Object.entries(diff(pick(before), pick(after))).filter(([field]) => (AMENDABLE as readonly string[]).includes(field)),
      );
      if (Object.keys(changes).length === 0) throw AgreementErrors.nothingToAmend();
      const number = (await em.countBy(AgreementAmendmentEntity, { agreementId: agreement.id })) + 1;
      await em.save(
        em.create(AgreementAmendmentEntity, { agreementId: agreement.id, number, reason: input.reason, changes, amendedById: ctx.requiredActor.userId }),
      );
      await em.save(agreement);
      await this.record(ctx, 'AGREEMENT_AMENDED', before, agreement, input.reason);
      return agreement;
    });
  }

  /**
   * A new DRAFT linked to the agreement it renews, with its kind, summary, thematic areas, coverage, parties,
   * key points and the commitments still open (not cancelled, not yet due), which move into the new period.
   */
  renew(ctx: RequestContext, input: RenewAgreementInput): Promise<AgreementEntity> {
    return this.write(ctx, async (ctx) => {
      const em = this.uow.manager(ctx);
      const source = await this.uow.lock(ctx, AgreementEntity, input.id, AgreementErrors.notFound);
      const status = agreementStatus(source);
      if (status === AgreementStatus.DRAFT) throw AgreementErrors.cannotRenew(status);
      const old = await snapshotOf(em, source);
      const renewal = em.create(AgreementEntity, {
        kind: source.kind,
        reference: input.reference.trim(),
        title: input.title?.trim() ?? source.title,
        summary: input.summary ?? source.summary,
        thematicAreas: source.thematicAreas,
        status: StoredAgreementStatus.DRAFT,
        signedOn: input.signedOn ?? null,
        effectiveFrom: input.effectiveFrom ?? null,
        effectiveUntil: input.effectiveUntil ?? null,
        coveragePlaceCodes: source.coveragePlaceCodes,
        renewsId: source.id,
        terminatedAt: null,
        terminationReason: null,
        version: 1,
      });
      checkDates(renewal);
      await this.assertPartiesActive(ctx, old.parties.map((p) => p.organisationId), 'input.id');
      await em.save(renewal);
      await this.replaceParts(ctx, renewal.id, { parties: old.parties, keyPoints: old.keyPoints });
      await this.record(ctx, 'AGREEMENT_RENEWED', null, renewal, `Renews ${source.reference}`);
      await this.uow.publish(ctx, new AgreementRenewed(source.id, renewal));
      return renewal;
    });
  }

  /** Locks the agreement, checks and raises the version the change was made against, in one transaction. */
  private change(
    ctx: RequestContext,
    id: string,
    version: number,
    work: (ctx: RequestContext, agreement: AgreementEntity) => Promise<AgreementEntity>,
  ) {
    return this.write(ctx, async (ctx) => {
      const agreement = await this.uow.changeVersioned(ctx, AgreementEntity, id, version, VERSION_ERRORS);
      return work(ctx, agreement);
    });
  }

  private async checkParties(ctx: RequestContext, parties: PartyInput[]) {
    const seen = new Set<string>();
    parties.forEach((p, i) => {
      if (seen.has(p.organisationId)) throw AgreementErrors.duplicateParty(i);
      seen.add(p.organisationId);
    });
    if (seen.size < 2) throw AgreementErrors.tooFewParties();
    await this.organisations.assertActive(ctx, parties.map((p) => p.organisationId), (i) => `input.parties.${i}.organisationId`);
  }

  private async assertPartiesActive(ctx: RequestContext, ids: string[], field: string) {
    await this.organisations.assertActive(ctx, ids, () => field);
  }

  /** Parties, key points and documents given in the input replace the old ones (drafts only). */
  private async replaceParts(
    ctx: RequestContext,
    agreementId: string,
    input: { parties?: PartyInput[]; keyPoints?: KeyPointInput[]; documents?: DocumentInput[] },
  ) {
    const em = this.uow.manager(ctx);
    if (input.parties) {
      await em.delete(AgreementPartyEntity, { agreementId });
      await em.insert(
        AgreementPartyEntity,
        input.parties.map((p, position) => ({
          agreementId,
          organisationId: p.organisationId,
          role: p.role,
          signatoryName: p.signatoryName ?? null,
          signatoryTitle: p.signatoryTitle ?? null,
          position,
        })),
      );
    }
    if (input.keyPoints) {
      await em.delete(AgreementKeyPointEntity, { agreementId });
      await this.upsertKeyPoints(ctx, agreementId, input.keyPoints);
    }
    if (input.documents) {
      await em.delete(AgreementDocumentEntity, { agreementId });
      await this.addDocuments(ctx, agreementId, input.documents);
    }
  }

  private async upsertKeyPoints(ctx: RequestContext, agreementId: string, points: KeyPointInput[]) {
    if (points.length === 0) return;
    await this.uow
      .manager(ctx)
      .createQueryBuilder()
      .insert()
      .into(AgreementKeyPointEntity)
      .values(points.map((p) => ({ agreementId, number: p.number, text: p.text })))
      .orUpdate(['text'], ['agreement_id', 'number'])
      .execute();
  }

  private async addDocuments(ctx: RequestContext, agreementId: string, documents: DocumentInput[]) {
    if (documents.length === 0) return;
    const uploadedAt = new Date();
    await this.uow.manager(ctx).insert(
      AgreementDocumentEntity,
      documents.map((d) => ({ agreementId, title: d.title, url: d.url, sha256: d.sha256 ?? null, uploadedById: ctx.requiredActor.userId, uploadedAt })),
    );
  }

  private async record(
    ctx: RequestContext,
    action: string,
    before: AgreementSnapshot | null,
    agreement: AgreementEntity,
    reason?: string,
  ) {
    const after = await snapshotOf(this.uow.manager(ctx), agreement);
    await this.uow.record(ctx, {
      action,
      entityType: ENTITY,
      entityId: agreement.id,
      before,
      after,
      reason,
      organisationIds: after.parties.map((p) => p.organisationId),
    });
    await this.uow.publish(ctx, new AgreementChanged(agreement.id));
  }

  /** Partners see the agreements their organisation is party to; every other role sees all. */
  private scoped(ctx: RequestContext) {
    const qb = this.uow.manager(ctx).createQueryBuilder(AgreementEntity, 'a');
    const actor = ctx.requiredActor;
    if (actor.role === Role.PARTNER) {
      qb.where('EXISTS (SELECT 1 FROM agreement_party own WHERE own.agreement_id = a.id AND own.organisation_id = :own)', {
        own: actor.organisationId,
      });
    }
    return qb;
  }

  private write<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    return this.uow.write(ctx, work, { uq_agreement_reference: AgreementErrors.referenceTaken });
  }
}

/** Effective dates in order, and the signing date not after the effective start. */
function checkDates(a: { signedOn?: string | null; effectiveFrom?: string | null; effectiveUntil?: string | null }) {
  if (a.effectiveFrom && a.effectiveUntil && a.effectiveUntil < a.effectiveFrom) throw AgreementErrors.datesOutOfOrder();
  if (a.signedOn && a.effectiveFrom && a.signedOn > a.effectiveFrom) throw AgreementErrors.signedAfterStart();
}

function checkKeyPoints(points: KeyPointInput[]) {
  const seen = new Set<number>();
  points.forEach((p, i) => {
    if (seen.has(p.number)) throw AgreementErrors.duplicateKeyPoint(i);
    seen.add(p.number);
  });
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** Sets the fields that are given (undefined leaves a field as it is; null clears it). */
function assign<T extends object>(target: T, changes: Partial<T>) {
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}

const pick = (s: AgreementSnapshot) => JSON.parse(JSON.stringify(s)) as Record<string, unknown>;

/** An agreement as a history state tells it, for the moment `at`. */
function asOfState(state: Record<string, unknown>, at: Date): AgreementAsOf {
  const { parties, keyPoints, documents, ...columns } = revive(state, ['createdAt', 'updatedAt', 'terminatedAt']) as unknown as AgreementSnapshot;
  return { ...columns, asOf: asOfMoment(at), snapshot: { parties, keyPoints, documents } };
}
