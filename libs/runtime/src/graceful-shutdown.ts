import type { Logger } from 'pino';

/**
 * On SIGTERM or SIGINT: run `stop` (which lets in-flight steps finish), bounded by `timeoutMs`, then exit:
 * 0 when everything stopped in time, 1 when the bound was hit (unfinished steps are recovered later).
 */
export function exitGracefullyOnSignals(stop: () => Promise<void>, timeoutMs: number, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, timeoutMs }, 'shutting down: finishing steps in hand');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out; unfinished steps will be recovered');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    stop().then(
      () => {
        logger.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
