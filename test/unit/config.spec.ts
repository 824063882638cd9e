import { readFile } from 'node:fs/promises';
import { ConfigError, KNOWN_VARIABLES, loadConfig } from '../../src/config/app-config.js';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('configuration', () => {
  it('has working defaults: port 3000, embedded PostgreSQL in ./.data/postgres on a port of its own', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.embedded).toEqual({ dataDir: './.data/postgres', port: 54329 });
    expect(config.database.embedded.port).not.toBe(5432);
  });

  it('stops on a bad value with a message naming the variable and what is wrong', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: .*integer/)]);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toEqual([expect.stringMatching(/^DATABASE_URL: must be a postgres/)]);
    expect(problemsOf({ LOG_LEVEL: 'loud' })).toEqual([expect.stringMatching(/^LOG_LEVEL: /)]);
    expect(problemsOf({ JWT_SECRET: 'short' })).toEqual([expect.stringMatching(/^JWT_SECRET: must be at least 32/)]);
  });

  it('refuses the placeholder secrets of the compose file and the examples in production', async () => {
    const compose = await readFile(new URL('../../docker/docker-compose.yml', import.meta.url), 'utf8');
    const value = (name: string) => new RegExp(`${name}: (\\S+)`).exec(compose)![1]!;
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: value('JWT_SECRET'), DATABASE_URL: value('DATABASE_URL') })).toEqual([
      expect.stringMatching(/^JWT_SECRET: is a placeholder/),
      expect.stringMatching(/^DATABASE_URL: its password is a placeholder/),
    ]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'q8Vv2kZ0xN4rT7pL1sW9yB3mD6fH5jK0', DATABASE_URL: 'postgres://mitra:Zr8q2Lx0@db/mitra' })).toEqual([]);
  });

  it('requires a JWT secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JWT_SECRET: is required when NODE_ENV=production']);
  });

  it('never repeats a secret value in its error messages', () => {
    const secret = 'hunter2-but-not-long-enough';
    expect(problemsOf({ JWT_SECRET: secret }).join(' ')).not.toContain(secret);
  });

  it('lists every variable it knows in .env.example, and nothing else', async () => {
    const example = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
    const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual([...KNOWN_VARIABLES].sort());
  });

  it('knows every variable the docker compose file sets for the service', async () => {
    const compose = await readFile(new URL('../../docker/docker-compose.yml', import.meta.url), 'utf8');
    const serviceBlock = compose.split(/^ {2}(?=\S)/m).find((block) => block.startsWith('mitra:'));
    expect(serviceBlock).toBeDefined();
    const set = [...serviceBlock!.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(set.length).toBeGreaterThan(3);
    for (const name of set) expect(KNOWN_VARIABLES).toContain(name);
  });
});
