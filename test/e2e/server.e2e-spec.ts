import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../utils/database.js';

const run = promisify(execFile);

/** The built server as `npm start` runs it: its own embedded PostgreSQL, JSON logs, clean shutdown. */
describe('the server process', () => {
  let dir: string;
  let child: ChildProcessWithoutNullStreams;
  let output = '';
  let httpPort: number;
  let pgPort: number;

  const portOpen = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mitra-server-'));
    await chmod(dir, 0o755);
    httpPort = await freePort();
    pgPort = await freePort();
    child = spawn(process.execPath, ['dist/main.js'], {
      env: {
        PATH: process.env.PATH,
        PORT: String(httpPort),
        EMBEDDED_PG_DIR: join(dir, 'pg'),
        EMBEDDED_PG_PORT: String(pgPort),
        LOG_FORMAT: 'json',
        OPERATION_TIMEOUT_MS: '60000',
        DB_STATEMENT_TIMEOUT_MS: '60000',
      },
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const until = Date.now() + 60000;
    while (Date.now() < until && !(await fetch(`http://127.0.0.1:${httpPort}/health/ready`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('starts its own PostgreSQL and serves GraphQL', async () => {
    const res = await fetch(`http://127.0.0.1:${httpPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-test-123' },
      body: JSON.stringify({ query: 'mutation { login(input: { email: "nobody@example.org", password: "s3cret-Password!" }) { accessToken } }' }),
    });
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await portOpen(pgPort)).toBe(true);
  });

  it('writes JSON log lines carrying the request id, and no password or token', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const lines = output.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    const request = lines.map((l) => JSON.parse(l)).find((l) => l.req?.id === 'req-test-123');
    expect(request).toMatchObject({ req: { method: 'POST', url: '/graphql' }, res: { statusCode: 200 } });
    expect(output).not.toContain('s3cret-Password!');
    expect(output).not.toContain('nobody@example.org');
  });

  it('lets a command-line task run beside it, on the same embedded PostgreSQL, and leaves it running', async () => {
    // Asynchronously, so this process keeps reading the server's output meanwhile.
    const task = await run(process.execPath, ['dist/cli/user-create.js', '--email', 'admin@example.org', '--role', 'ADMIN'], {
      env: {
        PATH: process.env.PATH,
        EMBEDDED_PG_DIR: join(dir, 'pg'),
        EMBEDDED_PG_PORT: String(pgPort),
        MITRA_USER_PASSWORD: 'Lima kambing makan rumput di Serang',
        ARGON2_MEMORY_KIB: '1024',
        ARGON2_TIME_COST: '1',
      },
    });
    expect(task.stderr).toBe('');
    expect(task.stdout).toMatch(/Created ADMIN admin@example.org/);
    const res = await fetch(`http://127.0.0.1:${httpPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(input: { email: "admin@example.org", password: "Lima kambing makan rumput di Serang" }) { accessToken } }' }),
    });
    expect(((await res.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken).toEqual(expect.any(String));
    expect(await portOpen(pgPort)).toBe(true);
  });

  it('stops the app and then its PostgreSQL on SIGTERM even while a request waits in the database', async () => {
    // A session of the superuser (its password is in the credentials file beside the data folder) holds a table…
    const credentials = JSON.parse(await readFile(join(dir, 'pg.credentials.json'), 'utf8')) as { superuser: string };
    const locker = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(credentials.superuser)}@127.0.0.1:${pgPort}/mitra` });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE organisation IN ACCESS EXCLUSIVE MODE');
    locker.on('error', () => undefined);
    // …so this request waits (its budget is a minute here), and the server is told to stop meanwhile.
    const login = await fetch(`http://127.0.0.1:${httpPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(input: { email: "admin@example.org", password: "Lima kambing makan rumput di Serang" }) { accessToken } }' }),
    });
    const token = ((await login.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken;
    const waiting = fetch(`http://127.0.0.1:${httpPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ organisations { totalCount } }' }),
    }).catch(() => 'connection closed');
    await new Promise((r) => setTimeout(r, 300));
    expect((await fetch(`http://127.0.0.1:${httpPort}/health`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const signalled = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Well before the minute the request could still have taken: a stop does not wait for slow requests.
    expect(Date.now() - signalled).toBeLessThan(15_000);
    await waiting;
    await locker.end().catch(() => undefined);
    expect(await portOpen(pgPort)).toBe(false);
    expect(await portOpen(httpPort)).toBe(false);
  });
});
