import { subgraphTypeDefs } from '@portico/schemas';
import { oncePerKey } from '@portico/read-sharing';
import { runService } from '@portico/service-runtime';
import { loadCustomerConfig } from './config';
import type { CustomerContext } from './context';
import { customerScope } from './customer-scope';
import { CustomerChanges } from './customer-changes';
import { erasureConsumer } from './events/erasure-consumer';
import { identityConsumer } from './events/identity-consumer';
import { tenantDefaultsConsumer } from './events/tenant-defaults-consumer';
import { PortalAccesses } from './portal-accesses';
import { PortalConfiguration } from './portal-configuration';
import { resolvers } from './resolvers';
import { CustomerStore } from './store';

runService<CustomerContext>({
  name: 'customer',
  config: loadCustomerConfig(),
  typeDefs: subgraphTypeDefs('customer'),
  async setup({ connection, publishPending, publishRevocations }) {
    const store = new CustomerStore(connection);
    const accesses = new PortalAccesses(store, publishPending, publishRevocations);
    const customers = new CustomerChanges(store, accesses, publishPending);
    const configuration = new PortalConfiguration(store, publishPending);
    return {
      resolvers,
      extendContext: (base) => ({
        ...base,
        store,
        customers,
        accesses,
        configuration,
        visibleCustomer: oncePerKey((id: string) =>
          store.findCustomer(customerScope(base.auth), id),
        ),
      }),
      outboxModels: [store.customers, store.accesses, store.portalSettings],
      consumers: [
        tenantDefaultsConsumer(store),
        identityConsumer(store, accesses),
        erasureConsumer(store),
      ],
    };
  },
});
