import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { entryHash, GENESIS_HASH } from '../common/history/history-hash.js';
import { today } from '../common/time/calendar.js';
import { progressOf, rebuildFiguresStatement } from '../modules/fulfilment/fulfilment.service.js';

export type Scale = 'S' | 'M' | 'L';

/** The volumes of each scale; L is the national programme of the issue: 10^6 reports, 800,000 of them accepted. */
export interface Volume {
  organisations: number;
  agreements: number;
  commitments: number;
  reports: number;
}

export const SCALES: Record<Scale, Volume> = {
  S: { organisations: 5, agreements: 20, commitments: 100, reports: 1_000 },
  M: { organisations: 500, agreements: 2_000, commitments: 10_000, reports: 100_000 },
  L: { organisations: 5_000, agreements: 20_000, commitments: 100_000, reports: 1_000_000 },
};

/** Quarterly periods per commitment: 11, as in the 1.1 M periods for 100,000 commitments. */
const QUARTERS = 11;
/** Reports fall in the first eight quarters, all ended (from 2024 to September 2026): activities that happened. */
const PAST_QUARTERS = 8;
export const BENCH_PASSWORD = 'bench password that is long enough 7f3k';
export const BENCH_COORDINATOR = 'bench.coordinator@example.org';
export const benchPartnerEmail = (rn: number) => `bench.partner.${rn}@example.org`;

/**
 * Fills an empty, migrated database with a deterministic, realistic volume, set-based (one statement per table):
 * organisations on real regencies, agreements between two of them, five commitments each with two targets and
 * eleven quarterly periods, reports spread over the periods (80 % accepted, 10 % submitted, 10 % drafts), a
 * coordinator, a partner account per organisation, today's kept figures and their logs, and a valid history chain: an entry per
 * organisation and agreement, hashed as the service hashes, and one entry recording the bulk load of the rest.
 */
export async function seedBench(url: string, scale: Scale, passwordHash: string, log: (line: string) => void, n = SCALES[scale]): Promise<void> {
  // Two sessions: the large tables are loaded in two halves at once, one per core.
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  const [client] = clients as [pg.Client, pg.Client];
  for (const c of clients) {
    c.on('error', () => undefined);
    await c.connect();
    await c.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'; SET session_replication_role = replica`);
  }
  const started = performance.now();
  const timed = async (what: string, run: () => Promise<(number | null)[]>) => {
    const t0 = performance.now();
    const counts = await run();
    const rows = counts.some((c) => c !== null) ? counts.reduce<number>((a, c) => a + (c ?? 0), 0) : '';
    log(`  ${what.padEnd(24)} ${String(rows).padStart(9)} rows ${String(Math.round(performance.now() - t0)).padStart(7)} ms`);
  };
  const step = (what: string, sql: string, params: unknown[] = []) => timed(what, async () => [(await client.query(sql, params)).rowCount]);
  /** One statement per half (half is 0 or 1), each on its own session, at once. */
  const halves = (what: string, sql: (half: 0 | 1) => string, params: unknown[] = []) =>
    timed(what, () => Promise.all(([0, 1] as const).map(async (h) => (await clients[h]!.query(sql(h), params)).rowCount)));
  try {
    await step('organisations', `
      INSERT INTO organisation (kind, name, place_code, version)
      SELECT (ARRAY['COMPANY','NGO','UNION_FEDERATION','GOVERNMENT_AGENCY','COMMUNITY_GROUP'])[1 + i % 5]::organisation_kind,
             'Mitra Bench ' || lpad(i::text, 5, '0'), r.code, 1
        FROM generate_series(0, $1 - 1) i
        JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS rn, count(*) OVER () AS total FROM place WHERE level = 'REGENCY') r
          ON r.rn = (i * 37) % r.total`, [n.organisations]);
    // Numberings are plain tables (not temporary) so that both sessions see them; they are dropped at the end.
    await step('numbering', `
      CREATE UNLOGGED TABLE bo AS SELECT id, place_code, (row_number() OVER (ORDER BY name) - 1)::int AS rn FROM organisation WHERE name LIKE 'Mitra Bench %';
      CREATE UNIQUE INDEX ON bo (rn)`);
    await step('users', `
      INSERT INTO user_account (email, display_name, role, organisation_id, password_hash, version)
      SELECT $2, 'Bench Koordinator', 'COORDINATOR'::user_role, NULL::uuid, $1, 1
      UNION ALL
      SELECT 'bench.partner.' || rn || '@example.org', 'Pelapor ' || rn, 'PARTNER'::user_role, id, $1, 1 FROM bo`, [passwordHash, BENCH_COORDINATOR]);
    await step('agreements', `
      INSERT INTO agreement (kind, reference, title, thematic_areas, status, signed_on, effective_from, effective_until, coverage_place_codes, version)
      SELECT (ARRAY['MOU','COOPERATION_AGREEMENT','PROGRAMME_AGREEMENT'])[1 + i % 3]::agreement_kind,
             'BENCH/' || lpad(i::text, 6, '0'), 'Perjanjian perlindungan anak ' || i,
             ARRAY[(ARRAY['CHILD_PROTECTION','CHILD_LABOUR','CHILD_FRIENDLY_CITY'])[1 + i % 3]]::thematic_area[],
             'ACTIVE', '2023-12-01', '2024-01-01', '2029-12-31', ARRAY[split_part(bo.place_code, '.', 1)], 1
        FROM generate_series(0, $1 - 1) i JOIN bo ON bo.rn = i % $2`, [n.agreements, n.organisations]);
    await step('numbering', `
      CREATE UNLOGGED TABLE ba AS SELECT id, coverage_place_codes[1] AS province, (row_number() OVER (ORDER BY reference) - 1)::int AS rn
        FROM agreement WHERE reference LIKE 'BENCH/%';
      CREATE UNIQUE INDEX ON ba (rn)`);
    await step('parties', `
      INSERT INTO agreement_party (agreement_id, organisation_id, role, position)
      SELECT ba.id, bo.id, 'SIGNATORY', p FROM ba CROSS JOIN generate_series(0, 1) p
        JOIN bo ON bo.rn = (ba.rn + p * 7 + p) % $1`, [n.organisations]);
    const perAgreement = n.commitments / n.agreements;
    await step('commitments', `
      INSERT INTO commitment (agreement_id, responsible_organisation_id, category, title, start_on, due_on, place_codes, reporting_schedule, has_reports, version)
      SELECT ba.id, bo.id,
             (ARRAY['TRAINING','AWARENESS_CAMPAIGN','COUNSELLING_SERVICE','CHILD_FRIENDLY_FACILITY','CAPACITY_BUILDING'])[1 + k]::commitment_category,
             'Komitmen ' || ba.rn || '.' || k, s.start_on, (s.start_on + make_interval(months => 3 * ${QUARTERS}) - interval '1 day')::date,
             ARRAY[ba.province], 'QUARTERLY', true, 1
        FROM ba CROSS JOIN generate_series(0, $1 - 1) k
        JOIN bo ON bo.rn = (ba.rn + (k % 2) * 8) % $2
        CROSS JOIN LATERAL (SELECT ('2024-01-01'::date + make_interval(months => 3 * ((ba.rn + k) % 4)))::date AS start_on) s`,
      [perAgreement, n.organisations]);
    await step('numbering', `
      CREATE UNLOGGED TABLE bc AS SELECT id, responsible_organisation_id AS org, start_on, (row_number() OVER (ORDER BY title) - 1)::int AS rn
        FROM commitment WHERE title LIKE 'Komitmen %';
      CREATE UNIQUE INDEX ON bc (rn)`);
    await step('targets', `
      INSERT INTO commitment_target (commitment_id, position, indicator, unit, target_value, aggregation)
      SELECT bc.id, t, CASE t WHEN 1 THEN 'Orang terjangkau' ELSE 'Fasilitas tersedia' END, CASE t WHEN 1 THEN 'orang' ELSE 'fasilitas' END,
             CASE t WHEN 1 THEN 200 + (bc.rn % 7) * 100 ELSE 5 + bc.rn % 5 END, (CASE t WHEN 1 THEN 'SUM' ELSE 'LATEST' END)::target_aggregation
        FROM bc CROSS JOIN generate_series(1, 2) t`);
    // Secondary indexes are built once after their table's load, not row by row during it.
    const dropIndexes = async (table: string) => {
      const found = (
        await client.query(`SELECT indexname, indexdef FROM pg_indexes
                             WHERE schemaname = 'public' AND tablename = $1 AND indexname NOT IN (SELECT conname FROM pg_constraint)`, [table])
      ).rows as { indexname: string; indexdef: string }[];
      for (const i of found) await client.query(`DROP INDEX "${i.indexname}"`);
      return found.map((i) => i.indexdef);
    };
    const buildIndexes = (what: string, definitions: string[]) =>
      timed(what, async () => {
        await client.query('SET max_parallel_maintenance_workers = 2');
        for (const definition of definitions) await client.query(definition);
        return [null];
      });
    const periodIndexes = await dropIndexes('reporting_period');
    const reportIndexes = [...(await dropIndexes('progress_report')), ...(await dropIndexes('report_value'))];
    await halves('reporting periods', (h) => `
      INSERT INTO reporting_period (commitment_id, number, starts_on, ends_on, due_on)
      SELECT bc.id, q + 1, (bc.start_on + make_interval(months => 3 * q))::date,
             (bc.start_on + make_interval(months => 3 * q + 3) - interval '1 day')::date,
             (bc.start_on + make_interval(months => 3 * q + 3) + interval '13 days')::date
        FROM bc CROSS JOIN generate_series(0, ${QUARTERS - 1}) q
       WHERE bc.rn % 2 = ${h}`);
    await buildIndexes('period indexes', periodIndexes);
    // Each report's values come from the rows it returns: the reports are not read back.
    await halves('reports and values', (h) => `
      WITH made AS (
        INSERT INTO progress_report (commitment_id, period_id, organisation_id, status, activity_from, activity_until, place_codes,
                                     girls, boys, women, men, people_total, narrative, created_by_id, submitted_by_id, submitted_at,
                                     reviewed_by_id, reviewed_at, accepted_at, version)
        SELECT bc.id, p.id, bc.org, st.status::report_status, p.starts_on + 5, p.starts_on + 6, '{}',
               j % 13, j % 11, j % 17, j % 7, NULL, 'Kegiatan ' || j, u.id,
               CASE WHEN st.status <> 'DRAFT' THEN u.id END,
               CASE WHEN st.status <> 'DRAFT' THEN p.ends_on + time '10:00' END,
               CASE WHEN st.status = 'ACCEPTED' THEN k.id END,
               CASE WHEN st.status = 'ACCEPTED' THEN p.ends_on + 3 + time '09:00' END,
               CASE WHEN st.status = 'ACCEPTED' THEN p.ends_on + 3 + time '09:00' END,
               CASE WHEN st.status = 'DRAFT' THEN 1 WHEN st.status = 'SUBMITTED' THEN 2 ELSE 3 END
          FROM generate_series(${h} * ($1::int / 2), CASE ${h} WHEN 0 THEN $1::int / 2 ELSE $1::int END - 1) j
          JOIN bc ON bc.rn = j % $2
          JOIN reporting_period p ON p.commitment_id = bc.id AND p.number = 1 + (j / $2) % ${PAST_QUARTERS}
          JOIN user_account u ON u.organisation_id = bc.org AND u.role = 'PARTNER'
          CROSS JOIN (SELECT id FROM user_account WHERE email = $3) k
          CROSS JOIN LATERAL (SELECT CASE WHEN j % 10 < 8 THEN 'ACCEPTED' WHEN j % 10 = 8 THEN 'SUBMITTED' ELSE 'DRAFT' END AS status) st
        RETURNING id, commitment_id, girls, boys, women, men
      )
      INSERT INTO report_value (report_id, target_id, value)
      SELECT r.id, t.id, CASE t.position WHEN 1 THEN 5 + (r.girls + r.boys + r.women + r.men) ELSE r.girls % 4 END
        FROM made r JOIN commitment_target t ON t.commitment_id = r.commitment_id`,
      [n.reports, n.commitments, BENCH_COORDINATOR]);
    await buildIndexes('report indexes', reportIndexes);
    // The planner needs the statistics of the loaded tables before it joins them (without, it chose nested loops: minutes).
    await step('statistics', 'ANALYZE');
    const half = (h: 0 | 1) => `c.id ${h === 0 ? '<' : '>='} '80000000-0000-0000-0000-000000000000'::uuid`;
    await halves("today's kept figures", (h) => rebuildFiguresStatement(today(), half(h))[0], [today()]);
    // The logs of kept figures, a row per acceptance moment: running sums, and for LATEST the value of the moment's
    // latest report. That is the service's rule here because these reports are never corrected and are accepted in
    // the order of their activity (period by period); the migration's general fill re-adds every moment (minutes at L).
    const inHalf = (h: 0 | 1) => half(h).replace('c.id', 'r.commitment_id');
    await halves('logged figures', (h) => `
      WITH achieved AS (
        SELECT DISTINCT ON (v.target_id, r.accepted_at) v.target_id, t.commitment_id, t.target_value, r.accepted_at AS at,
               CASE WHEN t.aggregation = 'SUM' THEN sum(v.value) OVER (PARTITION BY v.target_id ORDER BY r.accepted_at) ELSE v.value END AS achieved
          FROM report_value v JOIN progress_report r ON r.id = v.report_id JOIN commitment_target t ON t.id = v.target_id
         WHERE r.accepted_at IS NOT NULL AND ${inHalf(h)}
         ORDER BY v.target_id, r.accepted_at, r.activity_until DESC, r.id DESC
      ),
      logged AS (
        INSERT INTO target_figures_log (target_id, known_from, achieved) SELECT target_id, at, achieved FROM achieved
      ),
      progress AS (
        SELECT a.commitment_id, a.at, ${progressOf('a')} FROM achieved a GROUP BY a.commitment_id, a.at
      )
      INSERT INTO commitment_figures_log (commitment_id, known_from, progress, fulfilled, girls, boys, women, men, with_disability)
      SELECT r.commitment_id, r.at, p.progress, p.fulfilled, sum(sum(r.girls)) OVER w, sum(sum(r.boys)) OVER w, sum(sum(r.women)) OVER w,
             sum(sum(r.men)) OVER w, sum(sum(r.with_disability)) OVER w
        FROM (SELECT r.commitment_id, r.accepted_at AS at, r.girls, r.boys, r.women, r.men,
                     r.girls_with_disability + r.boys_with_disability + r.women_with_disability + r.men_with_disability AS with_disability
                FROM progress_report r WHERE r.accepted_at IS NOT NULL AND ${inHalf(h)}) r
        JOIN progress p ON p.commitment_id = r.commitment_id AND p.at = r.at
       GROUP BY r.commitment_id, r.at, p.progress, p.fulfilled
      WINDOW w AS (PARTITION BY r.commitment_id ORDER BY r.at)`);
    await history(client, n, log);
    await step('statistics', 'DROP TABLE bo, ba, bc; ANALYZE');
    log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/**
 * The history of what was made: an entry per organisation and per agreement (with its parties), hashed in order
 * onto the chain exactly as the service hashes, then one entry that records the bulk load of commitments and
 * reports, so `verifyAuditTrail` and `npm run audit:verify` pass.
 */
async function history(client: pg.Client, n: Volume, log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  const [{ seq: last, hash: head }] = (await client.query(`SELECT coalesce(max(seq), 0)::int AS seq, coalesce((SELECT hash FROM history_entry ORDER BY seq DESC LIMIT 1), $1) AS hash FROM history_entry`, [GENESIS_HASH])).rows as { seq: number; hash: string }[];
  const organisations = (await client.query(`SELECT o.id, o.kind, o.name, o.place_code FROM organisation o JOIN bo ON bo.id = o.id ORDER BY bo.rn`)).rows;
  const agreements = (
    await client.query(`SELECT a.id, a.reference, a.title, a.kind, array_agg(p.organisation_id ORDER BY p.position) AS parties
                          FROM agreement a JOIN ba ON ba.id = a.id JOIN agreement_party p ON p.agreement_id = a.id GROUP BY a.id, ba.rn ORDER BY ba.rn`)
  ).rows;
  const occurredAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const base = { occurredAt, actorUserId: null, actorRole: 'SYSTEM', actorOrganisationId: null, actorName: 'npm run bench:seed', reason: null, requestId: null };
  const entries = [
    ...organisations.map((o) => ({ action: 'ORGANISATION_CREATED', entityType: 'Organisation', entityId: o.id, organisationIds: [o.id], state: { id: o.id, kind: o.kind, name: o.name, placeCode: o.place_code } })),
    ...agreements.map((a) => ({ action: 'AGREEMENT_CREATED', entityType: 'Agreement', entityId: a.id, organisationIds: a.parties as string[], state: { id: a.id, reference: a.reference, title: a.title, kind: a.kind, status: 'ACTIVE', parties: a.parties } })),
    { action: 'BULK_LOADED', entityType: 'Benchmark', entityId: 'bench-seed', organisationIds: [], state: { commitments: n.commitments, reports: n.reports } },
  ];
  let prevHash = head;
  let seq = last;
  const rows: unknown[][] = [];
  for (const e of entries) {
    seq += 1;
    const entry = { ...base, ...e, seq, changes: {} };
    const hash = entryHash(prevHash, entry);
    rows.push([seq, occurredAt, e.action, e.entityType, e.entityId, e.organisationIds, JSON.stringify(e.state), prevHash, hash]);
    prevHash = hash;
  }
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    const values = batch.map((_, r) => `(${Array.from({ length: 9 }, (_, c) => `$${r * 9 + c + 1}`).join(', ')})`).join(', ');
    await client.query(
      `INSERT INTO history_entry (seq, occurred_at, action, entity_type, entity_id, organisation_ids, state, prev_hash, hash,
                                  actor_user_id, actor_role, actor_organisation_id, actor_name, changes, reason, request_id)
       SELECT v.seq::bigint, v.at::timestamptz, v.action, v.type, v.eid, v.orgs::uuid[], v.state::jsonb, v.prev, v.hash,
              NULL, 'SYSTEM', NULL, 'npm run bench:seed', '{}'::jsonb, NULL, NULL
         FROM (VALUES ${values}) AS v(seq, at, action, type, eid, orgs, state, prev, hash)`,
      batch.flat(),
    );
  }
  log(`  ${'history (hash chain)'.padEnd(24)} ${String(rows.length).padStart(9)} rows ${String(Math.round(performance.now() - t0)).padStart(7)} ms`);
}
