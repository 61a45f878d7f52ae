import type { SubgraphContext } from '@portico/subgraph';
import type { IdentityStore } from './store';

export interface IdentityContext extends SubgraphContext {
  store: IdentityStore;
}
