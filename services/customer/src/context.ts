import type { SubgraphContext } from '@portico/subgraph';
import type { CustomerStore } from './store';

export interface CustomerContext extends SubgraphContext {
  store: CustomerStore;
}
