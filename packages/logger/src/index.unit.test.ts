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

  it('redacts secrets at any depth and keeps error codes readable', () => {
    const { lines, logger } = capture();
    const failure = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), {
      code: 'ECONNREFUSED',
    });
    const logged = {
      err: failure,
      request: { body: { variables: { code: 'K7M3PQ', token: 'invite-secret' } } },
      deep: { a: { b: { c: { refreshToken: 'refresh-secret' } } } },
      headers: { Cookie: 'kept as named', cookie: 'session=cookie-secret' },
    };
    logger.error(logged, 'failed');
    const line = JSON.stringify(lines[0]);
    for (const secret of ['K7M3PQ', 'invite-secret', 'refresh-secret', 'cookie-secret'])
      expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({ err: { code: 'ECONNREFUSED', message: failure.message } });
    expect(logged.request.body.variables.code).toBe('K7M3PQ'); // the caller's object is untouched

    const carrying = Object.assign(new Error('bad login'), { password: 'error-secret' });
    logger.error({ err: carrying }, 'failed');
    expect(JSON.stringify(lines[1])).not.toContain('error-secret');
    expect(lines[1]).toMatchObject({ err: { message: 'bad login', type: 'Error' } });
  });

  it('accepts sane request ids and replaces others', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom('bad id\n')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
