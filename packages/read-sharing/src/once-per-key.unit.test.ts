import { oncePerKey, sharedWhileRunning } from './once-per-key';

describe('oncePerKey', () => {
  it('reads each key once, also while the first read is still running', async () => {
    const reads: string[] = [];
    const load = oncePerKey(async (id: string) => {
      reads.push(id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { id };
    });
    const results = await Promise.all(['a', 'a', 'b', 'a'].map(load));
    expect(results.map((result) => result.id)).toEqual(['a', 'a', 'b', 'a']);
    expect(results[0]).toBe(results[1]);
    expect(reads).toEqual(['a', 'b']);
  });

  it('knows an answer once its read has finished, null included, and no failure', async () => {
    const load = oncePerKey(async (id: string) => (id === 'none' ? null : { id }));
    const pending = load('a');
    expect(load.known('a')).toBeUndefined();
    await pending;
    expect(load.known('a')).toEqual({ value: { id: 'a' } });
    await load('none');
    expect(load.known('none')).toEqual({ value: null });
    const failing = oncePerKey(() => Promise.reject(new Error('down')));
    await expect(failing('x')).rejects.toThrow('down');
    expect(failing.known('x')).toBeUndefined();
  });

  it('tries again after a failure', async () => {
    let calls = 0;
    const load = oncePerKey(async () => {
      calls += 1;
      if (calls === 1) throw new Error('flaky');
      return calls;
    });
    await expect(load('x')).rejects.toThrow('flaky');
    expect(await load('x')).toBe(2);
    expect(await load('x')).toBe(2);
  });
});

describe('sharedWhileRunning', () => {
  it('shares a running call per key and starts a fresh one once it has settled', async () => {
    let calls = 0;
    const shared = sharedWhileRunning<string, number>();
    const start = async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return calls;
    };
    expect(await Promise.all([shared('a', start), shared('a', start), shared('b', start)])).toEqual(
      [2, 2, 2],
    );
    expect(calls).toBe(2);
    expect(await shared('a', start)).toBe(3);
  });

  it('forgets a failed call, so the next caller tries again', async () => {
    const shared = sharedWhileRunning<string, string>();
    await expect(shared('x', () => Promise.reject(new Error('flaky')))).rejects.toThrow('flaky');
    expect(await shared('x', async () => 'ok')).toBe('ok');
  });
});
