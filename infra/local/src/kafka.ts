import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, hashOf, repoRoot } from './paths';
import { run, startLocalServer, type ManagedProcess } from './managed-process';

const sourceDir = join(repoRoot, 'infra/kafka');

/**
 * Fetches the Kafka broker jars listed in infra/kafka/pom.xml from Maven
 * Central into the cache, once per pom change.
 */
export async function ensureKafkaJars(): Promise<string> {
  const libs = join(cacheDir, 'kafka', `libs-${hashOf([join(sourceDir, 'pom.xml')])}`);
  if (existsSync(libs)) return libs;
  const partial = `${libs}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await run(
    'mvn',
    [
      '-q',
      '-B',
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${partial}`,
    ],
    {
      cwd: sourceDir,
    },
  );
  if (readdirSync(partial).length === 0) throw new Error('mvn fetched no Kafka jars');
  renameSync(partial, libs);
  return libs;
}

export interface KafkaHandle {
  brokers: string;
  process: ManagedProcess;
}

/** A single-node KRaft broker (broker and controller in one JVM), bounded heap. */
export async function startKafka({
  port,
  controllerPort,
  dataDir,
  logDir,
}: {
  port: number;
  controllerPort: number;
  dataDir: string;
  logDir: string;
}): Promise<KafkaHandle> {
  const libs = await ensureKafkaJars();
  mkdirSync(dataDir, { recursive: true });
  const config = join(dataDir, 'server.properties');
  writeFileSync(
    config,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${join(dataDir, 'logs')}`,
      // Topics are created by the project with their partition counts.
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'num.partitions=1',
    ].join('\n'),
  );
  const classpath = `${libs}/*`;
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java';
  if (!existsSync(join(dataDir, 'logs', 'meta.properties'))) {
    await run(java, [
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      randomUUID(),
      '-c',
      config,
      '--ignore-formatted',
    ]);
  }
  const broker = await startLocalServer({
    name: 'kafka',
    command: java,
    args: [
      '-Xms256m',
      '-Xmx512m',
      '-XX:+UseG1GC',
      '-XX:TieredStopAtLevel=1',
      `-Dlog4j2.configurationFile=${join(sourceDir, 'log4j2.properties')}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      config,
    ],
    logFile: join(logDir, 'kafka.log'),
    port,
    commandMatch: 'kafka.Kafka',
    insteadVariable: 'KAFKA_BROKERS',
    timeoutMs: 60_000,
  });
  return { brokers: `127.0.0.1:${port}`, process: broker };
}
