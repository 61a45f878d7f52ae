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

// While the broker is gone every client (producer, each consumer, admin) logs each try to
// reach it: the same line is written once in this window, with how often it was repeated.
const REPEAT_WINDOW_MS = 10_000;
const CONNECTION_FAILURES = [
  'Connection error',
  'Failed to connect to seed broker',
  'Connection timeout',
];

/**
 * kafkajs's log lines as lines of the process's pino logger. kafkajs logs
 * each request a broker answers with "the group is rebalancing" at error
 * level; those go to debug (its consumer warns once that it rejoins), so
 * error lines stay the ones an operator acts on. Failures to connect are
 * written once per 10 s per kind.
 */
export function kafkajsLogCreator(logger: Logger, now: () => number = Date.now) {
  const lastWritten = new Map<string, { at: number; repeated: number }>();
  /** Whether a connection failure of this kind is due to be written now (counted if not). */
  const due = (message: string): { repeated?: number } | null => {
    const kind = CONNECTION_FAILURES.find((prefix) => message.includes(prefix));
    if (kind === undefined) return {};
    const last = lastWritten.get(kind);
    if (last && now() - last.at < REPEAT_WINDOW_MS) {
      last.repeated += 1;
      return null;
    }
    lastWritten.set(kind, { at: now(), repeated: 0 });
    return last?.repeated ? { repeated: last.repeated } : {};
  };
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const text = `kafka: ${message}`;
      const repetition = level <= logLevel.ERROR ? due(message) : {};
      if (repetition === null) return;
      if (isRoutineGroupAnswer(extra)) logger.debug(extra, text);
      else if (level <= logLevel.ERROR) logger.error({ ...extra, ...repetition }, text);
      else if (level === logLevel.WARN) logger.warn(extra, text);
      else logger.debug(extra, text);
    };
}

function isRoutineGroupAnswer(extra: Record<string, unknown>): boolean {
  const { error } = extra;
  return typeof error === 'string' && ROUTINE_GROUP_ANSWERS.some((text) => error.startsWith(text));
}
