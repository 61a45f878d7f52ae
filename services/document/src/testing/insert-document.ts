import { storedScope } from '@portico/auth';
import type { DocumentRecord } from '../model/document';
import type { DocumentStore, NewDocument } from '../store';

/** A test's new document, naming its tenant. */
export type TestDraft = NewDocument & { tenantId: string };

/** Inserts a test's draft into the tenant it names, as the document service would. */
export function insertInto(store: DocumentStore, draft: TestDraft): Promise<DocumentRecord> {
  return store.insertDocument(storedScope(draft), draft);
}
