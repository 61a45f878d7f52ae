import type { Logger } from '@portico/logger';

export interface ShutdownStep {
  name: string;
  stop: () => Promise<void> | void;
}

/**
 * On SIGTERM or SIGINT runs `steps` in order (give them in reverse start
 * order: stop taking work, drain, then close connections) and exits 0, or 1
 * when a step fails or the whole sequence exceeds `timeoutMs`.
 */
export function stopOnSignals(logger: Logger, steps: ShutdownStep[], timeoutMs = 20_000): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    let code = 0;
    for (const step of steps) {
      try {
        await step.stop();
      } catch (error) {
        code = 1;
        logger.error({ err: error, step: step.name }, 'shutdown step failed');
      }
    }
    logger.info('stopped');
    process.exit(code);
  };
  // `on`, not `once`: a signal with no listener left (e.g. a second Ctrl-C,
  // or a loader's own handler re-raising it) would kill the process mid-drain.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Exits the process so the orchestrator restarts it (e.g. a consumer crashed for good). */
export function exitOnFatal(logger: Logger): (error: Error) => void {
  return (error) => {
    logger.fatal({ err: error }, 'fatal error, exiting');
    process.exit(1);
  };
}
