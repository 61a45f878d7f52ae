import { logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '@portico/logger';

// Broker answers kafkajs handles itself by rejoining or finding the coordinator
// again: routine whenever a member joins or leaves (every deploy, scale or restart).
const ROUTINE_GROUP_ANSWERS = [
  'The group is rebalancing, so a rejoin is needed',
  'The coordinator is loading and hence can',
  'The coordinator is not available',
  'The group coordinator is not available',
  'This is not the correct coordinator',
];

/**
 * kafkajs's log lines as lines of the process's pino logger. kafkajs logs
 * each request a broker answers with "the group is rebalancing" at error
 * level; those go to debug (its consumer warns once that it rejoins), so
 * error lines stay the ones an operator acts on.
 */
export function kafkajsLogCreator(logger: Logger) {
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const text = `kafka: ${message}`;
      if (isRoutineGroupAnswer(extra)) logger.debug(extra, text);
      else if (level <= logLevel.ERROR) logger.error(extra, text);
      else if (level === logLevel.WARN) logger.warn(extra, text);
      else logger.debug(extra, text);
    };
}

function isRoutineGroupAnswer(extra: Record<string, unknown>): boolean {
  const { error } = extra;
  return typeof error === 'string' && ROUTINE_GROUP_ANSWERS.some((text) => error.startsWith(text));
}
