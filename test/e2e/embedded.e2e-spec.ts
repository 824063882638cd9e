import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded.js';
import { freePort } from '../utils/database.js';

describe('the embedded PostgreSQL', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mitra-embedded-'));
    await chmod(dir, 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('says plainly what to do when its data folder is behind a folder the postgres user cannot enter', async () => {
    const privateHome = join(dir, 'private');
    await mkdir(privateHome, { mode: 0o700 });
    const start = startEmbeddedPostgres({ dataDir: join(privateHome, 'pg'), port: await freePort(), database: 'x' });
    if (userInfo().uid === 0) {
      await expect(start).rejects.toThrow(/not reachable by the 'postgres' system user.*chmod o\+x .*EMBEDDED_PG_DIR/s);
    } else {
      // Not root: PostgreSQL runs as this user, who can enter its own folder.
      const pg = await start;
      await pg.stop();
    }
  });

  it('initialises once and starts again on the same data folder, keeping what was written', async () => {
    const options = { dataDir: join(dir, 'kept'), port: await freePort(), database: 'kept' };
    const first = await startEmbeddedPostgres(options);
    const { default: pg } = await import('pg');
    const write = new pg.Client({ connectionString: first.ownerUrl });
    await write.connect();
    await write.query(`CREATE TABLE note (text text); INSERT INTO note VALUES ('still here')`);
    await write.end();
    await first.stop();

    const second = await startEmbeddedPostgres(options);
    const read = new pg.Client({ connectionString: second.ownerUrl });
    await read.connect();
    const { rows } = await read.query(`SELECT text FROM note`);
    await read.end();
    await second.stop();
    expect(rows).toEqual([{ text: 'still here' }]);
  });

  it('makes an owner role and a service role with random passwords, kept in a file only its owner may read', async () => {
    const options = { dataDir: join(dir, 'roles'), port: await freePort(), database: 'mitra' };
    const server = await startEmbeddedPostgres(options);
    try {
      const file = await stat(`${options.dataDir}.credentials.json`);
      expect(file.mode & 0o777).toBe(0o600);
      const { default: pg } = await import('pg');
      const as = async (url: string, sql: string) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          return (await client.query(sql)).rows;
        } finally {
          await client.end();
        }
      };
      expect(await as(server.url, 'SELECT current_user AS u')).toEqual([{ u: 'mitra_app' }]);
      await expect(as(server.url, 'CREATE TABLE t (x int)')).rejects.toThrow(/permission denied/);
      expect(await as(server.ownerUrl, `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).toEqual([{ rolsuper: false }]);
      const guessed = `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`;
      await expect(as(guessed, 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
  });

  it('lets a second process use the server already running on the same data folder, and leaves it running', async () => {
    const options = { dataDir: join(dir, 'shared'), port: await freePort(), database: 'mitra' };
    const first = await startEmbeddedPostgres(options);
    try {
      const second = await startEmbeddedPostgres({ ...options, port: await freePort() });
      expect(second.shared).toBe(true);
      expect(second.url).toBe(first.url);
      await second.stop();
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await first.stop();
    }
  });

  it('names the port when it cannot start because the port is taken', async () => {
    const options = { dataDir: join(dir, 'busy'), port: await freePort(), database: 'busy' };
    const running = await startEmbeddedPostgres(options);
    try {
      await expect(startEmbeddedPostgres({ ...options, dataDir: join(dir, 'busy2') })).rejects.toThrow(
        new RegExp(`did not start on 127\\.0\\.0\\.1:${options.port}.*EMBEDDED_PG_PORT.*PostgreSQL said: .*FATAL`),
      );
    } finally {
      await running.stop();
    }
    // Once the port is free, the folder initialised by the failed start serves: its passwords were kept.
    const second = await startEmbeddedPostgres({ ...options, dataDir: join(dir, 'busy2') });
    try {
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      expect((await client.query('SELECT current_user AS who')).rows[0].who).toBe('mitra_app');
      await client.end();
    } finally {
      await second.stop();
    }
  });
});
