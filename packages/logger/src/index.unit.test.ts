import { Writable } from 'node:stream';
import { createLogger, requestIdFrom, withRequestId } from './index';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: createLogger('test', { level: 'info', destination }) };
}

describe('logger', () => {
  it('adds the current request id to every line', async () => {
    const { lines, logger } = capture();
    await withRequestId('req-1', async () => {
      await Promise.resolve();
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', requestId: 'req-1', service: 'test' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('redacts secrets', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc' } },
        input: { password: 'hunter2', email: 'a@b.c' },
      },
      'login',
    );
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('Bearer abc');
    expect(line).toContain('a@b.c');
  });

  it('accepts sane request ids and replaces others', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom('bad id\n')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
