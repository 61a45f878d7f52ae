import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import type { Logger } from '@portico/logger';
import { kafkajsLogCreator } from './kafkajs-log';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** TLS to the brokers (production); off for the local broker. */
  ssl?: boolean;
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
}

/** The kafkajs client for these brokers, logging through our logger. */
export function createKafkaClient(options: KafkaBusOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: options.ssl ?? false,
    ...(options.sasl ? { sasl: options.sasl as SASLOptions } : {}),
    logLevel: logLevel.WARN,
    logCreator: kafkajsLogCreator(options.logger),
    retry: { retries: 8, initialRetryTime: 200 },
  });
}
