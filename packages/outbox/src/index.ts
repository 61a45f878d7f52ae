import type { Model } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import type { EventBus } from '@portico/kafka';
import type { Logger } from '@portico/logger';

/**
 * Schema path for a model whose documents carry pending events. A state change
 * and its event are written in one single-document update (`$push` to
 * `outbox`), which is atomic on MongoDB and FerretDB alike: no transaction,
 * no lost event.
 */
export const outboxPath = { outbox: { type: [Object], default: [] as CloudEvent[] } };

export interface OutboxRelay {
  /** Relays now instead of at the next tick (call after a write). */
  kick(): void;
  /** Relays until nothing is pending; for tests and shutdown. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface OutboxRelayOptions {
  models: Model<{ outbox: CloudEvent[] }>[];
  bus: EventBus;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
}

/**
 * Publishes pending events and then removes them from their documents. Several
 * replicas may relay the same event (at-least-once); consumers are idempotent.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { models, bus, logger, intervalMs = 500, batchSize = 100 } = options;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function relayModel(model: OutboxRelayOptions['models'][number]): Promise<number> {
    const pending = await model
      .find({ 'outbox.0': { $exists: true } }, { outbox: 1 })
      .limit(batchSize)
      .lean();
    for (const document of pending) {
      const events = document.outbox;
      await bus.publish(events);
      // $pullAll with the exact values read: FerretDB 1.24 ignores $pull with a condition.
      await model.updateOne({ _id: document._id }, { $pullAll: { outbox: events } });
    }
    return pending.length;
  }

  async function relayAll(): Promise<void> {
    do {
      again = false;
      let relayed = 0;
      for (const model of models) relayed += await relayModel(model);
      if (relayed > 0) again = true;
    } while (again && !stopped);
  }

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = relayAll()
      .catch((error: unknown) => logger.warn({ err: error }, 'outbox relay failed; retrying on next tick'))
      .finally(() => (running = undefined));
    return running;
  }

  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();

  return {
    kick: () => void run(),
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
