import { subgraphTypeDefs } from '@portico/schemas';
import { oncePerKey } from '@portico/read-sharing';
import { runService } from '@portico/service-runtime';
import { loadDocumentConfig } from './config';
import type { DocumentContext } from './context';
import { DocumentChanges } from './document-changes';
import { Downloads } from './downloads';
import { accessReplicaConsumer } from './events/access-replica-consumer';
import { customerReplicaConsumer } from './events/customer-replica-consumer';
import { shelfWarmingConsumer } from './events/shelf-warming-consumer';
import { staffConsumer } from './events/staff-consumer';
import { DocumentNumbers } from './numbering';
import { resolvers } from './resolvers';
import { Statements } from './statements';
import { DocumentStore } from './store';
import { documentViewer, type DocumentViewer } from './viewer';
import { ViewerReads } from './viewer-reads';

const config = loadDocumentConfig();

runService<DocumentContext>({
  name: 'document',
  config,
  typeDefs: subgraphTypeDefs('document'),
  async setup({ connection, bus, logger, publishPending, followRevocationFeed }) {
    const store = new DocumentStore(connection);
    const reads = new ViewerReads(store);
    followRevocationFeed((event) => reads.followAccess(event));
    // Before serving, so staff lists are whole; once per database (it reads every document).
    const built = await store.buildLedger();
    if (built) logger.info({ documents: built }, 'built the staff ledger from the documents');
    // In the background: on FerretDB this check reads the whole collection.
    store
      .restock()
      .then((count) => count && logger.warn({ count }, 'shelved documents a crash had left off'))
      .catch((error: unknown) => logger.error({ err: error }, 'restocking shelves failed'));
    const downloads = new Downloads(
      store,
      bus,
      logger,
      { secret: config.FILE_LINK_SECRET, publicUrl: config.PUBLIC_URL },
      publishPending,
    );
    const statements = new Statements(store, bus, downloads);
    const numbers = new DocumentNumbers(connection);
    const changes = new DocumentChanges(store, numbers, publishPending);
    return {
      resolvers,
      extendContext: (base) => {
        let viewer: Promise<DocumentViewer> | undefined;
        return {
          ...base,
          store,
          changes,
          downloads,
          statements,
          viewer: () => (viewer ??= documentViewer(base.auth, store, reads)),
          customerCopy: oncePerKey((customerId: string) => reads.customer(customerId)),
        };
      },
      outboxModels: [store.documents, store.comments],
      consumers: [
        customerReplicaConsumer(store, numbers, reads),
        accessReplicaConsumer(store),
        staffConsumer(store),
        shelfWarmingConsumer(store),
      ],
    };
  },
});
