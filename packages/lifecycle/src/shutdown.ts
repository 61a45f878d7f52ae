import type { Logger } from '@portico/logger';

export interface ShutdownStep {
  name: string;
  stop: () => Promise<void> | void;
}

export interface Shutdown {
  /** Registers what was just started; steps run in reverse order of registration. */
  add(step: ShutdownStep): void;
}

/** How long a process may take to stop before it exits 1; launchers wait longer. */
export const SHUTDOWN_TIMEOUT_MS = 20_000;

/**
 * Handles SIGTERM and SIGINT from the moment it is called, so a signal during
 * start-up also stops cleanly whatever has started by then. Runs the steps
 * last-started-first and exits 0, or 1 when a step fails or time runs out.
 */
export function stopOnSignals(logger: Logger, timeoutMs = SHUTDOWN_TIMEOUT_MS): Shutdown {
  const steps: ShutdownStep[] = [];
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
    for (const step of [...steps].reverse()) {
      const started = Date.now();
      try {
        await step.stop();
        logger.debug({ step: step.name, ms: Date.now() - started }, 'shutdown step done');
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
  return { add: (step) => steps.push(step) };
}

/** Exits the process so the orchestrator restarts it (e.g. a consumer crashed for good). */
export function exitOnFatal(logger: Logger): (error: Error) => void {
  return (error) => {
    logger.fatal({ err: error }, 'fatal error, exiting');
    process.exit(1);
  };
}
