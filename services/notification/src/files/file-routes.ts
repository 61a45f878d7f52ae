import type { Express } from 'express';
import { verifyFileLink } from '@portico/file-links';
import type { DocumentPdfs } from './document-pdfs';

/**
 * GET /files/documents/:id — the document's PDF for whoever holds a valid
 * signed link (made by the document service after its checks): bound to this
 * document, short-lived, untampered. The gateway passes /files/* through.
 */
export function fileRoutes(pdfs: DocumentPdfs, secret: string) {
  return (app: Express) => {
    app.get('/files/documents/:id', async (req, res, next) => {
      try {
        const path = `documents/${req.params.id}`;
        const check = verifyFileLink(secret, path, req.query as Record<string, unknown>);
        if (!check.ok) {
          res
            .status(check.reason === 'expired' ? 410 : 403)
            .type('text/plain')
            .send(check.reason);
          return;
        }
        const file = await pdfs.open(req.params.id, check.claims.tenantId);
        if (!file) {
          res.status(404).type('text/plain').send('not rendered yet');
          return;
        }
        res.status(200).set({
          'content-type': 'application/pdf',
          'content-length': String(file.length),
          'content-disposition': `inline; filename="${req.params.id}.pdf"`,
          'cache-control': 'private, no-store',
        });
        file.stream.on('error', next).pipe(res);
      } catch (error) {
        next(error);
      }
    });
  };
}
