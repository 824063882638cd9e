// The floor of `npm run bench`: node:http and pg alone, with hand-written SQL, answering the benchmark's read
// operations with the same JSON the service gives (the runner checks they are equal before it times anything).
// It verifies the bearer token (HS256) as the service does, and nothing else: no framework, no ORM, no GraphQL.
// GET /<operation>?id=…  with  Authorization: Bearer <access token from the service>
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
pool.on('error', () => undefined);
const secret = process.env.JWT_SECRET;
const AT_RISK_MARGIN = 25;

/** Today in WIB (UTC+7), as the service's `today()`. */
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

function authorised(header) {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  const [head, body, signature] = token?.split('.') ?? [];
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return JSON.parse(Buffer.from(body, 'base64url').toString()).exp * 1000 > Date.now();
}

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

  async dashboard() {
    const d = today();
    const params = [d, endOfDay(d)];
    // Today's kept row per commitment carries its terms and its agreement's signing day (NULL while a draft).
    const scope = `FROM commitment_figures c WHERE c.signed_on <= $1::date`;
    const status = STATUS.replaceAll('f.', 'c.');
    const counts = `count(*)::int AS commitments, count(*) FILTER (WHERE st = 'ON_TRACK')::int AS on_track,
                    count(*) FILTER (WHERE st = 'AT_RISK')::int AS at_risk, count(*) FILTER (WHERE st = 'OVERDUE')::int AS overdue,
                    count(*) FILTER (WHERE st = 'FULFILLED')::int AS fulfilled`;
    const [byOrganisation, byCategory, overdue, missing] = await Promise.all([
      pool.query(
        judged(`SELECT o.id::text AS key, o.name AS label, ${counts}
                  FROM (SELECT c.responsible_organisation_id AS org, ${status} AS st ${scope}) s JOIN organisation o ON o.id = s.org
                 GROUP BY 1, 2 ORDER BY 2, 1`, '$1', '$2'),
        params,
      ),
      pool.query(
        judged(`SELECT cat AS key, cat AS label, ${counts} FROM (SELECT c.category::text AS cat, ${status} AS st ${scope}) s GROUP BY 1, 2 ORDER BY 2, 1`, '$1', '$2'),
        params,
      ),
      pool.query(
        judged(`SELECT o.id, cm.title, o.due_on FROM (SELECT c.commitment_id AS id, c.due_on ${scope} AND c.due_on < $1::date
                   AND (c.cancelled_at IS NULL OR c.cancelled_at >= $2::timestamptz) AND ${status} = 'OVERDUE' ORDER BY c.due_on, c.commitment_id LIMIT 50) o
                   JOIN commitment cm ON cm.id = o.id ORDER BY o.due_on, o.id`, '$1', '$2'),
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
    const daysBetween = (from, to) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    return {
      byOrganisation: byOrganisation.rows.map(group),
      byCategory: byCategory.rows.map(group),
      overdueCommitments: { edges: overdue.rows.map((c) => ({ node: { id: c.id, title: c.title, dueOn: day(c.due_on) } })) },
      missingReports: { edges: missing.rows.map((p) => ({ node: { periodId: p.id, dueOn: day(p.due_on), daysOverdue: daysBetween(day(p.due_on), d) } })) },
    };
  },

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
    if (!authorised(req.headers.authorization)) return res.writeHead(401).end();
    const body = JSON.stringify({ data: await operation(url.searchParams) });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  } catch (err) {
    res.writeHead(500).end(String(err.message));
  }
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
