import type { SubgraphContext } from '@portico/subgraph';
import type { CustomerChanges } from './customer-changes';
import type { PortalAccesses } from './portal-accesses';
import type { PortalConfiguration } from './portal-configuration';
import type { CustomerRecord } from './model/customer';
import type { CustomerStore } from './store';

export interface CustomerContext extends SubgraphContext {
  store: CustomerStore;
  customers: CustomerChanges;
  accesses: PortalAccesses;
  configuration: PortalConfiguration;
  /** A customer the caller may see, read at most once per request. */
  visibleCustomer: (id: string) => Promise<CustomerRecord | null>;
}
