import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { IDE_EXAMPLES } from '../../src/modules/ide/ide-examples.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

describe('the GraphQL IDE in the browser', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('leads a browser from / and from GET /graphql to the IDE, and serves the page and every asset it references itself', async () => {
    const http = request(t.app.getHttpServer());
    expect((await http.get('/')).headers.location).toBe('/ide');
    expect((await http.get('/graphql').set('accept', 'text/html,application/xhtml+xml')).headers.location).toBe('/ide');
    const res = await http.get('/ide');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    const assets = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(['/ide/assets/graphiql.css', '/ide/assets/react.js', '/ide/assets/react-dom.js', '/ide/assets/graphiql.js']);
    for (const asset of assets) {
      const got = await http.get(asset);
      expect({ asset, status: got.status, size: Number(got.headers['content-length']) > 1000 }).toEqual({ asset, status: 200, size: true });
    }
    expect(res.text).not.toMatch(/https?:\/\/(?!x)/); // no CDN
    expect(res.text).toContain('mutation ($input: LoginInput!) { login(input: $input)');
  });

  it('preloads the README’s examples as named tabs', async () => {
    const readme = (await readFile(new URL('../../README.md', import.meta.url), 'utf8')).replace(/\s+/g, ' ');
    for (const example of IDE_EXAMPLES.slice(0, 3)) expect(readme).toContain(example.query.replace(/\s+/g, ' '));
    const page = (await request(t.app.getHttpServer()).get('/ide')).text;
    for (const example of IDE_EXAMPLES) expect(page).toContain(JSON.stringify(`# ${example.name}`).slice(1, -1));
  });
});

describe('the IDE in production', () => {
  const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'q8Vv2kZ0xN4rT7pL1sW9yB3mD6fH5jK0-production' };

  it('is off unless GRAPHQL_IDE=true', async () => {
    const off = await createTestApp(PRODUCTION);
    try {
      expect((await request(off.app.getHttpServer()).get('/ide')).status).toBe(404);
    } finally {
      await off.close();
    }
    const on = await createTestApp({ ...PRODUCTION, GRAPHQL_IDE: 'true' });
    try {
      expect((await request(on.app.getHttpServer()).get('/ide')).status).toBe(200);
    } finally {
      await on.close();
    }
  });
});
