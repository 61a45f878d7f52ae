import type { Admin, Kafka } from 'kafkajs';
import { allTopics, type TopicName } from '@portico/events';
import type { EventBus } from './bus';

/** The bus's questions to the cluster: topics, end offsets, consumer groups' offsets. */
export type ClusterAdmin = Pick<EventBus, 'endOffsets' | 'liveGroupOffsets' | 'ensureTopics'> & {
  close(): Promise<void>;
};

export function createClusterAdmin(kafka: Kafka): ClusterAdmin {
  // One admin connection for the calls that may repeat (offsets), opened on first use.
  let admin: Admin | undefined;
  let adminConnecting: Promise<Admin> | undefined;
  function sharedAdmin(): Promise<Admin> {
    if (admin) return Promise.resolve(admin);
    adminConnecting ??= (async () => {
      const client = kafka.admin();
      await client.connect();
      admin = client;
      return client;
    })().finally(() => (adminConnecting = undefined));
    return adminConnecting;
  }

  async function endOffsets(topics: TopicName[]): Promise<Map<string, bigint>> {
    const client = await sharedAdmin();
    const ends = new Map<string, bigint>();
    for (const topic of topics)
      for (const { partition, high } of await client.fetchTopicOffsets(topic))
        ends.set(`${topic}:${partition}`, BigInt(high));
    return ends;
  }

  async function liveGroupOffsets(
    matches: (groupId: string) => boolean,
    topics: TopicName[],
  ): Promise<Map<string, Map<string, bigint>>> {
    const client = await sharedAdmin();
    const candidates = (await client.listGroups()).groups
      .map(({ groupId }) => groupId)
      .filter(matches);
    if (candidates.length === 0) return new Map();
    // A group without members (its process stopped) reads nothing more: not waited for.
    const { groups } = await client.describeGroups(candidates);
    const live = groups.filter(({ state }) => state !== 'Empty' && state !== 'Dead');
    return new Map(
      await Promise.all(
        live.map(async ({ groupId }) => {
          const committed = new Map<string, bigint>();
          for (const { topic, partitions } of await client.fetchOffsets({ groupId, topics }))
            for (const { partition, offset } of partitions) {
              const next = BigInt(offset); // -1: nothing committed there
              if (next >= 0n) committed.set(`${topic}:${partition}`, next);
            }
          return [groupId, committed] as const;
        }),
      ),
    );
  }

  async function ensureTopics(): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = allTopics().filter(({ topic }) => !existing.has(topic));
      if (missing.length === 0) return;
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map(({ topic, partitions }) => ({
            topic,
            numPartitions: partitions,
            replicationFactor: -1,
          })),
        });
      } catch (error) {
        // Several services start at once and race to create the same topics.
        const now = new Set(await admin.listTopics());
        if (!missing.every(({ topic }) => now.has(topic))) throw error;
      }
    } finally {
      await admin.disconnect();
    }
  }

  return {
    endOffsets,
    liveGroupOffsets,
    ensureTopics,
    close: async () => {
      await admin?.disconnect();
      admin = undefined;
    },
  };
}
