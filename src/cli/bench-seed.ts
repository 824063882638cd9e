import argon2 from 'argon2';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { migrate } from '../bootstrap.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../database/embedded.js';
import { withDatabase } from '../database/roles.js';
import { BENCH_PASSWORD, SCALES, seedBench, type Scale } from './bench-data.js';
import { parseArgs } from './cli-context.js';

/** Where the benchmark's own PostgreSQL keeps its data (one database per scale), apart from the service's. */
export const BENCH_PG_DIR = resolve(process.env.BENCH_PG_DIR ?? '.data/bench');
export const BENCH_PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54339);

export const databaseOf = (scale: Scale) => `mitra_bench_${scale.toLowerCase()}`;

export function scaleOf(value: string | undefined): Scale {
  const scale = (value ?? 'S').toUpperCase();
  if (!(scale in SCALES)) throw new Error(`--scale must be S, M or L, not ${value}`);
  return scale as Scale;
}

/**
 * A bulk load's server settings: no checkpoint in the middle of it (the load writes about 2 GB of WAL at L), WAL
 * only for crash safety, as nothing replicates from this server, and no waiting for the disk (fsync off: at L,
 * 82 s → 64 and 69 s of loading on the same machine). The benchmark's own server only: once loaded it is stopped,
 * the files are synced to disk (`sync`), and it starts again with its normal settings. Were the machine to crash
 * during a load or before that sync, the whole cluster in .data/bench may be damaged: `rm -rf .data/bench` and seed again.
 */
const LOADING = ['max_wal_size=16GB', 'checkpoint_timeout=30min', 'wal_level=minimal', 'max_wal_senders=0', 'fsync=off', 'full_page_writes=off'];

/** The benchmark's PostgreSQL, started (embedded, in BENCH_PG_DIR) with the scale's database migrated. */
export async function benchDatabase(scale: Scale, settings: string[] = []): Promise<{ pg: RunningPostgres; url: string; ownerUrl: string; seeded: boolean }> {
  const server = await startEmbeddedPostgres({ dataDir: BENCH_PG_DIR, port: BENCH_PG_PORT, database: databaseOf(scale), settings });
  await migrate(server.url, server.ownerUrl);
  const owner = new pg.Client({ connectionString: server.ownerUrl });
  await owner.connect();
  const [{ n }] = (await owner.query(`SELECT count(*)::int AS n FROM organisation WHERE name LIKE 'Mitra Bench %'`)).rows as { n: number }[];
  await owner.end();
  return { pg: server, url: server.url, ownerUrl: server.ownerUrl, seeded: n > 0 };
}

/** Stops the server after a load and syncs its files to disk (it loaded with fsync off). */
export async function stopLoaded(db: { pg: RunningPostgres }): Promise<void> {
  await db.pg.stop();
  spawnSync('sync', { stdio: 'ignore' });
}

/** Drops and recreates the scale's database, migrates it and fills it. */
export async function reseed(scale: Scale, log: (line: string) => void): Promise<{ pg: RunningPostgres; url: string; ownerUrl: string }> {
  const first = await benchDatabase(scale, LOADING);
  try {
    const admin = new pg.Client({ connectionString: first.pg.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseOf(scale)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${databaseOf(scale)} OWNER mitra_owner`);
    await admin.end();
    await migrate(first.url, first.ownerUrl);
    const n = SCALES[scale];
    log(`Seeding ${databaseOf(scale)} (scale ${scale}: ${n.organisations} organisations, ${n.agreements} agreements, ${n.commitments} commitments, ${n.reports} reports):`);
    // Bench accounts sign in cheaply (the hash carries its own cost); the service's own accounts keep the default.
    const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1 });
    // As the server's superuser: it may skip the foreign-key triggers, whose per-row checks would dominate a bulk
    // load of data that is consistent by construction.
    await seedBench(withDatabase(first.pg.adminUrl, databaseOf(scale)), scale, hash, log);
    return first;
  } catch (err) {
    await first.pg.stop();
    throw err;
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const scale = scaleOf(args.scale);
  await stopLoaded(await reseed(scale, (line) => console.log(line)));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
