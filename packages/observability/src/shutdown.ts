import type { Logger } from 'pino';

/**
 * Stops the service once on SIGTERM or SIGINT and exits 0 when it stopped cleanly, 1 otherwise.
 * @param log - the service logger
 * @param stop - closes servers, workers and pools in order
 */
export function stopOnSignals(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'did not stop cleanly');
          process.exit(1);
        },
      );
    });
  }
}

/**
 * Runs a service's start-up and reports a failure (bad configuration, unreachable database) as one
 * log line with the error and its stack, then exits 1, instead of an unhandled rejection.
 * @param log - logs the failure; the service's own logger needs the configuration that may be bad
 * @param start - loads config, builds and starts the service
 */
export async function runService(log: Logger, start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (error) {
    log.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
}
