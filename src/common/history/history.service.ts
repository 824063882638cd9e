import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { HistoryEntryEntity } from './history-entry.entity.js';
import { entryHash, GENESIS_HASH } from './history-hash.js';

/** Serialises appends to the chain; held until the writing transaction commits or rolls back. */
const CHAIN_LOCK = 4_702_231;

export interface Change {
  /** What happened, in SCREAMING_SNAKE: ORGANISATION_CREATED, AGREEMENT_SIGNED, REPORT_SENT_BACK, … */
  action: string;
  entityType: string;
  entityId: string;
  /** The record before the change (null when it was created). */
  before: object | null;
  /** The record after the change: its full state, kept so it can be shown as it stood at any moment. */
  after: object | null;
  reason?: string | null;
  /** The organisations the record concerns; partners see history of their own organisation's records. */
  organisationIds?: string[];
}

type Plain = Record<string, unknown>;
const toPlain = (value: object | null): Plain | null => (value ? (JSON.parse(JSON.stringify(value)) as Plain) : null);

export function diff(before: Plain | null, after: Plain | null): Record<string, { before: unknown; after: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of [...keys].sort()) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}

/** The chain's last entry (number, hash, moment), or null while the history is empty. */
export async function lastEntry(manager: EntityManager): Promise<{ seq: number; hash: string; occurredAt: Date } | null> {
  const [last] = (await manager.query('SELECT seq, hash, occurred_at FROM history_entry ORDER BY seq DESC LIMIT 1')) as {
    seq: string;
    hash: string;
    occurred_at: Date;
  }[];
  return last ? { seq: Number(last.seq), hash: last.hash, occurredAt: last.occurred_at } : null;
}

@Injectable()
export class HistoryService {
  /**
   * Appends one entry inside the caller's transaction, so the change and its entry commit together or
   * not at all. The advisory lock makes concurrent writers take turns: no fork, no gap.
   */
  async record(manager: EntityManager, ctx: RequestContext, change: Change): Promise<HistoryEntryEntity> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('History entries are written inside the transaction of the change they record');
    }
    const actor = ctx.requiredActor;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const last = await lastEntry(manager);
    const before = toPlain(change.before);
    const after = toPlain(change.after);
    const entry = manager.create(HistoryEntryEntity, {
      seq: last ? last.seq + 1 : 1,
      occurredAt: new Date(),
      actorUserId: actor.userId,
      actorRole: actor.role,
      actorOrganisationId: actor.organisationId,
      actorName: actor.displayName,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      organisationIds: [...new Set(change.organisationIds ?? [])].sort(),
      changes: diff(before, after),
      reason: change.reason ?? null,
      requestId: ctx.requestId || null,
      state: after,
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    entry.hash = entryHash(entry.prevHash, entry);
    await manager.save(HistoryEntryEntity, entry);
    return entry;
  }
}
