/**
 * Wraps a read so each key is read once: built per request (in the context),
 * it turns the gateway's many references to one entity (a page of documents
 * of one customer) into one database read, and keeps every answer of the
 * request consistent. Failures are not kept: the next call tries again.
 */
export function oncePerKey<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const reads = new Map<K, Promise<V>>();
  return (key) => {
    let pending = reads.get(key);
    if (!pending) {
      pending = read(key);
      reads.set(key, pending);
      pending.catch(() => reads.delete(key));
    }
    return pending;
  };
}
