import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { createLogger } from '@portico/logger';
import { kafkajsLogCreator } from './kafkajs-log';

function capture(now: () => number = Date.now) {
  const lines: { level: number; msg: string; repeated?: number }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
      done();
    },
  });
  const logger = createLogger('test', { level: 'debug', destination });
  return { lines, log: kafkajsLogCreator(logger, now)() };
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

  it('write a failure to reach the broker once per 10 s, with how often it came meanwhile', () => {
    let clock = 0;
    const { lines, log } = capture(() => clock);
    const refused = 'Connection error: connect ECONNREFUSED 127.0.0.1:9092';
    const seed = 'Failed to connect to seed broker, trying another broker from the list';
    for (let second = 0; second < 25; second++, clock += 1_000) {
      log(entry(logLevel.ERROR, refused));
      log(entry(logLevel.ERROR, refused));
      log(entry(logLevel.ERROR, seed));
    }
    log(entry(logLevel.ERROR, 'Crash: KafkaJSNonRetriableError'));
    expect(lines.map((line) => [line.msg.slice(7, 22), line.repeated])).toEqual([
      ['Connection erro', undefined],
      ['Failed to conne', undefined],
      ['Connection erro', 19],
      ['Failed to conne', 9],
      ['Connection erro', 19],
      ['Failed to conne', 9],
      ['Crash: KafkaJSN', undefined],
    ]);
  });
});
