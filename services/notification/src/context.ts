import type { SubgraphContext } from '@portico/subgraph';
import type { NotificationStore } from './store';

export interface NotificationContext extends SubgraphContext {
  store: NotificationStore;
}
