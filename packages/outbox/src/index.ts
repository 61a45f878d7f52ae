import type { Collection, mongo } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import type { EventBus } from '@portico/kafka';
import type { Logger } from '@portico/logger';
import { inTurn } from '@portico/mongo';
import { documentKey, followWrites, takeWritten } from './document-lock';

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
  /**
   * Relays now instead of at the next tick (call after a write); resolves true once relayed,
   * false when the broker refused (the events wait for the next tick). No-op before start.
   */
  kick(): Promise<boolean>;
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
  /** How often every source is scanned for pending events, besides the documents written here. */
  sweepMs?: number;
  batchSize?: number;
}

/**
 * Publishes pending events and then removes them from their documents. Several
 * replicas may relay the same event (at-least-once); consumers are idempotent.
 *
 * Each pass looks at the documents this process wrote since the last pass
 * (each by `_id`); a full scan for `outbox.0` runs only at start and every
 * `sweepMs`, for events another (perhaps crashed) replica left. On FerretDB
 * 1.24 such a scan reads the whole collection: running it on every write
 * kept the database busy under load.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { bus, logger, intervalMs = 500, sweepMs = 30_000, batchSize = 100 } = options;
  let sources: OutboxSource[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;
  let again = false;
  let stopped = false;
  let sweepDue = true;
  let lastSweep = 0;

  async function relaySource(source: OutboxSource, sweep: boolean): Promise<number> {
    // mongoose types its Collection loosely; this is the shape the relay relies on.
    const collection = source.collection as unknown as mongo.Collection<{
      _id: string;
      outbox: CloudEvent[];
    }>;
    const projection = { projection: { outbox: 1 } };
    const pending = sweep
      ? await collection
          .find({ 'outbox.0': { $exists: true } }, projection)
          .limit(batchSize)
          .toArray()
      : (
          await Promise.all(
            takeWritten(collection.collectionName).map((_id) =>
              collection.findOne({ _id }, projection),
            ),
          )
        ).filter(
          (document): document is NonNullable<typeof document> =>
            document !== null && document.outbox.length > 0,
        );
    for (const document of pending) {
      const events = document.outbox;
      await bus.publish(events);
      logger.debug({ events: events.map((event) => event.type) }, 'relayed events');
      // $pullAll with the exact values read: FerretDB 1.24 ignores $pull with a condition.
      await inTurn(documentKey(collection.collectionName, document._id), () =>
        collection.updateOne({ _id: document._id }, { $pullAll: { outbox: events } }),
      );
    }
    return pending.length;
  }

  async function relayAll(): Promise<void> {
    do {
      again = false;
      const sweep = sweepDue || Date.now() - lastSweep >= sweepMs;
      if (sweep) lastSweep = Date.now();
      let relayed = 0;
      for (const source of sources) relayed += await relaySource(source, sweep);
      // A sweep that found a full batch looks again; so does a pass that relayed what was written.
      sweepDue = sweep && relayed >= batchSize;
      if (relayed > 0) again = true;
    } while (again && !stopped);
  }

  function run(): Promise<boolean> {
    if (running) {
      again = true;
      return running;
    }
    running = relayAll()
      .then(
        () => true,
        (error: unknown) => {
          logger.warn({ err: error }, 'outbox relay failed; retrying on next tick');
          return false;
        },
      )
      .finally(() => (running = undefined));
    return running;
  }

  return {
    start(from) {
      sources = from;
      for (const source of from) followWrites(source.collection.collectionName);
      timer = setInterval(() => void run(), intervalMs);
      timer.unref();
      void run();
    },
    kick: () => (timer ? run() : Promise.resolve(true)),
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
