import pino, { type Logger, type LoggerOptions } from 'pino';
import { currentRequestId } from './request-context';
import { redactSecrets } from './secret-redaction';

export type { Logger };
export {
  REQUEST_ID_HEADER,
  currentRequestId,
  requestIdFrom,
  withRequestId,
} from './request-context';
export { SECRET_PATHS } from './secret-redaction';

export function createLogger(
  service: string,
  options: { level?: string; destination?: pino.DestinationStream } = {},
): Logger {
  const config: LoggerOptions = {
    name: service,
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    // Secrets never reach a log line, at whatever depth they sit (see secret-redaction.ts).
    formatters: { log: (object) => redactSecrets(object) },
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
