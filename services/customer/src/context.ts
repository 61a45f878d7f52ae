import type { SubgraphContext } from '@portico/subgraph';
import type { CustomerChanges } from './customer-changes';
import type { PortalAccesses } from './portal-accesses';
import type { PortalConfiguration } from './portal-configuration';
import type { CustomerStore } from './store';

export interface CustomerContext extends SubgraphContext {
  store: CustomerStore;
  customers: CustomerChanges;
  accesses: PortalAccesses;
  configuration: PortalConfiguration;
}
