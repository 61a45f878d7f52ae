import type { OncePerKey } from '@portico/read-sharing';
import type { SubgraphContext } from '@portico/subgraph';
import type { DocumentChanges } from './document-changes';
import type { Downloads } from './downloads';
import type { CustomerReplicaRecord } from './model/customer-replica';
import type { Statements } from './statements';
import type { DocumentStore } from './store';
import type { DocumentViewer } from './viewer';

export interface DocumentContext extends SubgraphContext {
  store: DocumentStore;
  changes: DocumentChanges;
  downloads: Downloads;
  statements: Statements;
  /** The caller's document visibility and permissions, worked out at most once per request. */
  viewer: () => Promise<DocumentViewer>;
  /** This service's copy of a customer, read at most once per request. */
  customerCopy: OncePerKey<string, CustomerReplicaRecord | null>;
}
