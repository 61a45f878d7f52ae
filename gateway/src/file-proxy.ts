import { Readable } from 'node:stream';
import type { Express } from 'express';

// Headers of the file answer worth passing on to the client.
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control'];

// The only files there are: a document's PDF and a downloaded statement's, each named by a UUID.
const FILE_PATH =
  /^\/files\/(documents|statements)\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The notification service's URL for a request target, or null when the target is not a file's:
 * only the origin form (`/files/documents/<uuid>?…`, `/files/statements/<uuid>?…`) is taken, never an absolute or authority form,
 * dot segments (plain or percent-encoded), backslashes or a second slash, so a caller chooses
 * neither the host, nor the port, nor any other path.
 */
export function fileUpstreamUrl(requestTarget: string, notificationOrigin: string): URL | null {
  const queryAt = requestTarget.indexOf('?');
  const path = queryAt === -1 ? requestTarget : requestTarget.slice(0, queryAt);
  if (!FILE_PATH.test(path)) return null;
  const url = new URL(notificationOrigin);
  url.pathname = path;
  url.search = queryAt === -1 ? '' : requestTarget.slice(queryAt);
  return url;
}

/**
 * GET /files/documents/<uuid> and /files/statements/<uuid> on the one public endpoint, passed to the notification service
 * that keeps the PDFs. The link's own signature is the authorization, checked there; the gateway
 * only makes sure the request goes nowhere else.
 */
export function mountFileProxy(app: Express, notificationOrigin: string): void {
  app.get(/^\/files\//, async (req, res, next) => {
    // The raw request target: Express's parsed path hides an absolute-form target's host.
    const upstreamUrl = fileUpstreamUrl(req.originalUrl, notificationOrigin);
    if (!upstreamUrl) return void res.status(404).type('text/plain').send('not found');
    try {
      const upstream = await fetch(upstreamUrl, {
        signal: AbortSignal.timeout(30_000),
        // A redirect would be a way out of the one origin.
        redirect: 'manual',
      });
      res.status(upstream.status);
      for (const name of PASSED_HEADERS) {
        const value = upstream.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      if (!upstream.body) return void res.end();
      Readable.fromWeb(upstream.body as never)
        .on('error', next)
        .pipe(res);
    } catch (error) {
      next(error);
    }
  });
}
