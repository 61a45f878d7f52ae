import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createEvent } from '@portico/events';
import { createKafkaClient } from '@portico/kafka';
import { createLogger } from '@portico/logger';

const root = join(__dirname, '../../..');
const DLQ = 'customer.events.v1.dlq';

/** `pnpm portico ...` as an operator runs it: its exit code and what it printed. */
async function portico(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'infra/ops/src/portico.ts'), ...args],
      { cwd: root, env: { ...process.env, KAFKA_BROKERS: process.env.KAFKA_BROKERS } },
    );
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

/** A dead letter as the bus writes one, for an event keyed by `subject`; its offset. */
async function deadLetter(subject: string): Promise<string> {
  const kafka = createKafkaClient({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'portico-cli-test',
    logger: createLogger('portico-cli-test', { level: 'silent' }),
  });
  const producer = kafka.producer();
  await producer.connect();
  const event = createEvent({
    type: 'portico.customer.created.v1',
    service: 'test',
    subject,
    tenantId: 'tenant-1',
    data: { customerId: subject, number: 'C-9', type: 'PERSON', displayName: 'Jo Doe' },
  });
  const [written] = await producer.send({
    topic: DLQ,
    messages: [
      {
        key: subject,
        value: JSON.stringify(event),
        headers: {
          'x-error': 'no template for C-9',
          'x-original-topic': 'customer.events.v1',
          'x-original-offset': '41',
          'x-group': 'document.customers',
        },
      },
    ],
  });
  await producer.disconnect();
  return written!.baseOffset!;
}

describe('pnpm portico dlq', () => {
  it('lists, shows and replays a dead letter once', async () => {
    const subject = randomUUID();
    const offset = await deadLetter(subject);

    const topics = await portico('dlq', 'list');
    expect(topics.code).toBe(0);
    expect(topics.out).toMatch(/^customer\.events\.v1\.dlq\s+[1-9]\d*$/m);

    const letters = await portico('dlq', 'list', DLQ);
    const line = letters.out.split('\n').find((each) => each.includes(subject));
    expect(line).toMatch(
      new RegExp(
        `^${offset}  .+  waiting  document\\.customers  portico\\.customer\\.created\\.v1  ${subject}  no template for C-9$`,
      ),
    );

    const shown = await portico('dlq', 'show', DLQ, offset);
    expect(JSON.parse(shown.out)).toMatchObject({
      offset,
      group: 'document.customers',
      event: { subject, data: { number: 'C-9' } },
    });

    const replayed = await portico('dlq', 'replay', DLQ, offset);
    expect(replayed.out.trim()).toBe(
      `replayed ${DLQ}:${offset} to customer.events.v1 for document.customers`,
    );
    const again = await portico('dlq', 'replay', DLQ, offset);
    expect(again.out).toMatch(
      new RegExp(`^${DLQ}:${offset} was replayed at .+; not sent again$`, 'm'),
    );
    expect((await portico('dlq', 'list', DLQ)).out).toMatch(
      new RegExp(`^${offset}  \\S+  replayed \\S+  document\\.customers`, 'm'),
    );
  });

  it('replays every waiting letter with --all, each once', async () => {
    const offsets = [await deadLetter(randomUUID()), await deadLetter(randomUUID())];
    const first = await portico('dlq', 'replay', DLQ, '--all');
    expect(first.code).toBe(0);
    for (const offset of offsets)
      expect(first.out).toContain(
        `replayed ${DLQ}:${offset} to customer.events.v1 for document.customers\n`,
      );
    // Other tests may dead-letter into this topic meanwhile: only these two are watched.
    const second = await portico('dlq', 'replay', DLQ, '--all');
    expect(second.code).toBe(0);
    for (const offset of offsets) expect(second.out).not.toContain(`${DLQ}:${offset} `);
  });

  it('says what is wrong with its arguments', async () => {
    const missing = await portico('dlq', 'replay', DLQ);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/replay needs a topic and an offset/);
    expect(missing.err).toMatch(/usage:/);
    const notDeadLetters = await portico('dlq', 'list', 'customer.events.v1');
    expect(notDeadLetters.code).toBe(1);
    expect(notDeadLetters.err).toMatch(/customer\.events\.v1 is not a dead-letter topic/);
    const unknown = await portico('dlq', 'show', DLQ, '999999999');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no dead letter at offset 999999999/);
  });
});
