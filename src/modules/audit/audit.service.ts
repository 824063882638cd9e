import type { SelectQueryBuilder } from 'typeorm';
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { MoreThanOrEqual } from 'typeorm';
import { Role } from '../../common/auth/role.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { oneByKey } from '../../common/dataloader/loaders.js';
import { entitiesOf } from '../../common/database/entity-rows.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { badInput } from '../../common/errors/app-error.js';
import { paginate, type KeysetOrder, type Page, type PageArgs } from '../../common/graphql/connection.js';
import { HistoryEntryEntity } from '../../common/history/history-entry.entity.js';
import { entryHash, GENESIS_HASH } from '../../common/history/history-hash.js';
import { lastEntry } from '../../common/history/history.service.js';
import { AuditOrder, type AuditTrailArgs, type RecordAtArgs, type RecordHistoryArgs } from './dto/audit-trail.args.js';
import type { VerifyAuditTrailArgs } from './dto/verify-audit-trail.args.js';
import { ChainProblem, type AuditHead, type AuditVerification, type HistoryEntry, type ReadHistoryEntry } from './history-entry.type.js';

/** The columns of an audit-trail export: everything an entry's hash covers, then its links. */
export const EXPORTED = [
  ['seq', 'seq'], ['occurred_at', 'occurredAt'], ['actor_user_id', 'actorUserId'], ['actor_role', 'actorRole'],
  ['actor_organisation_id', 'actorOrganisationId'], ['actor_name', 'actorName'], ['action', 'action'], ['entity_type', 'entityType'],
  ['entity_id', 'entityId'], ['organisation_ids', 'organisationIds'], ['changes', 'changes'], ['reason', 'reason'],
  ['request_id', 'requestId'], ['state', 'state'], ['prev_hash', 'prevHash'], ['hash', 'hash'],
] as const;

/** The properties a page of entries reads at once: all but `changes` and `state` (see AuditService.page). */
const LIGHT_PROPERTIES = EXPORTED.map(([, property]) => property).filter((p) => p !== 'changes' && p !== 'state');

/** Entries in the order of their numbers. */
const bySeq = (direction: 'ASC' | 'DESC'): KeysetOrder<HistoryEntryEntity> => ({ column: 'h.seq', id: 'h.seq', direction, key: (h) => [h.seq, String(h.seq)] });

/** Matches no organisation: an empty set of organisations gives an empty stream. */
const GENESIS_UUID = '00000000-0000-0000-0000-000000000000';

/** Entries are checked in batches, so verifying a long chain holds a bounded amount in memory. */
const VERIFY_BATCH = 1000;

@Injectable()
export class AuditService {
  constructor(private readonly uow: UnitOfWork) {}

  trail(ctx: RequestContext, args: AuditTrailArgs): Promise<Page<HistoryEntry>> {
    const f = args.filter ?? {};
    const qb = this.scoped(ctx);
    if (f.entityType) qb.andWhere('h.entity_type = :entityType', { entityType: f.entityType });
    if (f.entityId) qb.andWhere('h.entity_id = :entityId', { entityId: f.entityId });
    if (f.actorId) qb.andWhere('h.actor_user_id = :actorId', { actorId: f.actorId });
    if (f.organisationId) qb.andWhere('h.organisation_ids @> ARRAY[:organisationId]::uuid[]', { organisationId: f.organisationId });
    if (f.action) qb.andWhere('h.action = :action', { action: f.action });
    if (f.from) qb.andWhere('h.occurred_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('h.occurred_at < :to', { to: f.to });
    return this.page(ctx, qb, args, args.order === AuditOrder.OLDEST_FIRST ? 'ASC' : 'DESC');
  }

  /**
   * A page of entries in sequence order, read without their two largest columns: an entry's `changes` and `state`
   * (the whole record) are read for the page's entries at once, in the actor's scope, and only when a client asks
   * for them.
   */
  private page(ctx: RequestContext, qb: SelectQueryBuilder<HistoryEntryEntity>, page: PageArgs, direction: 'ASC' | 'DESC'): Promise<Page<HistoryEntry>> {
    const full = (seq: number) =>
      oneByKey(ctx, 'history.full', (seqs: readonly number[]) => entitiesOf(this.scoped(ctx).andWhere('h.seq IN (:...seqs)', { seqs: [...seqs] })), (e) => e.seq).load(seq);
    const toNode = (e: HistoryEntryEntity): HistoryEntry =>
      entryOf(
        e,
        async () => changesOf((await full(e.seq))?.changes ?? {}),
        async () => (await full(e.seq))?.state ?? null,
      );
    qb.select(LIGHT_PROPERTIES.map((p) => `h.${p}`));
    return paginate(qb, page, bySeq(direction), toNode);
  }

  /**
   * Entries with these actions about what concerns the given organisations, or about one agreement with its
   * commitments and their reports (found through the history itself), oldest first: the raw stream of a timeline.
   */
  stream(
    ctx: RequestContext,
    about: { organisationIds?: string[]; agreementId?: string },
    actions: readonly string[],
    range: { from?: Date; to?: Date },
    page: PageArgs,
  ): Promise<Page<ReadHistoryEntry>> {
    const qb = this.scoped(ctx).andWhere('h.action IN (:...actions)', { actions: [...actions] });
    if (about.organisationIds) qb.andWhere('h.organisation_ids && ARRAY[:...orgs]::uuid[]', { orgs: about.organisationIds.length ? about.organisationIds : [GENESIS_UUID] });
    if (about.agreementId) {
      qb.andWhere(
        `((h.entity_type = 'Agreement' AND h.entity_id = :agreementId)
          OR (h.entity_type = 'Commitment' AND h.state->>'agreementId' = :agreementId)
          OR (h.entity_type = 'Report' AND h.state->>'commitmentId' IN (
                SELECT c.entity_id FROM history_entry c WHERE c.entity_type = 'Commitment' AND c.action = 'COMMITMENT_CREATED'
                   AND c.state->>'agreementId' = :agreementId)))`,
        { agreementId: about.agreementId },
      );
    }
    if (range.from) qb.andWhere('h.occurred_at >= :from', { from: range.from });
    if (range.to) qb.andWhere('h.occurred_at < :to', { to: range.to });
    return paginate(qb, page, bySeq('ASC'), toHistoryEntry);
  }

  /** Every entry the actor may read, oldest first, streamed for an export: each carries what its hash covers. */
  exportRows(ctx: RequestContext): Promise<Readable> {
    const qb = this.scoped(ctx).select([]).orderBy('h.seq', 'ASC');
    for (const [column, alias] of EXPORTED) qb.addSelect(`h.${column}`, alias);
    return this.uow.stream(qb);
  }

  /** One record's entries, oldest first. */
  recordHistory(ctx: RequestContext, args: RecordHistoryArgs): Promise<Page<HistoryEntry>> {
    return this.page(ctx, this.scoped(ctx).andWhere('h.entity_type = :entityType AND h.entity_id = :entityId', args), args, 'ASC');
  }

  /**
   * For as-of reads: each record's state as it stood at `at` (its latest entry by then), in one statement; found
   * by id, or by a field of its state (a commitment's agreementId). The index on (entity_type, entity_id,
   * occurred_at) finds each in a number of steps that does not grow with the changes made after `at`.
   */
  async statesAt(
    ctx: RequestContext,
    entityType: string,
    at: Date,
    which: { ids: readonly string[] } | { field: string; value: string },
    /** Records every reader may see now (organisations): their past states are not held to the partner's scope. */
    options: { public?: boolean } = {},
  ): Promise<{ entityId: string; state: Record<string, unknown> }[]> {
    const qb = (options.public ? this.uow.manager(ctx).createQueryBuilder(HistoryEntryEntity, 'h').where('TRUE') : this.scoped(ctx))
      .select('h.entity_id', 'entityId')
      .addSelect('h.state', 'state')
      .distinctOn(['h.entity_id'])
      .andWhere('h.entity_type = :entityType AND h.occurred_at <= :at', { entityType, at })
      .orderBy('h.entity_id')
      .addOrderBy('h.occurred_at', 'DESC')
      .addOrderBy('h.seq', 'DESC');
    if ('ids' in which) qb.andWhere('h.entity_id IN (:...ids)', { ids: [...which.ids] });
    else qb.andWhere(`h.state->>'${which.field.replace(/\W/g, '')}' = :value`, { value: which.value });
    const rows = await qb.getRawMany<{ entityId: string; state: Record<string, unknown> | null }>();
    return rows.filter((r): r is { entityId: string; state: Record<string, unknown> } => r.state !== null);
  }

  /**
   * Every record of a kind as it stood at `at`: its latest entry by then, when the actor may read that entry (a
   * partner: when their organisation was concerned then). For as-of lists, which filter on `h.state` and page.
   */
  latestAt(ctx: RequestContext, entityType: string, at: Date): SelectQueryBuilder<HistoryEntryEntity> {
    return this.scoped(ctx)
      .andWhere('h.entity_type = :entityType AND h.state IS NOT NULL', { entityType })
      .andWhere(
        `h.seq = (SELECT max(l.seq) FROM history_entry l WHERE l.entity_type = h.entity_type AND l.entity_id = h.entity_id AND l.occurred_at <= :at)`,
        { at },
      );
  }

  /** One record's state at `at` (null before it existed, or out of the actor's sight). */
  async stateAt(ctx: RequestContext, entityType: string, id: string, at: Date, options: { public?: boolean } = {}): Promise<Record<string, unknown> | null> {
    const [found] = await this.statesAt(ctx, entityType, at, { ids: [id] }, options);
    return found?.state ?? null;
  }

  /** The record as it stood at a moment: the last entry about it at or before then (null if it did not exist yet). */
  async recordAt(ctx: RequestContext, args: RecordAtArgs): Promise<ReadHistoryEntry | null> {
    const entry = await this.scoped(ctx)
      .andWhere('h.entity_type = :entityType AND h.entity_id = :entityId', args)
      .andWhere('h.occurred_at <= :at', { at: args.at })
      .orderBy('h.seq', 'DESC')
      .limit(1)
      .getOne();
    return entry ? toHistoryEntry(entry) : null;
  }

  /**
   * For DataLoaders: the latest `limit` entries about each of the given records (oldest first), in one
   * statement whatever their number.
   */
  async latestOf(ctx: RequestContext, entityType: string, ids: readonly string[], limit: number): Promise<ReadHistoryEntry[]> {
    const ranked = this.scoped(ctx)
      .select('h.seq', 'seq')
      .addSelect('row_number() OVER (PARTITION BY h.entity_id ORDER BY h.seq DESC)', 'rank')
      .andWhere('h.entity_type = :entityType AND h.entity_id IN (:...ids)', { entityType, ids: [...ids] });
    const entries = await entitiesOf(
      this.uow
        .manager(ctx)
        .createQueryBuilder(HistoryEntryEntity, 'e')
        .where(`e.seq IN (SELECT r.seq FROM (${ranked.getQuery()}) r WHERE r.rank <= :limit)`, { ...ranked.getParameters(), limit })
        .orderBy('e.seq', 'ASC'),
    );
    return entries.map(toHistoryEntry);
  }

  /** For DataLoaders: the entries with these actions about each of the given records, oldest first, in one statement. */
  async actionsOf(ctx: RequestContext, entityType: string, ids: readonly string[], actions: readonly string[]): Promise<ReadHistoryEntry[]> {
    const entries = await entitiesOf(
      this.scoped(ctx)
        .andWhere('h.entity_type = :entityType AND h.entity_id IN (:...ids) AND h.action IN (:...actions)', { entityType, ids: [...ids], actions: [...actions] })
        .orderBy('h.seq', 'ASC'),
    );
    return entries.map(toHistoryEntry);
  }

  async head(ctx: RequestContext | null): Promise<AuditHead> {
    return (await lastEntry(this.uow.manager(ctx))) ?? { seq: 0, hash: GENESIS_HASH, occurredAt: null };
  }

  /**
   * Recomputes every hash in the range from the stored content and follows the links. A kept head
   * (seq and hash noted earlier, outside the system) must still be in the chain: a rewritten chain can be
   * internally consistent, but it cannot reproduce a hash it did not have.
   */
  async verify(args: VerifyAuditTrailArgs): Promise<AuditVerification> {
    const latest = (await this.head(null)).seq;
    const from = args.from ?? 1;
    const last = args.to ?? Math.max(latest, from);
    const to = Math.min(last, latest);
    if (from > last) throw badInput('INVALID_RANGE', 'from');
    if (args.head && (args.head.seq < from || args.head.seq > last)) {
      throw badInput('HEAD_OUTSIDE_RANGE', 'head.seq');
    }
    const repo = this.uow.manager(null).getRepository(HistoryEntryEntity);
    const result: AuditVerification = { valid: true, checked: 0, fromSeq: from, toSeq: to, firstInvalidSeq: null, problem: null, headMatches: null };
    const fail = (seq: number, problem: ChainProblem) => ({ ...result, valid: false, firstInvalidSeq: seq, problem });

    let prevHash = GENESIS_HASH;
    if (from > 1) {
      const before = await repo.findOneBy({ seq: from - 1 });
      if (!before) return fail(from - 1, ChainProblem.GAP);
      prevHash = before.hash;
    }
    let expected = from;
    while (expected <= to) {
      const batch = await repo.find({ where: { seq: MoreThanOrEqual(expected) }, order: { seq: 'ASC' }, take: Math.min(VERIFY_BATCH, to - expected + 1) });
      if (batch.length === 0) return fail(expected, ChainProblem.GAP);
      for (const entry of batch) {
        if (entry.seq !== expected) return fail(expected, ChainProblem.GAP);
        if (entry.prevHash !== prevHash) return fail(entry.seq, ChainProblem.BROKEN_LINK);
        if (entryHash(entry.prevHash, entry) !== entry.hash) return fail(entry.seq, ChainProblem.CONTENT_CHANGED);
        if (args.head?.seq === entry.seq && args.head.hash !== entry.hash) {
          return { ...fail(entry.seq, ChainProblem.HEAD_MISMATCH), headMatches: false };
        }
        prevHash = entry.hash;
        result.checked += 1;
        expected += 1;
      }
    }
    if (args.head) {
      if (args.head.seq > latest) return { ...fail(latest + 1, ChainProblem.HEAD_MISMATCH), headMatches: false };
      result.headMatches = true;
    }
    return result;
  }

  /**
   * Partners read the history of records that concern their own organisation, and nothing else: of accounts,
   * only their own (a colleague's account entries hold their email and role changes). Coordinators read all
   * but the accounts they do not manage.
   */
  private scoped(ctx: RequestContext) {
    const actor = ctx.requiredActor;
    const qb = this.uow.manager(ctx).createQueryBuilder(HistoryEntryEntity, 'h').where('TRUE');
    if (actor.role === Role.PARTNER) {
      qb.andWhere('h.organisation_ids @> ARRAY[:own]::uuid[]', { own: actor.organisationId });
      qb.andWhere(`(h.entity_type <> 'User' OR h.entity_id = :self)`, { self: actor.userId });
    }
    // Coordinators read the trail of everything they manage; of accounts, the partner accounts only (as in `users`).
    if (actor.role === Role.COORDINATOR) qb.andWhere(`(h.entity_type <> 'User' OR h.state->>'role' = 'PARTNER')`);
    return qb;
  }
}

const changesOf = (changes: HistoryEntryEntity['changes']) => Object.entries(changes).map(([field, c]) => ({ field, before: c.before, after: c.after }));

export function toHistoryEntry(e: HistoryEntryEntity): ReadHistoryEntry {
  return entryOf(e, changesOf(e.changes), e.state);
}

/** The API's entry from a row, with its changes and state as given (read, or read when asked). */
function entryOf<C extends HistoryEntry['changes']>(e: HistoryEntryEntity, changes: C, state: unknown): HistoryEntry & { changes: C } {
  return {
    seq: e.seq,
    occurredAt: e.occurredAt,
    actor: { userId: e.actorUserId, role: e.actorRole, organisationId: e.actorOrganisationId, name: e.actorName },
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    organisationIds: e.organisationIds,
    changes,
    reason: e.reason,
    requestId: e.requestId,
    state,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
