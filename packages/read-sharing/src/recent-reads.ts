export interface RecentReadsOptions {
  /**
   * How long an answer is used before it is read again, counted from when its
   * read started (the answer is no newer than that); Infinity: until set,
   * forgotten or dropped.
   */
  keepMs: number;
  /** Answers kept at most; the least recently used goes first. */
  capacity: number;
  now?: () => number;
}

/**
 * Answers of a read kept in memory across requests, for reads every request
 * makes and whose answers seldom change (a contact's access, a tenant's
 * settings). Whoever changes an answer says so with `set` or `forget`; such a
 * change wins over a read already under way: that read's answer goes to its
 * callers but is not kept, since it may be older than the change.
 */
export class RecentReads<K, V> {
  private readonly kept = new Map<K, { value: V; until: number }>();
  /** Reads under way, with the change count they started at. */
  private readonly reading = new Map<K, { changes: number; answer: Promise<V> }>();
  // Counts set/forget calls: a read that saw one happen while it ran keeps nothing.
  private changes = 0;
  private readonly now: () => number;

  constructor(private readonly options: RecentReadsOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The kept answer for `key` while it is fresh, or else `read`'s, shared with
   * callers asking meanwhile unless a change came between.
   */
  get(key: K, read: (key: K) => Promise<V>): Promise<V> {
    const known = this.kept.get(key);
    if (known) {
      this.kept.delete(key); // re-inserted below: the map's order is least recently used first
      if (known.until > this.now()) {
        this.kept.set(key, known);
        return Promise.resolve(known.value);
      }
    }
    const running = this.reading.get(key);
    if (running?.changes === this.changes) return running.answer;
    const changes = this.changes;
    const startedAt = this.now();
    const answer = read(key).then((value) => {
      if (this.changes === changes) this.keep(key, value, startedAt);
      return value;
    });
    const entry = { changes, answer };
    this.reading.set(key, entry);
    const done = () => this.reading.get(key) === entry && this.reading.delete(key);
    answer.then(done, done);
    return answer;
  }

  /** The answer for `key` is now `value` (its owner changed it). */
  set(key: K, value: V): void {
    this.changes += 1;
    this.keep(key, value, this.now());
  }

  /** The kept answer for `key` is stale: the next get reads again. */
  forget(key: K): void {
    this.changes += 1;
    this.kept.delete(key);
  }

  /** The kept answer for `key`, fresh or not (undefined when there is none). */
  peek(key: K): V | undefined {
    return this.kept.get(key)?.value;
  }

  private keep(key: K, value: V, asOf: number): void {
    this.kept.delete(key);
    this.kept.set(key, { value, until: asOf + this.options.keepMs });
    if (this.kept.size > this.options.capacity) this.kept.delete(this.kept.keys().next().value!);
  }
}
