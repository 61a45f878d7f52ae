/** A read made once per key; `known` gives an answer that has arrived without waiting. */
export interface OncePerKey<K, V> {
  (key: K): Promise<V>;
  /** The key's answer once its read has finished (wrapped: it may be null); undefined before. */
  known(key: K): { value: V } | undefined;
}

/**
 * Wraps a read so each key is read once: built per request (in the context),
 * it turns the gateway's many references to one entity (a page of documents
 * of one customer) into one database read, and keeps every answer of the
 * request consistent. Failures are not kept: the next call tries again.
 */
export function oncePerKey<K, V>(read: (key: K) => Promise<V>): OncePerKey<K, V> {
  const reads = new Map<K, Promise<V>>();
  const answers = new Map<K, { value: V }>();
  const once = (key: K) => {
    let pending = reads.get(key);
    if (!pending) {
      pending = read(key);
      reads.set(key, pending);
      pending.then(
        (value) => void answers.set(key, { value }),
        () => reads.delete(key),
      );
    }
    return pending;
  };
  return Object.assign(once, { known: (key: K) => answers.get(key) });
}

/**
 * Shares a call among callers asking for the same key while it runs: the
 * first starts it, the others get its promise. Unlike oncePerKey nothing is
 * kept once it settles, so a later caller starts a fresh call (one that sees
 * newer data).
 */
export function sharedWhileRunning<K, V>(): (key: K, start: () => Promise<V>) => Promise<V> {
  const running = new Map<K, Promise<V>>();
  return (key, start) => {
    let shared = running.get(key);
    if (!shared) {
      shared = start().finally(() => running.delete(key));
      running.set(key, shared);
    }
    return shared;
  };
}
