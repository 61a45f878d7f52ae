import { subgraphTypeDefs } from '@portico/schemas';
import { runService } from '@portico/service-runtime';
import { loadDocumentConfig } from './config';
import type { DocumentContext } from './context';
import { customerReplicaConsumer } from './events/customer-replica-consumer';
import { documentLineResolvers, documentResolvers } from './resolvers/document';
import { mutationResolvers } from './resolvers/mutation';
import { queryResolvers } from './resolvers/query';
import { DocumentStore } from './store';

runService<DocumentContext>({
  name: 'document',
  config: loadDocumentConfig(),
  typeDefs: subgraphTypeDefs('document'),
  async setup({ connection, publishPending }) {
    const store = new DocumentStore(connection);
    return {
      resolvers: {
        Query: queryResolvers,
        Mutation: mutationResolvers(publishPending),
        Document: documentResolvers,
        DocumentLine: documentLineResolvers,
      },
      extendContext: (base) => ({ ...base, store }),
      outboxModels: [store.documents],
      consumers: [customerReplicaConsumer(store)],
    };
  },
});
