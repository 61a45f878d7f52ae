import type { Connection } from 'mongoose';

const COLLECTION = 'processed_events';

/**
 * Runs `work` for an event unless this consumer already processed it. Kafka
 * delivers at least once, so every consumer goes through here. The marker is
 * written after the work, so a crash in between repeats the work rather than
 * losing it: `work` must itself be safe to repeat (upserts, unique keys).
 * The marker's `_id` is unique on every backend, no extra index needed.
 */
export async function handleOnce(
  connection: Connection,
  consumer: string,
  eventId: string,
  work: () => Promise<void>,
): Promise<'processed' | 'duplicate'> {
  const processed = connection.collection<{ _id: string; at: Date }>(COLLECTION);
  const _id = `${consumer}:${eventId}`;
  if (await processed.findOne({ _id }, { projection: { _id: 1 } })) return 'duplicate';
  await work();
  try {
    await processed.insertOne({ _id, at: new Date() });
  } catch (error) {
    // A concurrent redelivery got there first; the work is idempotent.
    if ((error as { code?: number }).code !== 11000) throw error;
  }
  return 'processed';
}
