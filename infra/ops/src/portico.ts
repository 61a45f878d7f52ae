import {
  kafkaConnectionOf,
  kafkaSecurityEnv,
  loadConfigOrExit,
  serviceEnv,
  z,
} from '@portico/config';
import { openDeadLetterDesk } from '@portico/kafka';
import { createLogger } from '@portico/logger';
import { DEAD_LETTER_USAGE, runDeadLetterCommand, UsageError } from './dead-letter-commands';

// Operator commands against a running platform; they reach Kafka as the services do.
const [area, ...args] = process.argv.slice(2);
if (area !== 'dlq') {
  process.stderr.write(`${DEAD_LETTER_USAGE}\n`);
  process.exit(2);
}
const config = loadConfigOrExit(
  z.object({ KAFKA_BROKERS: serviceEnv.KAFKA_BROKERS, ...kafkaSecurityEnv }),
);
const desk = openDeadLetterDesk({
  brokers: config.KAFKA_BROKERS,
  clientId: 'portico-ops',
  // Logs go to stderr: stdout carries the answer (JSON for `show`).
  logger: createLogger('portico-ops', { level: 'error', destination: process.stderr }),
  ...kafkaConnectionOf(config),
});
runDeadLetterCommand(args, desk, (line) => process.stdout.write(`${line}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof UsageError) process.stderr.write(`${DEAD_LETTER_USAGE}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  })
  .finally(() => desk.close());
