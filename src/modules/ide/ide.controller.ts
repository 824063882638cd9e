import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Allow, Public } from '../../common/auth/allow.decorator.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { IDE_EXAMPLES } from './ide-examples.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(name));

/** Every asset the page loads, from the project's own dependencies: no CDN, so it works offline. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: require.resolve('graphiql/graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: require.resolve('graphiql/graphiql.min.css'), type: 'text/css' },
};

/** The page: GraphiQL with a sign-in helper that puts the access token in the headers, and the README's examples as tabs. */
function page(): string {
  const tabs = JSON.stringify(IDE_EXAMPLES.map((e) => ({ query: `# ${e.name}\n${e.query}` })));
  return `<!doctype html>
<html lang="id">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Mitra — GraphQL</title>
  <link rel="stylesheet" href="/ide/assets/graphiql.css">
  <style>
    body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
    #signin { display: flex; gap: .5rem; align-items: center; padding: .4rem .8rem; background: #f4f4f6; border-bottom: 1px solid #ddd; }
    #signin input { padding: .25rem .4rem; }
    #ide { flex: 1; }
  </style>
</head>
<body>
  <form id="signin">
    <strong>Mitra</strong>
    <input id="email" type="email" placeholder="email" autocomplete="username" required>
    <input id="password" type="password" placeholder="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
    <span id="who"></span>
  </form>
  <div id="ide"></div>
  <script src="/ide/assets/react.js"></script>
  <script src="/ide/assets/react-dom.js"></script>
  <script src="/ide/assets/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    const root = ReactDOM.createRoot(document.getElementById('ide'));
    const render = (headers) => root.render(React.createElement(GraphiQL, { fetcher, defaultTabs: ${tabs}, headers, key: headers }));
    render('{}');
    document.getElementById('signin').addEventListener('submit', async (event) => {
      event.preventDefault();
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation ($input: LoginInput!) { login(input: $input) { accessToken user { displayName role } } }',
          variables: { input: { email: document.getElementById('email').value, password: document.getElementById('password').value } },
        }),
      }).then((r) => r.json());
      const who = document.getElementById('who');
      if (res.errors) { who.textContent = res.errors[0].message; return; }
      who.textContent = res.data.login.user.displayName + ' (' + res.data.login.user.role + ')';
      render(JSON.stringify({ Authorization: 'Bearer ' + res.data.login.accessToken }, null, 2));
    });
  </script>
</body>
</html>`;
}

/**
 * An in-browser GraphQL IDE at /ide (and / and a browser's GET /graphql lead there): on in development, in
 * production only with GRAPHQL_IDE=true.
 */
@Controller()
@Allow(Public)
export class IdeController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  home(@Res() res: FastifyReply): void {
    this.assertOn();
    void res.redirect('/ide');
  }

  @Get('ide')
  ide(@Res() res: FastifyReply): void {
    this.assertOn();
    void res.type('text/html; charset=utf-8').send(page());
  }

  @Get('ide/assets/:name')
  async asset(@Param('name') name: string, @Res() res: FastifyReply): Promise<void> {
    this.assertOn();
    const asset = ASSETS[name];
    if (!asset) throw new NotFoundException();
    await res.type(asset.type).header('cache-control', 'public, max-age=86400').send(await readFile(asset.file));
  }

  private assertOn(): void {
    if (!this.config.graphql.ide) throw new NotFoundException();
  }
}
