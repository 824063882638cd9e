import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { BENCH_COORDINATOR, BENCH_PASSWORD, SCALES, type Scale } from './bench-data.js';
import { benchDatabase, reseed, scaleOf, stopLoaded } from './bench-seed.js';
import { parseArgs } from './cli-context.js';

/**
 * `npm run bench -- [--scale S|M|L] [--connections 10] [--duration 10] [--only op,op] [--soak SECONDS] [--profile DIR]`: starts the
 * service (production mode, its own process) on the scale's seeded database (seeding it first if needed) and the
 * floor (bench/floor.mjs: node:http and pg alone) on the same data, checks that both give the same JSON, then drives
 * each named operation with autocannon against both and writes docs/benchmarks.md.
 */
/** The day `dashboardAsOf` looks back to. */
const PAST_DAY = '2025-12-31';

const DOCUMENTS = {
  organisationById: 'query ($id: ID!) { organisation(id: $id) { id name kind placeCode } }',
  agreementsPage: '{ agreements(first: 50) { edges { node { id reference title parties { role organisation { id name } } commitments { id title } } } } }',
  commitmentReports: 'query ($id: ID!) { reports(filter: { commitmentId: $id }, first: 20) { totalCount edges { node { id status activityFrom activityUntil } } } }',
  commitmentFulfilment: 'query ($id: ID!) { commitmentFulfilment(commitmentId: $id) { status progressPercent targets { targetId achieved percent } } }',
  auditTrailPage: '{ auditTrail(first: 50) { edges { node { seq action entityType entityId } } } }',
  submitReport: 'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { id status } }',
  dashboard: dashboard(''),
  dashboardAsOf: dashboard(PAST_DAY),
} as const;
type Operation = keyof typeof DOCUMENTS;

function dashboard(asOf: string): string {
  const at = asOf ? `, asOf: "${asOf}"` : '';
  const group = `{ totalCount edges { node { key label commitments onTrack atRisk overdue fulfilled } } }`;
  return `{ byOrganisation: fulfilmentSummary(groupBy: ORGANISATION, first: 50${at}) ${group} byCategory: fulfilmentSummary(groupBy: CATEGORY${at}) ${group}
    overdueCommitments(first: 50${at}) { edges { node { id title dueOn } } } missingReports(first: 50${at}) { edges { node { periodId dueOn daysOverdue } } } }`;
}

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  /** What the errors were: connection errors, timeouts, other HTTP statuses, GraphQL codes. */
  errorKinds: string;
  requests: number;
  cpuMsPerRequest: number;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/** CPU time (user + system) a process has used, in ms, from /proc (Linux). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

function start(script: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}) before it was ready`);
    const ok = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the service did not become ready');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const scale = scaleOf(args.scale);
  const connections = Number(args.connections ?? 10);
  const duration = Number(args.duration ?? 10);
  const only = args.only ? (args.only.split(',') as Operation[]) : (Object.keys(DOCUMENTS) as Operation[]);
  const log = (line: string) => console.log(line);

  let db = await benchDatabase(scale);
  if (!db.seeded) {
    await db.pg.stop();
    // Seeded with a bulk load's settings; measured on the server's own.
    await stopLoaded(await reseed(scale, log));
    db = await benchDatabase(scale);
  }
  const secret = randomBytes(32).toString('hex');
  const [servicePort, floorPort] = [await freePort(), await freePort()];
  const service = fork('dist/main.js', [], {
    // --profile DIR: the service writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
    // As `npm start` runs it: the young generation at 64 MB (see docs/benchmarks.md, "Young generation").
    // With --soak, V8 reports each collection on stdout: the soak reads the live heap after each full one.
    execArgv: ['--max-semi-space-size=64', ...(args.soak ? ['--trace-gc'] : []), ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [])],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(servicePort),
      DATABASE_URL: db.url,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      JWT_SECRET: secret,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '1000',
      EXPIRY_SWEEP_MINUTES: '0',
      GRAPHQL_MAX_COST: '100000',
    },
    stdio: ['ignore', args.soak ? 'pipe' : 'ignore', 'inherit', 'ipc'],
  });
  const heap = liveHeapOf(service);
  const serviceUrl = `http://127.0.0.1:${servicePort}`;
  let floor: ChildProcess | undefined;
  try {
    await waitUntilReady(serviceUrl, service);
    floor = await start('bench/floor.mjs', { DATABASE_URL: db.url, PORT: String(floorPort), JWT_SECRET: secret });
    const floorUrl = `http://127.0.0.1:${floorPort}`;

    const post = async (query: string, variables: object, token?: string) => {
      const res = await fetch(`${serviceUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: { login?: { accessToken: string } }; errors?: unknown[] };
    };
    const login = async (email: string) => {
      const res = await post('mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email, password: BENCH_PASSWORD } });
      if (res.errors) throw new Error(`sign-in failed: ${JSON.stringify(res.errors)}`);
      return res.data!.login!.accessToken;
    };
    const token = await login(BENCH_COORDINATOR);

    const sql = new pg.Client({ connectionString: db.ownerUrl });
    await sql.connect();
    sql.on('error', () => undefined); // the server stops first when a run fails
    const bench = `FROM organisation WHERE name LIKE 'Mitra Bench %'`;
    const [{ org }] = (await sql.query(`SELECT id AS org ${bench} ORDER BY name OFFSET (SELECT least(7, count(*) - 1) ${bench}) LIMIT 1`)).rows;
    const [{ commitment }] = (await sql.query(`SELECT commitment_id AS commitment FROM progress_report GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)).rows;
    // Drafts of partners to submit, each once: a phone's quarter-end submission.
    const drafts = (
      await sql.query(
        `SELECT r.id, r.version, u.email FROM progress_report r JOIN user_account u ON u.id = r.created_by_id
          WHERE r.status = 'DRAFT' ORDER BY r.id LIMIT 20000`,
      )
    ).rows as { id: string; version: number; email: string }[];
    await sql.end();
    const partnerTokens = new Map<string, string>();
    for (const email of [...new Set(drafts.slice(0, 4000).map((d) => d.email))].slice(0, 300)) partnerTokens.set(email, await login(email));
    // Each draft is submitted once: every other one through the service, the rest through the floor.
    const submittable = drafts.filter((d) => partnerTokens.has(d.email));
    const toSubmit = { service: submittable.filter((_, i) => i % 2 === 0), floor: submittable.filter((_, i) => i % 2 === 1) };
    type Draft = (typeof drafts)[number];
    const submission = (d: Draft, through: 'service' | 'floor') => ({
      headers: { 'content-type': 'application/json', authorization: `Bearer ${partnerTokens.get(d.email)}` },
      body: JSON.stringify(
        through === 'service'
          ? { query: DOCUMENTS.submitReport, variables: { input: { id: d.id, version: d.version, idempotencyKey: `bench-${d.id}` } } }
          : { id: d.id, version: d.version, idempotencyKey: `bench-${d.id}` },
      ),
    });
    /** autocannon options that send each of `list` once. */
    const sendingEach = (list: Draft[], through: 'service' | 'floor') => {
      let next = 0;
      return {
        amount: list.length,
        requests: [{ method: 'POST' as const, setupRequest: (req: autocannon.Request) => ({ ...req, ...submission(list[next++ % list.length]!, through) }) }],
      };
    };

    const variablesOf = (op: Operation) => (op === 'organisationById' ? { id: org } : op.startsWith('commitment') ? { id: commitment } : {});
    const floorPath = (op: Operation) =>
      `/${op}${op === 'organisationById' ? `?id=${org}` : op.startsWith('commitment') ? `?id=${commitment}` : op === 'dashboardAsOf' ? `?asOf=${PAST_DAY}` : ''}`;

    const results: { op: Operation; service: Measured; floor?: Measured; same?: boolean }[] = [];
    for (const op of only) {
      // One draft each to compare the answers, then at least one each to time.
      if (op === 'submitReport' && Math.min(toSubmit.service.length, toSubmit.floor.length) < 2) {
        log('  submitReport: no drafts left to submit (earlier runs submitted them); npm run bench:seed makes them again');
        continue;
      }
      let answer: unknown;
      let fromFloor: unknown;
      if (op === 'submitReport') {
        // One draft through each: both must answer with their own report, submitted.
        const [d, f] = [toSubmit.service.shift()!, toSubmit.floor.shift()!];
        answer = await (await fetch(`${serviceUrl}/graphql`, { method: 'POST', ...submission(d, 'service') })).json();
        fromFloor = await (await fetch(`${floorUrl}/submitReport`, { method: 'POST', ...submission(f, 'floor') })).json();
        fromFloor = JSON.parse(JSON.stringify(fromFloor).replaceAll(f.id, d.id));
      } else {
        answer = await post(DOCUMENTS[op], variablesOf(op), token);
        fromFloor = await (await fetch(`${floorUrl}${floorPath(op)}`, { headers: { authorization: `Bearer ${token}` } })).json();
      }
      if ((answer as { errors?: unknown }).errors) log(`  ${op}: answered with errors before timing: ${JSON.stringify(answer).slice(0, 300)}`);
      const same = isDeepStrictEqual(normalised(answer), normalised(fromFloor));
      if (!same) log(`  ${op}: the floor's JSON differs from the service's:\n    service ${JSON.stringify(answer).slice(0, 400)}\n    floor   ${JSON.stringify(fromFloor).slice(0, 400)}`);
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const serviceResult = await measure(service.pid!, {
        url: `${serviceUrl}/graphql`,
        connections,
        duration,
        ...(op === 'submitReport'
          ? sendingEach(toSubmit.service, 'service')
          : { method: 'POST', headers, body: JSON.stringify({ query: DOCUMENTS[op], variables: variablesOf(op) }) }),
      });
      const floorResult = await measure(floor.pid!, {
        url: `${floorUrl}${floorPath(op)}`,
        connections,
        duration,
        ...(op === 'submitReport' ? sendingEach(toSubmit.floor, 'floor') : { headers: { authorization: `Bearer ${token}` } }),
      });
      results.push({ op, service: serviceResult, floor: floorResult, same });
      log(`  ${op.padEnd(22)} ${serviceResult.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${serviceResult.p50} ms  p99 ${serviceResult.p99} ms  errors ${serviceResult.errors}${serviceResult.errors ? ` (${serviceResult.errorKinds})` : ''}  CPU ${serviceResult.cpuMsPerRequest.toFixed(2)} ms/req${floorResult ? `  | floor ${floorResult.requestsPerSecond.toFixed(0)} req/s, ratio ${ratioOf(serviceResult, floorResult)}${floorResult.errors ? `, floor errors ${floorResult.errors} (${floorResult.errorKinds})` : ''}` : ''}`);
    }

    let soak: string | undefined;
    if (args.soak) soak = await runSoak(service.pid!, heap, serviceUrl, token, { id: org, commitment }, Number(args.soak), connections, log);
    await report(args.only ? `${scale} — ${args.only}, ${connections} connection(s)` : scale, scale, { connections, duration, only: args.only, soak: args.soak }, results, soak);
  } finally {
    floor?.kill();
    service.kill('SIGTERM');
    await new Promise((r) => service.once('exit', r));
    await db.pg.stop();
  }
}

/** Lists compared regardless of the order of ties the service leaves open (commitments made at one instant). */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalised(v)]));
  return value;
}

/** An answer without GraphQL errors (they come with HTTP 200, which autocannon alone would count as success). */
/** The GraphQL codes of the answers with errors, counted by `answered` (autocannon only counts them). */
const failures = new Map<string, number>();
const answered = (body: string | Buffer | undefined) => {
  const text = String(body ?? '');
  if (!text.includes('"errors"')) return true;
  let kind = 'unreadable answer';
  try {
    kind = (JSON.parse(text) as { errors: { extensions?: { code?: string; reason?: string } }[] }).errors.map((e) => `${e.extensions?.code}/${e.extensions?.reason}`).join(', ');
  } catch {
    // counted as unreadable
  }
  failures.set(kind, (failures.get(kind) ?? 0) + 1);
  return false;
};

/** Seconds of the same load before each timed run, not counted: JIT and pools warm, as in a service that has been up. */
const WARM_UP_S = 2;

async function measure(pid: number, options: autocannon.Options): Promise<Measured> {
  // A write's requests can each be sent once (`amount`): it is timed from cold.
  if (options.amount === undefined) await autocannon({ ...options, duration: Math.min(WARM_UP_S, Number(options.duration)) });
  const cpuBefore = await cpuMs(pid);
  failures.clear();
  const result = await autocannon({ ...options, verifyBody: answered });
  const cpu = (await cpuMs(pid)) - cpuBefore;
  const requests = result.requests.total;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + (result.mismatches ?? 0) + result.timeouts,
    errorKinds: [
      ...(result.errors ? [`${result.errors} connection error(s)`] : []),
      ...(result.timeouts ? [`${result.timeouts} timeout(s)`] : []),
      ...(result.non2xx ? [`${result.non2xx} non-2xx`] : []),
      ...[...failures].map(([kind, n]) => `${n} × ${kind}`),
    ].join('; '),
    requests,
    cpuMsPerRequest: requests ? cpu / requests : 0,
  };
}

/**
 * The live heap (MB) after each full collection of a service started with --trace-gc, as V8 reports it on stdout
 * ("Mark-Compact 391.1 (508.0) -> 94.6 (324.2) MB, …": the size after the arrow is what survived).
 */
function liveHeapOf(child: ChildProcess): number[] {
  const sizes: number[] = [];
  if (!child.stdout) return sizes;
  let rest = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const after = /Mark-Compact[^>]*-> ([\d.]+)/.exec(line);
      if (after) sizes.push(Number(after[1]));
    }
  });
  return sizes;
}

/**
 * A mixed read load for `seconds`, in rounds of 30 s: errors, the service's resident memory, and its live heap
 * after full collections, per round.
 */
async function runSoak(pid: number, heap: number[], url: string, token: string, ids: { id: string; commitment: string }, seconds: number, connections: number, log: (l: string) => void): Promise<string> {
  const mix: [Operation, object][] = [
    ['organisationById', { id: ids.id }],
    ['agreementsPage', {}],
    ['commitmentReports', { id: ids.commitment }],
    ['commitmentFulfilment', { id: ids.commitment }],
    ['dashboard', {}],
    ['auditTrailPage', {}],
  ];
  // Resident memory rises and falls with the collector (by 200 MB at times): it is read every second, and each
  // round reports its lowest and highest. It also holds what V8 and malloc keep committed without using it, so a
  // leak shows first in the live heap, what survives each full collection.
  const rows: string[] = [
    '| after (s) | requests | errors | resident memory, lowest–highest in the round (MB) | live heap after full collections in the round (MB) |',
    '|---:|---:|---:|---:|---:|',
  ];
  const lows: number[] = [];
  const live: number[][] = [];
  let total = 0;
  let errors = 0;
  const other = { connection: 0, timeout: 0, status: 0 };
  failures.clear();
  for (let elapsed = 0; elapsed < seconds; elapsed += 30) {
    const samples: number[] = [];
    const collectedBefore = heap.length;
    const sampling = setInterval(() => void residentMb(pid).then((mb) => samples.push(mb), () => undefined), 1000);
    const result = await autocannon({
      url: `${url}/graphql`,
      connections,
      duration: Math.min(30, seconds - elapsed),
      requests: mix.map(([op, variables]) => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: DOCUMENTS[op], variables }) })),
      verifyBody: answered,
    });
    clearInterval(sampling);
    samples.push(await residentMb(pid));
    total += result.requests.total;
    errors += result.errors + result.non2xx + (result.mismatches ?? 0) + result.timeouts;
    other.connection += result.errors;
    other.timeout += result.timeouts;
    other.status += result.non2xx;
    const [low, high] = [Math.min(...samples), Math.max(...samples)];
    lows.push(low);
    const collected = heap.slice(collectedBefore);
    live.push(collected);
    const liveText = collected.length ? `${Math.min(...collected).toFixed(0)}–${Math.max(...collected).toFixed(0)} (${collected.length})` : '—';
    rows.push(`| ${Math.min(seconds, elapsed + 30)} | ${total} | ${errors} | ${low.toFixed(0)}–${high.toFixed(0)} | ${liveText} |`);
    log(`  soak ${Math.min(seconds, elapsed + 30)} s: ${total} requests, ${errors} errors, ${low.toFixed(0)}–${high.toFixed(0)} MB resident, live heap ${liveText} MB`);
  }
  const percent = (from: number, to: number) => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)} %`;
  const [firstMb, lastMb] = [lows[0]!, lows.at(-1)!];
  // The live heap: the mean after the full collections of the first minute against the last minute's (V8's lines
  // reach the pipe in bursts, so a collection may count in the round after its own).
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const [firstLive, lastLive] = [live.slice(0, 2).flat(), live.slice(-2).flat()];
  const liveGrowth =
    live.length >= 4 && firstLive.length && lastLive.length
      ? `; live heap after full collections ${mean(firstLive).toFixed(0)} MB on average in the first minute, ${mean(lastLive).toFixed(0)} MB in the last (${percent(mean(firstLive), mean(lastLive))})`
      : '';
  const kinds = [
    ...(other.connection ? [`${other.connection} connection error(s)`] : []),
    ...(other.timeout ? [`${other.timeout} timeout(s)`] : []),
    ...(other.status ? [`${other.status} non-2xx`] : []),
    ...[...failures].map(([kind, n]) => `${n} × ${kind}`),
  ];
  return `Mixed reads (${mix.map(([op]) => op).join(', ')}) for ${seconds} s with ${connections} connections: ${total} requests, ${errors} errors${kinds.length ? ` (${kinds.join('; ')})` : ''}; lowest resident memory in the first round ${firstMb.toFixed(0)} MB, in the last ${lastMb.toFixed(0)} MB (${percent(firstMb, lastMb)})${liveGrowth}.\n\n${rows.join('\n')}`;
}

/** The service's throughput over the floor's; none when the floor answered nothing in time. */
const ratioOf = (service: Measured, floor?: Measured) => (floor && floor.requestsPerSecond > 0 ? (service.requestsPerSecond / floor.requestsPerSecond).toFixed(2) : '—');

async function report(title: string, scale: Scale, load: { connections: number; duration: number; only?: string; soak?: string }, results: { op: Operation; service: Measured; floor?: Measured; same?: boolean }[], soak?: string): Promise<void> {
  const file = 'docs/benchmarks.md';
  await mkdir('docs', { recursive: true });
  const existing = await readFile(file, 'utf8').catch(() => '');
  const n = SCALES[scale];
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const lines = [
    `## Scale ${title}`,
    '',
    `${new Date().toISOString().slice(0, 16)}Z · ${cpus().length} × ${cpus()[0]?.model.trim()} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · embedded PostgreSQL (same machine) · ` +
      `${n.organisations} organisations, ${n.agreements} agreements, ${n.commitments} commitments (2 targets, 11 quarterly periods), ${n.reports} reports (80 % accepted) · ` +
      `\`npm run bench -- --scale ${scale} --connections ${load.connections} --duration ${load.duration}${load.only ? ` --only ${load.only}` : ''}${soak ? ` --soak ${load.soak}` : ''}\`` +
      (soak ? ' · with the soak, the service ran with `--trace-gc` (V8 printing each collection) for the whole run' : ''),
    '',
    '| operation | req/s | p50 (ms) | p97.5 (ms) | p99 (ms) | errors | service CPU / request (ms) | floor req/s | floor p50 (ms) | ratio to floor | same JSON |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|',
    ...results.map(({ op, service, floor, same }) =>
      `| \`${op}\` | ${fmt(service.requestsPerSecond)} | ${service.p50} | ${service.p97_5} | ${service.p99} | ${service.errors} | ${service.cpuMsPerRequest.toFixed(2)} | ${floor ? `${fmt(floor.requestsPerSecond)}${floor.errors ? ` (${floor.errors} errors: ${floor.errorKinds})` : ''}` : '—'} | ${floor ? floor.p50 : '—'} | ${ratioOf(service, floor)} | ${same === undefined ? '—' : same ? 'yes' : 'NO'} |`,
    ),
    ...results.filter(({ service }) => service.errors).map(({ op, service }, i) => `${i ? '' : '\nErrors: '}\`${op}\`: ${service.errorKinds}.`),
    ...(soak ? ['', `### Soak (scale ${scale})`, '', soak] : []),
    '',
  ];
  const section = lines.join('\n');
  const header =
    '# Benchmarks\n\nWritten by `npm run bench` (see README, "Benchmark"): each run replaces its own "Scale" section; the other sections were written by hand.\n\n';
  // Every other section stays: other scales' runs, and sections written by hand.
  const sections = existing.split(/^(?=## )/m).filter((s) => s.startsWith('## ') && !s.startsWith(`## Scale ${title}\n`));
  const all = [...sections.map((s) => s.trimEnd() + '\n'), section].sort();
  await writeFile(file, header + all.join('\n'));
  console.log(`Wrote ${file}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
