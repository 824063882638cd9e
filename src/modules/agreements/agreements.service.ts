import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Role } from '../../common/auth/role.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { isUniqueViolation } from '../../common/errors/database-errors.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import { today } from '../../common/graphql/date.scalar.js';
import { diff, HistoryService } from '../../common/history/history.service.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { insidePlace } from '../places/place-code.js';
import { escapeLike, PlacesService } from '../places/places.service.js';
import { AgreementAmendmentEntity } from './agreement-amendment.entity.js';
import { AgreementDocumentEntity } from './agreement-document.entity.js';
import { AgreementKeyPointEntity } from './agreement-key-point.entity.js';
import { AgreementPartyEntity, PartyRole } from './agreement-party.entity.js';
import { snapshotOf, type AgreementSnapshot } from './agreement.snapshot.js';
import { agreementStatus, agreementStatusSql, AgreementStatus } from './agreement-status.js';
import { AgreementEntity, StoredAgreementStatus } from './agreement.entity.js';
import { AgreementErrors } from './agreements.errors.js';
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

const ENTITY = 'Agreement';

/** The fields an amendment may change, in the order they are reported. */
const AMENDABLE = ['title', 'summary', 'thematicAreas', 'effectiveUntil', 'coveragePlaceCodes', 'keyPoints', 'documents'] as const;

@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly places: PlacesService,
    private readonly organisations: OrganisationsService,
    private readonly commitments: CommitmentsService,
    private readonly history: HistoryService,
  ) {}

  /** A partner gets NOT_FOUND for an agreement their organisation is not party to. */
  async get(ctx: RequestContext, id: string): Promise<AgreementEntity> {
    const agreement = await this.scoped(ctx).andWhere('a.id = :id', { id }).getOne();
    if (!agreement) throw AgreementErrors.notFound(id);
    return agreement;
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

  findByIds(ids: readonly string[]): Promise<AgreementEntity[]> {
    return this.db.getRepository(AgreementEntity).findBy({ id: In([...ids]) });
  }

  /** Renewals of the given agreements (the agreements whose renewsId is one of them). */
  renewalsOf(ids: readonly string[]): Promise<AgreementEntity[]> {
    return this.db.getRepository(AgreementEntity).find({ where: { renewsId: In([...ids]) }, order: { createdAt: 'ASC' } });
  }

  partiesOf(ids: readonly string[]): Promise<AgreementPartyEntity[]> {
    return this.db.getRepository(AgreementPartyEntity).find({ where: { agreementId: In([...ids]) }, order: { position: 'ASC' } });
  }

  keyPointsOf(ids: readonly string[]): Promise<AgreementKeyPointEntity[]> {
    return this.db.getRepository(AgreementKeyPointEntity).find({ where: { agreementId: In([...ids]) }, order: { number: 'ASC' } });
  }

  documentsOf(ids: readonly string[]): Promise<AgreementDocumentEntity[]> {
    return this.db
      .getRepository(AgreementDocumentEntity)
      .find({ where: { agreementId: In([...ids]) }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  }

  amendmentsOf(ids: readonly string[]): Promise<AgreementAmendmentEntity[]> {
    return this.db
      .getRepository(AgreementAmendmentEntity)
      .find({ where: { agreementId: In([...ids]) }, order: { number: 'ASC' } });
  }

  create(ctx: RequestContext, input: CreateAgreementInput): Promise<AgreementEntity> {
    return this.write(async (em) => {
      checkDates(input);
      await this.checkParties(em, input.parties);
      checkKeyPoints(input.keyPoints ?? []);
      await this.places.assertExist(input.coveragePlaceCodes ?? [], 'input.coveragePlaceCodes');
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
      await this.replaceParts(em, ctx, agreement.id, input);
      await this.record(em, ctx, 'AGREEMENT_CREATED', null, agreement);
      return agreement;
    });
  }

  update(ctx: RequestContext, input: UpdateAgreementInput): Promise<AgreementEntity> {
    return this.change(input.id, input.version, async (em, agreement) => {
      if (agreement.status !== StoredAgreementStatus.DRAFT) throw AgreementErrors.notDraft();
      const before = await snapshotOf(em, agreement);
      if (input.parties) await this.checkParties(em, input.parties);
      if (input.keyPoints) checkKeyPoints(input.keyPoints);
      if (input.coveragePlaceCodes) await this.places.assertExist(input.coveragePlaceCodes, 'input.coveragePlaceCodes');
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
      await this.saveNextVersion(em, agreement);
      await this.replaceParts(em, ctx, agreement.id, input);
      await this.record(em, ctx, 'AGREEMENT_UPDATED', before, agreement);
      return agreement;
    });
  }

  sign(ctx: RequestContext, input: SignAgreementInput): Promise<AgreementEntity> {
    return this.change(input.id, input.version, async (em, agreement) => {
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
      await this.saveNextVersion(em, agreement);
      await this.record(em, ctx, 'AGREEMENT_SIGNED', before, agreement);
      return agreement;
    });
  }

  terminate(ctx: RequestContext, input: TerminateAgreementInput): Promise<AgreementEntity> {
    return this.change(input.id, input.version, async (em, agreement) => {
      const status = agreementStatus(agreement);
      if (status !== AgreementStatus.ACTIVE) throw AgreementErrors.notActive(status);
      const before = await snapshotOf(em, agreement);
      assign(agreement, { status: StoredAgreementStatus.TERMINATED, terminatedAt: new Date(), terminationReason: input.reason });
      await this.saveNextVersion(em, agreement);
      await this.record(em, ctx, 'AGREEMENT_TERMINATED', before, agreement, input.reason);
      return agreement;
    });
  }

  /** The only way to change an ACTIVE agreement: the change is kept as its own numbered amendment. */
  amend(ctx: RequestContext, input: AmendAgreementInput): Promise<AgreementEntity> {
    return this.change(input.id, input.version, async (em, agreement) => {
      const status = agreementStatus(agreement);
      if (status !== AgreementStatus.ACTIVE) throw AgreementErrors.notActive(status);
      const before = await snapshotOf(em, agreement);
      if (input.coveragePlaceCodes) await this.places.assertExist(input.coveragePlaceCodes, 'input.coveragePlaceCodes');
      if (input.keyPoints) checkKeyPoints(input.keyPoints);
      assign(agreement, {
        title: input.title?.trim(),
        summary: input.summary,
        thematicAreas: input.thematicAreas && unique(input.thematicAreas),
        effectiveUntil: input.effectiveUntil,
        coveragePlaceCodes: input.coveragePlaceCodes && unique(input.coveragePlaceCodes),
      });
      checkDates(agreement);
      if (input.keyPoints) await this.upsertKeyPoints(em, agreement.id, input.keyPoints);
      if (input.documents) await this.addDocuments(em, ctx, agreement.id, input.documents);
      const after = await snapshotOf(em, { ...agreement });
      const changes = Object.fromEntries(
        Object.entries(diff(pick(before), pick(after))).filter(([field]) => (AMENDABLE as readonly string[]).includes(field)),
      );
      if (Object.keys(changes).length === 0) throw AgreementErrors.nothingToAmend();
      const number = (await em.countBy(AgreementAmendmentEntity, { agreementId: agreement.id })) + 1;
      await em.save(
        em.create(AgreementAmendmentEntity, { agreementId: agreement.id, number, reason: input.reason, changes, amendedById: ctx.requiredActor.userId }),
      );
      await this.saveNextVersion(em, agreement);
      await this.record(em, ctx, 'AGREEMENT_AMENDED', before, agreement, input.reason);
      return agreement;
    });
  }

  /**
   * A new DRAFT linked to the agreement it renews, with its kind, summary, thematic areas, coverage, parties,
   * key points and the commitments still open (not cancelled, not yet due), which move into the new period.
   */
  renew(ctx: RequestContext, input: RenewAgreementInput): Promise<AgreementEntity> {
    return this.write(async (em) => {
      const source = await this.lock(em, input.id);
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
      await this.assertPartiesActive(em, old.parties.map((p) => p.organisationId), 'input.id');
      await em.save(renewal);
      await this.replaceParts(em, ctx, renewal.id, { parties: old.parties, keyPoints: old.keyPoints });
      await this.record(em, ctx, 'AGREEMENT_RENEWED', null, renewal, `Renews ${source.reference}`);
      await this.commitments.copyOpen(em, ctx, source.id, renewal);
      return renewal;
    });
  }

  /** Locks the agreement, checks the version the change was made against, and runs the change in one transaction. */
  private change(id: string, version: number, work: (em: EntityManager, agreement: AgreementEntity) => Promise<AgreementEntity>) {
    return this.write(async (em) => {
      const agreement = await this.lock(em, id);
      if (agreement.version !== version) throw AgreementErrors.staleVersion(agreement.version);
      return work(em, agreement);
    });
  }

  /** The version rises by one with every change; the row lock taken first makes the check and the raise atomic. */
  private async saveNextVersion(em: EntityManager, agreement: AgreementEntity) {
    agreement.version += 1;
    await em.save(agreement);
  }

  private async checkParties(em: EntityManager, parties: PartyInput[]) {
    const seen = new Set<string>();
    parties.forEach((p, i) => {
      if (seen.has(p.organisationId)) throw AgreementErrors.duplicateParty(i);
      seen.add(p.organisationId);
    });
    if (seen.size < 2) throw AgreementErrors.tooFewParties();
    await this.organisations.assertActive(
      parties.map((p) => p.organisationId),
      (i) => `input.parties.${i}.organisationId`,
      em,
    );
  }

  private async assertPartiesActive(em: EntityManager, ids: string[], field: string) {
    await this.organisations.assertActive(ids, () => field, em);
  }

  /** Parties, key points and documents given in the input replace the old ones (drafts only). */
  private async replaceParts(
    em: EntityManager,
    ctx: RequestContext,
    agreementId: string,
    input: { parties?: PartyInput[]; keyPoints?: KeyPointInput[]; documents?: DocumentInput[] },
  ) {
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
      await this.upsertKeyPoints(em, agreementId, input.keyPoints);
    }
    if (input.documents) {
      await em.delete(AgreementDocumentEntity, { agreementId });
      await this.addDocuments(em, ctx, agreementId, input.documents);
    }
  }

  private async upsertKeyPoints(em: EntityManager, agreementId: string, points: KeyPointInput[]) {
    if (points.length === 0) return;
    await em
      .createQueryBuilder()
      .insert()
      .into(AgreementKeyPointEntity)
      .values(points.map((p) => ({ agreementId, number: p.number, text: p.text })))
      .orUpdate(['text'], ['agreement_id', 'number'])
      .execute();
  }

  private async addDocuments(em: EntityManager, ctx: RequestContext, agreementId: string, documents: DocumentInput[]) {
    if (documents.length === 0) return;
    const uploadedAt = new Date();
    await em.insert(
      AgreementDocumentEntity,
      documents.map((d) => ({ agreementId, title: d.title, url: d.url, sha256: d.sha256 ?? null, uploadedById: ctx.requiredActor.userId, uploadedAt })),
    );
  }

  private async record(
    em: EntityManager,
    ctx: RequestContext,
    action: string,
    before: AgreementSnapshot | null,
    agreement: AgreementEntity,
    reason?: string,
  ) {
    const after = await snapshotOf(em, agreement);
    await this.history.record(em, ctx, {
      action,
      entityType: ENTITY,
      entityId: agreement.id,
      before,
      after,
      reason,
      organisationIds: after.parties.map((p) => p.organisationId),
    });
  }

  /** Partners see the agreements their organisation is party to; every other role sees all. */
  private scoped(ctx: RequestContext) {
    const qb = this.db.getRepository(AgreementEntity).createQueryBuilder('a');
    const actor = ctx.requiredActor;
    if (actor.role === Role.PARTNER) {
      qb.where('EXISTS (SELECT 1 FROM agreement_party own WHERE own.agreement_id = a.id AND own.organisation_id = :own)', {
        own: actor.organisationId,
      });
    }
    return qb;
  }

  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_agreement_reference')) throw AgreementErrors.referenceTaken();
      throw err;
    }
  }

  private async lock(em: EntityManager, id: string): Promise<AgreementEntity> {
    const agreement = await em.findOne(AgreementEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!agreement) throw AgreementErrors.notFound(id);
    return agreement;
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
