import { existsSync } from 'node:fs';
import { request } from 'node:http';

/** True when a Docker engine answers on its socket (DOCKER_HOST is honoured by testcontainers). */
export function dockerAnswers(socketPath = '/var/run/docker.sock'): Promise<boolean> {
  if (process.env.PORTICO_NO_CONTAINERS === '1') return Promise.resolve(false);
  if (!process.env.DOCKER_HOST && !existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => (req.destroy(), resolve(false)));
    req.end();
  });
}

export interface ContainerHandle {
  url: string;
  stop(): Promise<void>;
}

/** MongoDB 7 (single-node replica set) in a container, for Docker hosts. */
export async function startMongoContainer(): Promise<ContainerHandle> {
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const container = await new MongoDBContainer('mongo:7').start();
  const url = container.getConnectionString();
  return {
    url: `${url}${url.includes('?') ? '&' : '?'}directConnection=true`,
    stop: async () => void (await container.stop()),
  };
}

/** Kafka in KRaft mode in a container, auto-create off as on our own brokers. */
export async function startKafkaContainer(): Promise<ContainerHandle> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer('confluentinc/cp-kafka:7.9.0')
    .withKraft()
    .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' })
    .start();
  return {
    url: `${container.getHost()}:${container.getMappedPort(9093)}`,
    stop: async () => void (await container.stop()),
  };
}
