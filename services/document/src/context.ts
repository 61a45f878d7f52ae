import type { SubgraphContext } from '@portico/subgraph';
import type { DocumentStore } from './store';

export interface DocumentContext extends SubgraphContext {
  store: DocumentStore;
}
