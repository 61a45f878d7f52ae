import type { Express } from 'express';
import { storedScope, type RevocationList } from '@portico/auth';
import { verifyFileLink, type FileLinkClaims } from '@portico/file-links';
import { mayDownload } from '../model/recipient';
import type { NotificationStore } from '../store';
import type { StoredPdfs } from './stored-pdfs';

export interface FileRouteDependencies {
  /** Issued documents' PDFs, and statements rendered for a contact's download. */
  pdfs: { documents: StoredPdfs; statements: StoredPdfs };
  store: NotificationStore;
  /** This process's revocation feed: ended sessions and accesses, current on the next request. */
  revocations: RevocationList;
  secret: string;
}

/**
 * Why a valid link is no longer honoured, or null: its session ended, or (a contact's) its
 * access was revoked, expired or lost DOWNLOAD_DOCUMENTS since the link was made.
 */
async function refusalOf(
  claims: FileLinkClaims,
  { store, revocations }: FileRouteDependencies,
): Promise<string | null> {
  const refusal = revocations.refusalFor(claims.sessionId, claims.accessId);
  if (refusal || !claims.accessId) return refusal;
  const recipient = await store.findRecipient(storedScope(claims), claims.accessId);
  return mayDownload(recipient) ? null : 'Your portal access does not include downloads';
}

/**
 * GET /files/documents/:id and /files/statements/:id — the PDF for whoever
 * holds a valid signed link (made by the document service after its checks):
 * bound to this file, short-lived, untampered, and only while the session
 * and the contact's access that it was made for still allow it. The gateway
 * passes /files/<kind>/<uuid> through. A statement answers 404 until its
 * PDF is rendered (the page asks again).
 */
export function fileRoutes(deps: FileRouteDependencies) {
  return (app: Express) => {
    for (const kind of ['documents', 'statements'] as const)
      app.get(`/files/${kind}/:id`, async (req, res, next) => {
        try {
          const path = `${kind}/${req.params.id}`;
          const check = verifyFileLink(deps.secret, path, req.query as Record<string, unknown>);
          if (!check.ok) {
            res
              .status(check.reason === 'expired' ? 410 : 403)
              .type('text/plain')
              .send(check.reason);
            return;
          }
          const refusal = await refusalOf(check.claims, deps);
          if (refusal) {
            res.status(403).type('text/plain').send(refusal);
            return;
          }
          const file = await deps.pdfs[kind].open(req.params.id, storedScope(check.claims));
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
