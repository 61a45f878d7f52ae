import { createKafkaBus } from '@portico/kafka';
import { createLogger } from '@portico/logger';

/** Creates every topic before the services start, so they do not race to create them. */
export async function createTopics(brokers: string): Promise<void> {
  const bus = createKafkaBus({
    brokers: brokers.split(','),
    clientId: 'portico-launcher',
    logger: createLogger('launcher', { level: 'warn' }),
  });
  try {
    await bus.ensureTopics();
  } finally {
    await bus.close();
  }
}
