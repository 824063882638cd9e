import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../bootstrap.js';
import { loadConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../database/embedded.js';
import { PasswordService } from '../modules/users/password.service.js';

/**
 * `npm run bench`: fills a fresh database with a realistic volume in bulk SQL, then times the queries a
 * coordinator's dashboard makes, over HTTP, and prints p50/p95/max. Uses BENCH_DATABASE_URL (a server on
 * which it may create and drop the database `mitra_bench`) or an embedded PostgreSQL in a temp folder.
 */
const SIZE = { organisations: 300, agreements: 2_000, commitmentsPerAgreement: 5, reports: 100_000 };
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PASSWORD = 'bench password that is long enough';

const QUERIES: [string, string][] = [
  ['fulfilmentSummary by ORGANISATION', '{ fulfilmentSummary(groupBy: ORGANISATION) { key commitments onTrack atRisk overdue fulfilled peopleReached { total } } }'],
  ['fulfilmentSummary by PLACE', '{ fulfilmentSummary(groupBy: PLACE) { key label commitments overdue peopleReached { total } } }'],
  ['fulfilmentSummary by MONTH, one province', '{ fulfilmentSummary(groupBy: MONTH, filter: { placeCode: "33" }) { key commitments atRisk } }'],
  ['overdueCommitments first 50', '{ overdueCommitments(first: 50, asOf: "2027-02-01") { totalCount edges { node { title dueOn } } } }'],
  ['missingReports first 50', '{ missingReports(first: 50) { totalCount edges { node { dueOn daysOverdue commitment { title responsibleOrganisation { name } } } } } }'],
  ['reportsAwaitingReview first 50', '{ reportsAwaitingReview(first: 50) { totalCount edges { node { id activityUntil organisation { name } } } } }'],
  ['reports page of 50', '{ reports(first: 50) { totalCount edges { node { id status values { value } people { total } } } } }'],
  ['agreements page of 50 with parties, commitments', '{ agreements(first: 50) { totalCount edges { node { reference status parties { organisation { name } } commitments { title } } } } }'],
  ['commitments page of 50 with fulfilment', '{ commitments(first: 50) { edges { node { title status fulfilment { progressPercent targets { achieved percent } } } } } }'],
  ['commitmentFulfilment of one', 'query ($id: ID!) { commitmentFulfilment(commitmentId: $id) { status targets { achieved } } }'],
];

async function fill(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const n = SIZE;
  const steps: [string, string][] = [
    ['organisations', `INSERT INTO organisation (kind, name, place_code, version)
       SELECT (ARRAY['COMPANY','NGO','UNION_FEDERATION','GOVERNMENT_AGENCY'])[1 + i % 4]::organisation_kind, 'Bench organisation ' || i,
              (SELECT code FROM place WHERE level = 'REGENCY' ORDER BY code OFFSET (i * 37) % 514 LIMIT 1), 1
         FROM generate_series(1, ${n.organisations}) i`],
    ['numbered organisations', `CREATE TEMP TABLE bo AS SELECT id, place_code, row_number() OVER (ORDER BY name) - 1 AS rn FROM organisation`],
    ['agreements', `INSERT INTO agreement (kind, reference, title, thematic_areas, status, signed_on, effective_from, effective_until, coverage_place_codes)
       SELECT 'MOU', 'BENCH/' || i, 'Bench agreement ' || i, ARRAY['CHILD_PROTECTION']::thematic_area[], 'ACTIVE', '2023-01-01', '2023-01-01', '2028-12-31',
              ARRAY[(SELECT split_part(place_code, '.', 1) FROM bo WHERE rn = i % ${n.organisations})]
         FROM generate_series(1, ${n.agreements}) i`],
    ['numbered agreements', `CREATE TEMP TABLE ba AS SELECT id, coverage_place_codes[1] AS province, row_number() OVER (ORDER BY reference) - 1 AS rn FROM agreement`],
    ['parties', `INSERT INTO agreement_party (agreement_id, organisation_id, role, position)
       SELECT ba.id, bo.id, 'SIGNATORY', p FROM ba CROSS JOIN generate_series(0, 1) p
         JOIN bo ON bo.rn = (ba.rn * (1 + 6 * p) + p) % ${n.organisations}`],
    ['commitments', `INSERT INTO commitment (agreement_id, responsible_organisation_id, category, title, start_on, due_on, place_codes, reporting_schedule)
       SELECT ba.id, (SELECT organisation_id FROM agreement_party WHERE agreement_id = ba.id AND position = 0),
              (ARRAY['TRAINING','AWARENESS_CAMPAIGN','COUNSELLING_SERVICE','CHILD_FRIENDLY_FACILITY','CAPACITY_BUILDING'])[1 + k]::commitment_category,
              'Bench commitment ' || ba.rn || '.' || k, '2024-01-01', (ARRAY['2025-06-30','2026-12-31','2027-12-31'])[1 + (ba.rn + k) % 3]::date,
              ARRAY[ba.province], 'QUARTERLY'
         FROM ba CROSS JOIN generate_series(0, ${n.commitmentsPerAgreement - 1}) k`],
    ['targets', `INSERT INTO commitment_target (commitment_id, position, indicator, unit, target_value, aggregation)
       SELECT c.id, t, CASE t WHEN 1 THEN 'People reached' ELSE 'Facilities in place' END, CASE t WHEN 1 THEN 'people' ELSE 'facilities' END,
              CASE t WHEN 1 THEN 400 ELSE 10 END, (CASE t WHEN 1 THEN 'SUM' ELSE 'LATEST' END)::target_aggregation
         FROM commitment c CROSS JOIN generate_series(1, 2) t`],
    ['reporting periods', `INSERT INTO reporting_period (commitment_id, number, starts_on, ends_on, due_on)
       SELECT c.id, q + 1, ('2024-01-01'::date + make_interval(months => 3 * q))::date,
              ('2024-01-01'::date + make_interval(months => 3 * q + 3) - interval '1 day')::date,
              ('2024-01-01'::date + make_interval(months => 3 * q + 3) + interval '13 days')::date
         FROM commitment c CROSS JOIN generate_series(0, 11) q
        WHERE '2024-01-01'::date + make_interval(months => 3 * q) <= c.due_on`],
    ['numbered commitments', `CREATE TEMP TABLE bc AS SELECT id, responsible_organisation_id AS org, row_number() OVER (ORDER BY title) - 1 AS rn FROM commitment`],
    ['reports', `INSERT INTO progress_report (commitment_id, period_id, organisation_id, status, activity_from, activity_until, place_codes,
                                            girls, boys, women, men, created_by_id, submitted_by_id, submitted_at, accepted_at, reviewed_by_id, reviewed_at)
       SELECT bc.id, p.id, bc.org, s.status::report_status, p.starts_on + 5, p.starts_on + 6, '{}',
              j % 13, j % 11, j % 17, j % 7, u.id,
              CASE WHEN s.status <> 'DRAFT' THEN u.id END, CASE WHEN s.status <> 'DRAFT' THEN now() - (j % 1000) * interval '1 minute' END,
              CASE WHEN s.status = 'ACCEPTED' THEN now() END, CASE WHEN s.status = 'ACCEPTED' THEN u.id END, CASE WHEN s.status = 'ACCEPTED' THEN now() END
         FROM generate_series(1, ${n.reports}) j
         JOIN bc ON bc.rn = j % (SELECT count(*) FROM bc)
         JOIN reporting_period p ON p.commitment_id = bc.id AND p.number = 1 + (j / (SELECT count(*) FROM bc)) % 8
         CROSS JOIN LATERAL (SELECT CASE WHEN j % 10 < 8 THEN 'ACCEPTED' WHEN j % 10 = 8 THEN 'SUBMITTED' ELSE 'DRAFT' END AS status) s
         CROSS JOIN (SELECT id FROM user_account LIMIT 1) u`],
    ['report values', `INSERT INTO report_value (report_id, target_id, value)
       SELECT r.id, t.id, CASE t.position WHEN 1 THEN 5 + (abs(hashtext(r.id::text)) % 40) ELSE abs(hashtext(r.id::text)) % 10 END
         FROM progress_report r JOIN commitment_target t ON t.commitment_id = r.commitment_id`],
    ['statistics', 'ANALYZE'],
  ];
  for (const [what, sql] of steps) {
    const started = performance.now();
    const res = await client.query(sql);
    console.log(`  ${what.padEnd(22)} ${String(res.rowCount ?? '').padStart(8)} rows  ${Math.round(performance.now() - started)} ms`);
  }
  await client.end();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  let embedded: RunningPostgres | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    dir = await mkdtemp(join(tmpdir(), 'mitra-bench-'));
    // When run as root, PostgreSQL runs as 'postgres', which must be able to enter the folder.
    await chmod(dir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: 54400 + Math.floor(Math.random() * 500), database: 'postgres' });
    adminUrl = embedded.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS mitra_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE mitra_bench');
  const url = new URL(adminUrl);
  url.pathname = '/mitra_bench';
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-of-at-least-32-characters!!', LOGIN_RATE_LIMIT: '1000' });
  config.database.url = url.toString();
  const app = await createApp(config, { logs: false });
  try {
    await app.listen(0, '127.0.0.1');
    const db = app.get(DataSource);
    const hash = await app.get(PasswordService).hash(PASSWORD);
    await db.query(`INSERT INTO user_account (email, display_name, role, password_hash, version) VALUES ('bench@example.org', 'Bench', 'COORDINATOR', $1, 1)`, [hash]);
    console.log(`Filling mitra_bench (${SIZE.organisations} organisations, ${SIZE.agreements} agreements, ${SIZE.agreements * SIZE.commitmentsPerAgreement} commitments, up to ${SIZE.reports} reports):`);
    await fill(url.toString());
    const endpoint = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    const post = async (query: string, variables: object = {}, token?: string) => {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: { login?: { accessToken: string } }; errors?: unknown[] };
      if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
      return body.data!;
    };
    const { login } = (await post('mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email: 'bench@example.org', password: PASSWORD } })) as { login: { accessToken: string } };
    const [{ id: oneCommitment }] = (await db.query('SELECT id FROM commitment LIMIT 1')) as { id: string }[];
    console.log(`\nTimings over HTTP, ${RUNS} runs each after one warm-up (ms):`);
    console.log(`  ${'query'.padEnd(48)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`);
    for (const [name, query] of QUERIES) {
      const variables = query.includes('$id') ? { id: oneCommitment } : {};
      await post(query, variables, login.accessToken);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await post(query, variables, login.accessToken);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const fmt = (v: number) => v.toFixed(1).padStart(7);
      console.log(`  ${name.padEnd(48)} ${fmt(percentile(times, 50))} ${fmt(percentile(times, 95))} ${fmt(times.at(-1)!)}`);
    }
  } finally {
    await app.close();
    // BENCH_KEEP=1 keeps the filled database, to study a query plan (with BENCH_DATABASE_URL).
    if (!process.env.BENCH_KEEP) await admin.query('DROP DATABASE IF EXISTS mitra_bench WITH (FORCE)').catch(() => undefined);
    await admin.end();
    await embedded?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
