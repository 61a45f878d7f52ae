import { Readable } from 'node:stream';
import type { Express } from 'express';

// Headers of the file answer worth passing on to the client.
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control'];

/**
 * GET /files/* on the one public endpoint, passed to the notification service
 * that keeps the PDFs. The link's own signature is the authorization; the
 * gateway adds nothing and checks nothing.
 */
export function mountFileProxy(app: Express, notificationOrigin: string): void {
  app.get(/^\/files\//, async (req, res, next) => {
    try {
      const upstream = await fetch(new URL(req.originalUrl, notificationOrigin), {
        signal: AbortSignal.timeout(30_000),
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
