import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Express, Response } from 'express';

const requireFromHere = createRequire(__filename);

/** The browser files GraphiQL needs, served from our own node_modules: no CDN, works offline. */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': {
    pkg: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'text/javascript',
  },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

// Packages' `exports` hide these files from require.resolve; their folders are not hidden.
const fileOf = ({ pkg, file }: { pkg: string; file: string }) =>
  join(dirname(requireFromHere.resolve(`${pkg}/package.json`)), file);

export const LANDING_ASSETS_PATH = '/graphiql';

// Inline scripts would need 'unsafe-inline'; the start script is a file like the others.
const START_SCRIPT = `
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: '# Paste your token into Headers as {"authorization": "Bearer …"}\\n{ me { __typename } }\\n',
    shouldPersistHeaders: false,
  }),
);
`;

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Portico GraphQL</title>
    <link rel="stylesheet" href="${LANDING_ASSETS_PATH}/graphiql.css" />
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${LANDING_ASSETS_PATH}/react.js"></script>
    <script src="${LANDING_ASSETS_PATH}/react-dom.js"></script>
    <script src="${LANDING_ASSETS_PATH}/graphiql.js"></script>
    <script src="${LANDING_ASSETS_PATH}/start.js"></script>
  </body>
</html>
`;

// The page may only talk to this origin; GraphiQL sets inline styles, nothing else is inline.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function sendPage(res: Response): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.type('html').send(PAGE);
}

/**
 * GraphiQL for developers outside production, at `/graphql` when a browser
 * asks for HTML (`/` is the portal). Apollo's own landing page loads from a CDN, so it
 * is switched off and this one is served instead.
 */
export function mountLandingPage(app: Express): void {
  app.get('/graphql', (req, res, next) => {
    const wantsPage = req.accepts(['application/json', 'text/html']) === 'text/html';
    if (wantsPage && !req.query.query) sendPage(res);
    else next();
  });
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());
  app.get(`${LANDING_ASSETS_PATH}/start.js`, (_req, res) => {
    res.type('text/javascript').send(START_SCRIPT);
  });
  for (const [name, asset] of Object.entries(ASSETS)) {
    const path = fileOf(asset);
    app.get(`${LANDING_ASSETS_PATH}/${name}`, (_req, res) => {
      // pnpm keeps packages under node_modules/.pnpm, a dot folder `send` refuses by default.
      res.sendFile(path, {
        headers: { 'content-type': asset.type },
        maxAge: '1d',
        dotfiles: 'allow',
      });
    });
  }
}
