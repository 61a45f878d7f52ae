import { subgraphTypeDefs } from '@portico/schemas';
import { runService } from '@portico/service-runtime';
import { loadCustomerConfig } from './config';
import type { CustomerContext } from './context';
import { tenantDefaultsConsumer } from './events/tenant-defaults-consumer';
import { accessLevelResolvers, customerResolvers } from './resolvers/customer';
import { mutationResolvers } from './resolvers/mutation';
import { queryResolvers } from './resolvers/query';
import { CustomerStore } from './store';

runService<CustomerContext>({
  name: 'customer',
  config: loadCustomerConfig(),
  typeDefs: subgraphTypeDefs('customer'),
  async setup({ connection, publishPending }) {
    const store = new CustomerStore(connection);
    return {
      resolvers: {
        Query: queryResolvers,
        Mutation: mutationResolvers(publishPending),
        Customer: customerResolvers,
        AccessLevel: accessLevelResolvers,
      },
      extendContext: (base) => ({ ...base, store }),
      outboxModels: [store.customers],
      consumers: [tenantDefaultsConsumer(store)],
    };
  },
});
