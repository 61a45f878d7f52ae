import { RecentReads } from './recent-reads';

/** A read of numbered answers that finishes when `finish` is called. */
function controlledRead() {
  const calls: string[] = [];
  const waiting: Array<() => void> = [];
  const read = (key: string) => {
    calls.push(key);
    const answer = `${key}#${calls.length}`;
    return new Promise<string>((resolve) => waiting.push(() => resolve(answer)));
  };
  const finishAll = () => waiting.splice(0).forEach((finish) => finish());
  return { calls, read, finishAll };
}

describe('RecentReads', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  // A read that takes time answers as of its start, so keepMs counts from there.
  it.each([
    ['answers at once', 0],
    ['takes 60 ms', 60],
  ])(
    'keeps an answer for keepMs from when its read started, when the read %s',
    async (_, readMs) => {
      const reads = new RecentReads<string, string>({ keepMs: 100, capacity: 10, now });
      const { calls, read, finishAll } = controlledRead();
      const first = reads.get('a', read);
      clock += readMs;
      finishAll();
      expect(await first).toBe('a#1');
      clock += 99 - readMs;
      expect(await reads.get('a', read)).toBe('a#1');
      clock += 1;
      const again = reads.get('a', read);
      finishAll();
      expect(await again).toBe('a#2');
      expect(calls).toEqual(['a', 'a']);
    },
  );

  it('shares a read under way among callers of one key', async () => {
    const reads = new RecentReads<string, string>({ keepMs: 100, capacity: 10, now });
    const { calls, read, finishAll } = controlledRead();
    const both = Promise.all([reads.get('a', read), reads.get('a', read), reads.get('b', read)]);
    finishAll();
    expect(await both).toEqual(['a#1', 'a#1', 'b#2']);
    expect(calls).toEqual(['a', 'b']);
  });

  it('does not keep a read that a set or forget overtook, nor share it after the change', async () => {
    const reads = new RecentReads<string, string>({ keepMs: Infinity, capacity: 10, now });
    const { calls, read, finishAll } = controlledRead();
    const before = reads.get('a', read);
    reads.set('a', 'a-from-event');
    finishAll();
    expect(await before).toBe('a#1'); // its caller asked before the change
    expect(await reads.get('a', read)).toBe('a-from-event');

    const stale = reads.get('b', read);
    reads.forget('b');
    const fresh = reads.get('b', read); // started after the change: not joined to the older read
    finishAll();
    expect(await stale).toBe('b#2');
    expect(await fresh).toBe('b#3');
    expect(await reads.get('b', read)).toBe('b#3');
    expect(calls).toEqual(['a', 'b', 'b']);
  });

  it('drops the least recently used answer beyond its capacity', async () => {
    const reads = new RecentReads<string, string>({ keepMs: Infinity, capacity: 2, now });
    reads.set('a', 'A');
    reads.set('b', 'B');
    expect(reads.peek('a')).toBe('A');
    await reads.get('a', () => Promise.reject(new Error('kept, not read'))); // a is now the most recent
    reads.set('c', 'C');
    expect([reads.peek('a'), reads.peek('b'), reads.peek('c')]).toEqual(['A', undefined, 'C']);
  });

  it('keeps nothing from a failed read', async () => {
    const reads = new RecentReads<string, string>({ keepMs: 100, capacity: 10, now });
    await expect(reads.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await reads.get('a', async () => 'up')).toBe('up');
  });
});
