import { subgraphTypeDefs } from '@portico/schemas';
import { runService } from '@portico/service-runtime';
import { loadDocumentConfig } from './config';
import type { DocumentContext } from './context';
import { DocumentChanges } from './document-changes';
import { accessReplicaConsumer } from './events/access-replica-consumer';
import { customerReplicaConsumer } from './events/customer-replica-consumer';
import { staffConsumer } from './events/staff-consumer';
import { DocumentNumbers } from './numbering';
import {
  documentCommentResolvers,
  documentLineResolvers,
  documentResolvers,
  paymentResolvers,
} from './resolvers/document';
import { mutationResolvers } from './resolvers/mutation';
import { queryResolvers } from './resolvers/query';
import { DocumentStore } from './store';
import { documentViewer, type DocumentViewer } from './viewer';

runService<DocumentContext>({
  name: 'document',
  config: loadDocumentConfig(),
  typeDefs: subgraphTypeDefs('document'),
  async setup({ connection, publishPending }) {
    const store = new DocumentStore(connection);
    const changes = new DocumentChanges(store, new DocumentNumbers(connection), publishPending);
    return {
      resolvers: {
        Query: queryResolvers,
        Mutation: mutationResolvers,
        Document: documentResolvers,
        DocumentLine: documentLineResolvers,
        Payment: paymentResolvers,
        DocumentComment: documentCommentResolvers,
      },
      extendContext: (base) => {
        let viewer: Promise<DocumentViewer> | undefined;
        return {
          ...base,
          store,
          changes,
          viewer: () => (viewer ??= documentViewer(base.auth, store)),
        };
      },
      outboxModels: [store.documents, store.comments],
      consumers: [
        customerReplicaConsumer(store),
        accessReplicaConsumer(store),
        staffConsumer(store),
      ],
    };
  },
});
