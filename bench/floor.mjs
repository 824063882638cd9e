// The floor of `npm run bench`: node:http and pg alone, with hand-written SQL, answering the benchmark's
// operations with the same JSON the service gives (the runner checks they are equal before it times anything).
// It verifies the bearer token (HS256) and checks its session and user as the service does (a signed-out or
// deactivated user's token is refused), and for the write the rules it needs: no framework, no ORM, no GraphQL.
// GET /<operation>?id=…  with  Authorization: Bearer <access token from the service>; POST /submitReport with a JSON body.
import canonicalize from 'canonicalize';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

// Planned as the service's statements are (see src/database/data-source.ts).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10), options: '-c enable_memoize=off' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
pool.on('error', () => undefined);
const secret = process.env.JWT_SECRET;
const AT_RISK_MARGIN = 25;

/** Today in WIB (UTC+7), as the service's `today()`. */
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** The token's claims when its signature holds and it has not expired, else null. */
function claimsOf(header) {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  const [head, body, signature] = token?.split('.') ?? [];
  if (!signature) return null;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  return claims.exp * 1000 > Date.now() ? claims : null;
}

/** The claims of a signed token whose session is open and whose user is active (one statement, as the service's), else null. */
async function signedIn(header) {
  const claims = claimsOf(header);
  if (!claims || !UUID.test(claims.sid) || !UUID.test(claims.sub)) return null;
  const { rowCount } = await pool.query(
    `SELECT u.id, u.role, u.organisation_id, u.display_name
       FROM user_session s JOIN user_account u ON u.id = s.user_id
      WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND u.deactivated_at IS NULL`,
    [claims.sid, claims.sub],
  );
  return rowCount === 1 ? claims : null;
}

const sha256 = (...parts) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');

/**
 * A partner submits their draft, as the service's submitReport does it: in one transaction, the idempotency key
 * claimed (a retry gets the first answer), the report moved to SUBMITTED if its version, status, organisation,
 * commitment and agreement allow, and an entry appended to the history chain, hashed as the service hashes (SHA-256
 * over the previous hash and the RFC 8785 JSON of the entry), so `npm run audit:verify` still holds afterwards.
 */
async function submitReport(claims, { id, version, idempotencyKey }) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const requestHash = sha256(canonicalize({ id, version }));
    const claimed = await client.query(
      `INSERT INTO idempotency_record (user_id, operation, key, request_hash, result_id) VALUES ($1, 'submitReport', $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING key`,
      [claims.sub, idempotencyKey, requestHash, id],
    );
    if (claimed.rowCount === 0) {
      const { rows } = await client.query(
        `SELECT r.id, r.status, k.request_hash FROM idempotency_record k JOIN progress_report r ON r.id = k.result_id
          WHERE k.user_id = $1 AND k.operation = 'submitReport' AND k.key = $2`,
        [claims.sub, idempotencyKey],
      );
      if (rows[0]?.request_hash !== requestHash) throw new Error('idempotency key reused with other content');
      await client.query('COMMIT');
      return { submitReport: { id: rows[0].id, status: rows[0].status } };
    }
    const at = new Date();
    const { rows } = await client.query(
      `UPDATE progress_report r SET status = 'SUBMITTED', submitted_by_id = u.id, submitted_at = $4, version = r.version + 1, updated_at = $4
         FROM user_account u, commitment c, agreement a
        WHERE r.id = $1 AND r.version = $2 AND r.status IN ('DRAFT', 'SENT_BACK') AND r.activity_until <= $5::date
          AND u.id = $3 AND u.organisation_id = r.organisation_id AND c.id = r.commitment_id AND c.cancelled_at IS NULL
          AND a.id = c.agreement_id AND a.status = 'ACTIVE'
       RETURNING r.id, r.status, r.version, r.organisation_id, r.commitment_id, r.period_id, r.corrects_id, r.activity_from::text,
                 r.activity_until::text, r.place_codes, r.narrative, u.role, u.display_name,
                 (SELECT coalesce(jsonb_agg(jsonb_build_object('targetId', v.target_id, 'value', v.value) ORDER BY v.target_id), '[]')
                    FROM report_value v WHERE v.report_id = r.id) AS values`,
      [id, version, claims.sub, at, today()],
    );
    const r = rows[0];
    if (!r) throw new Error('not submittable');
    await client.query('SELECT pg_advisory_xact_lock(4702231)');
    const { rows: [last] } = await client.query('SELECT seq, hash FROM history_entry ORDER BY seq DESC LIMIT 1');
    const entry = {
      seq: Number(last.seq) + 1,
      occurredAt: at.toISOString(),
      actorUserId: claims.sub,
      actorRole: r.role,
      actorOrganisationId: r.organisation_id,
      actorName: r.display_name,
      action: 'REPORT_SUBMITTED',
      entityType: 'Report',
      entityId: r.id,
      organisationIds: [r.organisation_id],
      changes: { status: { before: 'DRAFT', after: 'SUBMITTED' }, version: { before: version, after: r.version } },
      reason: null,
      requestId: null,
      state: {
        id: r.id, commitmentId: r.commitment_id, periodId: r.period_id, correctsId: r.corrects_id, organisationId: r.organisation_id,
        status: r.status, activityFrom: r.activity_from, activityUntil: r.activity_until, placeCodes: r.place_codes, narrative: r.narrative,
        values: r.values, submittedById: claims.sub, submittedAt: at.toISOString(), version: r.version,
      },
    };
    const hash = sha256(last.hash, '\n', canonicalize(entry));
    await client.query(
      `INSERT INTO history_entry (seq, occurred_at, actor_user_id, actor_role, actor_organisation_id, actor_name, action, entity_type, entity_id,
                                  organisation_ids, changes, reason, request_id, state, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL, $12, $13, $14)`,
      [entry.seq, at, entry.actorUserId, entry.actorRole, entry.actorOrganisationId, entry.actorName, entry.action, entry.entityType, entry.entityId,
       entry.organisationIds, JSON.stringify(entry.changes), JSON.stringify(entry.state), last.hash, hash],
    );
    await client.query('COMMIT');
    return { submitReport: { id: r.id, status: r.status } };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

const readBody = async (req) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
};

const num = (v) => Math.round(Number(v ?? 0) * 100) / 100;
const day = (d) => (typeof d === 'string' ? d : d.toISOString().slice(0, 10));

/** The status rule of the README, on today's kept figures, for commitments `c` joined to `commitment_figures f`. */
const STATUS = `CASE WHEN c.cancelled_at < $END::timestamptz THEN 'CANCELLED' WHEN f.fulfilled THEN 'FULFILLED'
  WHEN $DAY::date > c.due_on THEN 'OVERDUE'
  WHEN f.progress < (CASE WHEN c.due_on <= c.start_on THEN CASE WHEN $DAY::date >= c.start_on THEN 100 ELSE 0 END
                          ELSE least(greatest(($DAY::date - c.start_on)::numeric / (c.due_on - c.start_on), 0), 1) * 100 END) - ${AT_RISK_MARGIN} THEN 'AT_RISK'
  WHEN NOT f.has_reports THEN 'NOT_STARTED' ELSE 'ON_TRACK' END`;
const ELAPSED = `CASE WHEN c.due_on <= c.start_on THEN CASE WHEN $DAY::date >= c.start_on THEN 100 ELSE 0 END
  ELSE least(greatest(($DAY::date - c.start_on)::numeric / (c.due_on - c.start_on), 0), 1) * 100 END`;
const endOfDay = (d) => new Date(Date.parse(`${d}T00:00:00+07:00`) + 86_400_000).toISOString();
const judged = (sql, dayParam, endParam) => sql.replaceAll('$DAY', dayParam).replaceAll('$END', endParam);

/**
 * The commitments that count on day $1 (signed by then, with targets), each with its terms and figures: today's kept
 * row; on another day, its row logged last before the day's end ($2), or none (nothing counted yet).
 */
const countedOn = (isToday) =>
  isToday
    ? `SELECT c.commitment_id AS id, c.responsible_organisation_id, c.category, c.start_on, c.due_on, c.cancelled_at, c.progress, c.fulfilled, c.has_reports
         FROM commitment_figures c WHERE c.signed_on <= $1::date`
    : `SELECT c.id, c.responsible_organisation_id, c.category, c.start_on, c.due_on, c.cancelled_at, coalesce(l.progress, 0) AS progress,
              coalesce(l.fulfilled, false) AS fulfilled, l.commitment_id IS NOT NULL AS has_reports
         FROM commitment c JOIN agreement a ON a.id = c.agreement_id
         LEFT JOIN (SELECT DISTINCT ON (commitment_id) commitment_id, progress, fulfilled FROM commitment_figures_log
                     WHERE known_from < $2::timestamptz ORDER BY commitment_id DESC, known_from DESC) l ON l.commitment_id = c.id
        WHERE a.status <> 'DRAFT' AND a.signed_on <= $1::date AND c.id IN (SELECT commitment_id FROM commitment_target)`;

/** The benchmark's dashboard on day `d`: summaries by organisation and by category, overdue commitments, missing reports. */
async function dashboardOn(d) {
  const params = [d, endOfDay(d)];
  const counted = `FROM (${countedOn(d === today())}) c`;
  const status = judged(STATUS.replaceAll('f.', 'c.'), '$1', '$2');
  const counts = `count(*) OVER ()::int AS groups, count(*)::int AS commitments, count(*) FILTER (WHERE st = 'ON_TRACK')::int AS on_track,
                  count(*) FILTER (WHERE st = 'AT_RISK')::int AS at_risk, count(*) FILTER (WHERE st = 'OVERDUE')::int AS overdue,
                  count(*) FILTER (WHERE st = 'FULFILLED')::int AS fulfilled`;
  const [byOrganisation, byCategory, overdue, missing] = await Promise.all([
    pool.query(
      `SELECT o.id::text AS key, o.name AS label, ${counts}
         FROM (SELECT c.responsible_organisation_id AS org, ${status} AS st ${counted}) s JOIN organisation o ON o.id = s.org
        GROUP BY 1, 2 ORDER BY o.name COLLATE "C", o.id::text COLLATE "C" LIMIT 50`,
      params,
    ),
    pool.query(
      `SELECT cat AS key, cat AS label, ${counts} FROM (SELECT c.category::text AS cat, ${status} AS st ${counted}) s
        GROUP BY 1, 2 ORDER BY cat COLLATE "C" LIMIT 20`,
      params,
    ),
    pool.query(
      `SELECT o.id, cm.title, o.due_on FROM (SELECT c.id, c.due_on ${counted} WHERE c.due_on < $1::date
          AND (c.cancelled_at IS NULL OR c.cancelled_at >= $2::timestamptz) AND ${status} = 'OVERDUE' ORDER BY c.due_on, c.id LIMIT 50) o
          JOIN commitment cm ON cm.id = o.id ORDER BY o.due_on, o.id`,
      params,
    ),
    pool.query(
      `SELECT p.id, p.due_on FROM reporting_period p JOIN commitment c ON c.id = p.commitment_id JOIN agreement a ON a.id = c.agreement_id
        WHERE a.status <> 'DRAFT' AND a.signed_on <= $1::date AND (a.status = 'ACTIVE' OR a.terminated_at >= $2::timestamptz)
          AND (c.cancelled_at IS NULL OR c.cancelled_at >= $2::timestamptz) AND p.due_on < $1
          AND NOT EXISTS (SELECT 1 FROM progress_report r WHERE r.period_id = p.id AND r.status IN ('SUBMITTED', 'ACCEPTED') AND r.submitted_at < $2::timestamptz)
        ORDER BY p.due_on, p.id LIMIT 50`,
      params,
    ),
  ]);
  const group = (r) => ({ key: r.key, label: r.label, commitments: r.commitments, onTrack: r.on_track, atRisk: r.at_risk, overdue: r.overdue, fulfilled: r.fulfilled });
  // A page of groups: how many groups there are (counted before LIMIT), the first ones by label, then key, by code point (the service's order).
  const groups = (rows) => ({ totalCount: rows[0]?.groups ?? 0, edges: rows.map((r) => ({ node: group(r) })) });
  const daysBetween = (from, to) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return {
    byOrganisation: groups(byOrganisation.rows),
    byCategory: groups(byCategory.rows),
    overdueCommitments: { edges: overdue.rows.map((c) => ({ node: { id: c.id, title: c.title, dueOn: day(c.due_on) } })) },
    missingReports: { edges: missing.rows.map((p) => ({ node: { periodId: p.id, dueOn: day(p.due_on), daysOverdue: daysBetween(day(p.due_on), d) } })) },
  };
}

const operations = {
  async organisationById(q) {
    const { rows } = await pool.query('SELECT id, name, kind, place_code FROM organisation WHERE id = $1', [q.get('id')]);
    const o = rows[0];
    return { organisation: { id: o.id, name: o.name, kind: o.kind, placeCode: o.place_code } };
  },

  async agreementsPage() {
    const { rows } = await pool.query('SELECT id, reference, title FROM agreement ORDER BY reference, id LIMIT 50');
    const ids = rows.map((r) => r.id);
    const [parties, commitments] = await Promise.all([
      pool.query(
        `SELECT p.agreement_id, p.role, o.id, o.name FROM agreement_party p JOIN organisation o ON o.id = p.organisation_id
          WHERE p.agreement_id = ANY($1) ORDER BY p.position`,
        [ids],
      ),
      pool.query('SELECT agreement_id, id, title FROM commitment WHERE agreement_id = ANY($1) ORDER BY key_point_number NULLS LAST, created_at', [ids]),
    ]);
    const group = (list, map) => {
      const by = new Map(ids.map((id) => [id, []]));
      for (const r of list) by.get(r.agreement_id).push(map(r));
      return by;
    };
    const p = group(parties.rows, (r) => ({ role: r.role, organisation: { id: r.id, name: r.name } }));
    const c = group(commitments.rows, (r) => ({ id: r.id, title: r.title }));
    return { agreements: { edges: rows.map((a) => ({ node: { id: a.id, reference: a.reference, title: a.title, parties: p.get(a.id), commitments: c.get(a.id) } })) } };
  },

  async commitmentReports(q) {
    const id = q.get('id');
    const [count, page] = await Promise.all([
      pool.query('SELECT count(*)::int AS n FROM progress_report WHERE commitment_id = $1', [id]),
      pool.query('SELECT id, status, activity_from, activity_until FROM progress_report WHERE commitment_id = $1 ORDER BY activity_until DESC, id DESC LIMIT 20', [id]),
    ]);
    return {
      reports: {
        totalCount: count.rows[0].n,
        edges: page.rows.map((r) => ({ node: { id: r.id, status: r.status, activityFrom: day(r.activity_from), activityUntil: day(r.activity_until) } })),
      },
    };
  },

  async commitmentFulfilment(q) {
    const d = today();
    const { rows } = await pool.query(
      judged(
        `SELECT ${STATUS} AS status, f.progress, ${ELAPSED} AS elapsed, t.id AS target_id, tf.achieved, t.target_value
           FROM commitment c JOIN commitment_figures f ON f.commitment_id = c.id
           JOIN commitment_target t ON t.commitment_id = c.id JOIN target_figures tf ON tf.target_id = t.id
          WHERE c.id = $1 ORDER BY t.position`,
        '$2',
        '$3',
      ),
      [q.get('id'), d, endOfDay(d)],
    );
    return {
      commitmentFulfilment: {
        status: rows[0].status,
        progressPercent: num(rows[0].progress),
        targets: rows.map((r) => ({ targetId: r.target_id, achieved: num(r.achieved), percent: num((Number(r.achieved) / Number(r.target_value)) * 100) })),
      },
    };
  },

  dashboard: () => dashboardOn(today()),
  dashboardAsOf: (q) => dashboardOn(q.get('asOf')),
  submitReport,

  async auditTrailPage() {
    const { rows } = await pool.query('SELECT seq, action, entity_type, entity_id FROM history_entry ORDER BY seq DESC LIMIT 50');
    return { auditTrail: { edges: rows.map((h) => ({ node: { seq: Number(h.seq), action: h.action, entityType: h.entity_type, entityId: h.entity_id } })) } };
  },
};

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://floor');
  const operation = operations[url.pathname.slice(1)];
  try {
    if (!operation) return res.writeHead(404).end();
    const claims = await signedIn(req.headers.authorization);
    if (!claims) return res.writeHead(401).end();
    const data = operation === submitReport ? await submitReport(claims, await readBody(req)) : await operation(url.searchParams);
    const body = JSON.stringify({ data });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  } catch (err) {
    res.writeHead(500).end(String(err.message));
  }
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
