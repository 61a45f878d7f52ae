const running = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after every earlier `work` under the same key in this process
 * has settled, in call order; other keys overlap freely. FerretDB 1.24
 * (SQLite) gives concurrent writes to one document no isolation, and
 * contended unique inserts cost a round trip per collision: taking turns
 * avoids both within a process (replicas still rely on the database).
 */
export async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = running.get(key) ?? Promise.resolve();
  const current = previous.then(work, work);
  const settled = current.then(
    () => undefined,
    () => undefined,
  );
  running.set(key, settled);
  try {
    return await current;
  } finally {
    if (running.get(key) === settled) running.delete(key);
  }
}
