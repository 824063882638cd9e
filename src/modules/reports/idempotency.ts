import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ReportErrors } from './reports.errors.js';

export type Claim = { first: true } | { first: false; resultId: string };

/**
 * Claims `key` for this user and operation inside the caller's transaction. The first caller inserts the
 * record; a concurrent caller's INSERT waits on that row until the first transaction ends, then either finds
 * it (a retry: same content → the first result, other content → CONFLICT) or, if the first rolled back,
 * claims the key itself. So 20 identical retries at once make one write.
 */
export async function claimKey(
  em: EntityManager,
  scope: { userId: string; operation: string; key: string },
  request: object,
  resultId: string,
): Promise<Claim> {
  const requestHash = createHash('sha256').update(canonicalize(request) ?? '').digest('hex');
  const inserted = (await em.query(
    `INSERT INTO idempotency_record (user_id, operation, key, request_hash, result_id)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING key`,
    [scope.userId, scope.operation, scope.key, requestHash, resultId],
  )) as unknown[];
  if (inserted.length > 0) return { first: true };
  const [record] = (await em.query(
    'SELECT request_hash, result_id FROM idempotency_record WHERE user_id = $1 AND operation = $2 AND key = $3',
    [scope.userId, scope.operation, scope.key],
  )) as { request_hash: string; result_id: string }[];
  if (!record || record.request_hash !== requestHash) throw ReportErrors.keyReused();
  return { first: false, resultId: record.result_id };
}
