import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { HistoryEntryEntity } from './history-entry.entity.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: all of it but the hash itself. */
export function hashedContent(e: Omit<HistoryEntryEntity, 'hash' | 'prevHash'>): Record<string, unknown> {
  return {
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    actorUserId: e.actorUserId,
    actorRole: e.actorRole,
    actorOrganisationId: e.actorOrganisationId,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    organisationIds: [...e.organisationIds].sort(),
    changes: e.changes,
    reason: e.reason,
    requestId: e.requestId,
    state: e.state,
  };
}

/** SHA-256 over the previous hash and the RFC 8785 canonical JSON of the entry's content. */
export function entryHash(prevHash: string, entry: Omit<HistoryEntryEntity, 'hash' | 'prevHash'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalize(hashedContent(entry)) ?? '')
    .digest('hex');
}
