import { join } from 'node:path';
import express, { type Express, type Request, type Response } from 'express';

/**
 * The portal's pages: Vite's build of `web/`, served on the gateway's origin so the page,
 * /graphql and /files share cookies and need no CORS. Hashed assets are cached for a year;
 * index.html never, so a release reaches every browser on its next navigation.
 */
export const PORTAL_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // The tenant's logo is a data: URL.
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every answer of the gateway: a portal for financial documents. */
export function securityHeaders(options: { https: boolean }) {
  return (_req: Request, res: Response, next: () => void) => {
    res.setHeader('x-content-type-options', 'nosniff');
    // Invitation and reset links carry their token in the URL: never pass it on.
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (options.https)
      res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

/** Paths the portal never answers: they belong to the API or to operations. */
const NOT_PORTAL = /^\/(graphql|files|health|graphiql|metrics)(\/|$)/;

export function mountWebApp(app: Express, root: string): void {
  const index = join(root, 'index.html');
  app.use(
    '/assets',
    express.static(join(root, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  app.get('/{*path}', (req, res, next) => {
    if (NOT_PORTAL.test(req.path)) return next();
    // Every route is the one page; the app shows "not found" for paths it does not know.
    res.setHeader('content-security-policy', PORTAL_CONTENT_SECURITY_POLICY);
    res.setHeader('cache-control', 'no-store');
    res.sendFile(index, { dotfiles: 'allow' }, (error) => {
      // No build yet (the file is looked for on each request, so a build shows up unrestarted).
      if (error && !res.headersSent)
        res.status(503).type('text').send('The portal is not built yet: run `pnpm build:web`.');
    });
  });
}
