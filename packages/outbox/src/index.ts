import type { Collection, mongo } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import type { EventBus } from '@portico/kafka';
import type { Logger } from '@portico/logger';
import { lockDocument } from './document-lock';

export { lockDocument, updateLocked } from './document-lock';

/**
 * Schema path for a model whose documents carry pending events. A state change
 * and its event are written in one single-document update (`$push` to
 * `outbox`): no transaction, no lost event. Updates of such a document go
 * through `lockDocument`, so the relay's removal cannot overwrite a write on
 * FerretDB.
 */
export const outboxPath = { outbox: { type: [Object], default: [] as CloudEvent[] } };

export interface OutboxRelay {
  /** Starts relaying from these sources: now, then every tick. */
  start(sources: OutboxSource[]): void;
  /** Relays now instead of at the next tick (call after a write); resolves once relayed. No-op before start. */
  kick(): Promise<void>;
  /** Relays until nothing is pending; for tests and shutdown. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** A mongoose model (or anything with its collection) whose documents have an `outbox`. */
export interface OutboxSource {
  collection: Collection;
}

export interface OutboxRelayOptions {
  bus: EventBus;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
}

/**
 * Publishes pending events and then removes them from their documents. Several
 * replicas may relay the same event (at-least-once); consumers are idempotent.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { bus, logger, intervalMs = 500, batchSize = 100 } = options;
  let sources: OutboxSource[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function relaySource(source: OutboxSource): Promise<number> {
    // mongoose types its Collection loosely; this is the shape the relay relies on.
    const collection = source.collection as unknown as mongo.Collection<{ outbox: CloudEvent[] }>;
    const pending = await collection
      .find({ 'outbox.0': { $exists: true } }, { projection: { outbox: 1 } })
      .limit(batchSize)
      .toArray();
    for (const document of pending) {
      const events = document.outbox;
      await bus.publish(events);
      logger.debug({ events: events.map((event) => event.type) }, 'relayed events');
      // $pullAll with the exact values read: FerretDB 1.24 ignores $pull with a condition.
      await lockDocument(source, String(document._id), () =>
        collection.updateOne({ _id: document._id }, { $pullAll: { outbox: events } }),
      );
    }
    return pending.length;
  }

  async function relayAll(): Promise<void> {
    do {
      again = false;
      let relayed = 0;
      for (const source of sources) relayed += await relaySource(source);
      if (relayed > 0) again = true;
    } while (again && !stopped);
  }

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = relayAll()
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'outbox relay failed; retrying on next tick'),
      )
      .finally(() => (running = undefined));
    return running;
  }

  return {
    start(from) {
      sources = from;
      timer = setInterval(() => void run(), intervalMs);
      timer.unref();
      void run();
    },
    kick: () => (timer ? run() : Promise.resolve()),
    drain: async () => {
      await run();
      await run();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
