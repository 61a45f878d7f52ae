import { randomUUID } from 'node:crypto';
import { RevocationList } from '@portico/auth';
import type { CloudEvent, TopicName } from '@portico/events';
import type { EventBus, Subscription } from '@portico/kafka';
import { Gauge } from 'prom-client';

const TOPICS: TopicName[] = ['identity.revocations.v1', 'access.events.v1'];
const CATCH_UP_TIMEOUT_MS = 60_000;
const GROUP_MARK = '.revocations.';
// How long a revocation's answer waits for the slowest process, and how often it looks.
const APPLIED_TIMEOUT_MS = 3_000;
const APPLIED_POLL_MS = 5;
// The poll itself reports who lags at the timeout; this much later, a broker call that hangs is cut off.
const UNANSWERED_GRACE_MS = 500;

// One list per process: the gauge reads the one its feed fills.
let followed: RevocationList | undefined;
new Gauge({
  name: 'revocation_feed_unread_seconds',
  help: 'Seconds since the revocation feed last read from the broker (alert above 30: older tokens are refused)',
  collect() {
    const lastRead = followed?.lastReadAt();
    if (lastRead !== undefined && lastRead !== null) this.set((Date.now() - lastRead) / 1_000);
  },
});

export interface RevocationFeed {
  revocations: RevocationList;
  subscription: Subscription;
  /** Resolves once every revocation that existed at start is in the list: serve only then. */
  caughtUp: Promise<void>;
}

/** Called with each event of the feed once the revocation list has applied it. */
export type FeedFollower = (event: CloudEvent) => void;

/**
 * Subscribes this process to every revocation: ended sessions (identity) and
 * revoked or re-timed portal accesses (customer). A consumer group of its own
 * (each replica must see all of them), reading from the beginning so a
 * process that starts late still knows what was revoked. `follow` sees every
 * event too (every portal access event, grants and changes included) before
 * the feed commits it: what it keeps is as current as the revocations.
 */
export async function followRevocations(
  bus: EventBus,
  processName: string,
  onFatal: (error: Error) => void,
  follow: FeedFollower = () => undefined,
): Promise<RevocationFeed> {
  const revocations = new RevocationList();
  followed = revocations;
  // What exists now; the feed has caught up once it has read up to here on every partition.
  const behind = await revocationsNow(bus);
  let markCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`revocation feed not caught up after ${CATCH_UP_TIMEOUT_MS} ms`)),
      CATCH_UP_TIMEOUT_MS,
    );
    timer.unref();
    markCaughtUp = () => (clearTimeout(timer), resolve());
  });
  caughtUp.catch(() => undefined); // observed by the caller; no unhandled rejection meanwhile
  if (behind.size === 0) markCaughtUp();

  const subscription = await bus.subscribe({
    groupId: `${processName}${GROUP_MARK}${randomUUID()}`,
    topics: TOPICS,
    onFatal,
    // Each answered fetch means every revocation published before it is read (the feed is
    // idle once caught up); a broker outage stops them, and the list refuses older tokens.
    onFetch: () => revocations.feedReadAt(Date.now()),
    async handle(event: CloudEvent, delivery) {
      apply(revocations, event);
      follow(event);
      const key = `${delivery.topic}:${delivery.partition}`;
      const end = behind.get(key);
      if (end !== undefined && BigInt(delivery.offset) + 1n >= end) {
        behind.delete(key);
        if (behind.size === 0) markCaughtUp();
      }
    },
  });
  return { revocations, subscription, caughtUp };
}

export interface AppliedEverywhere {
  /** Every running process had applied every revocation published before the call. */
  applied: boolean;
  waitedMs: number;
  /** The feeds (consumer groups) still behind when the wait ended; empty when applied. */
  behind: string[];
  /** Why the feeds could not be asked (the broker did not answer). */
  error?: string;
}

/**
 * Waits until every running process (each feed's consumer group that has a
 * member now) has applied every revocation published so far: a feed commits
 * its offsets once it has applied a batch. A revoking mutation answers after
 * this, so the revoked token is refused on the very next request, whichever
 * process takes it. Bounded by `timeoutMs`: a process that died without
 * leaving its group (until the broker expires it) must not hold revocations
 * up; the result says who was behind. It never throws: a broker that is
 * gone makes it answer `applied: false` with the error.
 */
export async function waitUntilRevocationsApplied(
  bus: EventBus,
  timeoutMs = APPLIED_TIMEOUT_MS,
): Promise<AppliedEverywhere> {
  const started = Date.now();
  // A broker that is gone makes each admin call retry for most of a minute: the bound holds
  // for those too. The revocation waits in the outbox, and each process's stale feed refuses
  // older tokens after FEED_STALE_AFTER_MS.
  let timer: NodeJS.Timeout | undefined;
  const cutOff = { done: false };
  const deadline = new Promise<AppliedEverywhere>((resolve) => {
    timer = setTimeout(
      () => resolve(unanswered(started, 'the broker did not answer in time')),
      timeoutMs + UNANSWERED_GRACE_MS,
    );
  });
  const waited = waitForFeeds(bus, started, timeoutMs, cutOff).catch((error: unknown) =>
    unanswered(started, String(error)),
  );
  return Promise.race([waited, deadline]).finally(() => {
    clearTimeout(timer);
    cutOff.done = true;
  });
}

async function waitForFeeds(
  bus: EventBus,
  started: number,
  timeoutMs: number,
  cutOff: { done: boolean },
): Promise<AppliedEverywhere> {
  const ends = [...(await revocationsNow(bus))];
  while (!cutOff.done) {
    const groups = await bus.liveGroupOffsets((id) => id.includes(GROUP_MARK), TOPICS);
    const behind = [...groups]
      .filter(([, committed]) => ends.some(([key, end]) => (committed.get(key) ?? 0n) < end))
      .map(([groupId]) => groupId);
    const waitedMs = Date.now() - started;
    if (behind.length === 0) return { applied: true, waitedMs, behind };
    if (waitedMs >= timeoutMs) return { applied: false, waitedMs, behind };
    await new Promise((resolve) => setTimeout(resolve, APPLIED_POLL_MS));
  }
  return unanswered(started, 'cut off');
}

function unanswered(started: number, error: string): AppliedEverywhere {
  return { applied: false, waitedMs: Date.now() - started, behind: [], error };
}

/** Per partition of the revocation topics that holds any, the offset the next one will get. */
async function revocationsNow(bus: EventBus): Promise<Map<string, bigint>> {
  return new Map([...(await bus.endOffsets(TOPICS))].filter(([, end]) => end > 0n));
}

function apply(revocations: RevocationList, event: CloudEvent): void {
  switch (event.type) {
    case 'portico.identity.session-revoked.v1': {
      const data = event.data;
      revocations.add(data.sessionId, new Date(data.tokensValidUntil));
      return;
    }
    case 'portico.access.revoked.v1': {
      const data = event.data;
      revocations.cutAccess(data.accessId, new Date(data.revokedAt));
      return;
    }
    case 'portico.access.updated.v1': {
      const data = event.data;
      if (data.expiresAt) revocations.cutAccess(data.accessId, new Date(data.expiresAt));
      else revocations.restoreAccess(data.accessId);
      return;
    }
    default:
      return;
  }
}
