import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { createLogger } from '@portico/logger';
import { kafkajsLogCreator } from './kafkajs-log';

function capture() {
  const lines: { level: number; msg: string }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  const logger = createLogger('test', { level: 'debug', destination });
  return { lines, log: kafkajsLogCreator(logger)() };
}

const entry = (level: logLevel, message: string, extra: Record<string, unknown> = {}) => ({
  namespace: 'Connection',
  level,
  label: 'ERROR',
  log: { timestamp: '2026-11-24T00:00:00.000Z', message, ...extra },
});

describe('kafkajs log lines', () => {
  it('keep their level, at error and warn', () => {
    const { lines, log } = capture();
    log(entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:9092'));
    log(entry(logLevel.WARN, 'The group is rebalancing, re-joining'));
    log(entry(logLevel.INFO, 'Consumer has joined the group'));
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [50, 'kafka: Connection error: connect ECONNREFUSED 127.0.0.1:9092'],
      [40, 'kafka: The group is rebalancing, re-joining'],
      [20, 'kafka: Consumer has joined the group'],
    ]);
  });

  it('put a broker’s routine group answers at debug, not error', () => {
    const { lines, log } = capture();
    for (const error of [
      'The group is rebalancing, so a rejoin is needed',
      "The coordinator is loading and hence can't process requests for this group",
      'The group coordinator is not available',
    ])
      log(entry(logLevel.ERROR, 'Response Heartbeat(key: 12, version: 3)', { error }));
    log(entry(logLevel.ERROR, 'Response Produce(key: 0, version: 7)', { error: 'Not authorized' }));
    expect(lines.map((line) => line.level)).toEqual([20, 20, 20, 50]);
  });
});
