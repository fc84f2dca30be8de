import type { Logger } from 'pino';
import type { StepScheduler } from '@orchestrator/engine';
import type { ProcessEventRow } from '@orchestrator/db';
import type { Announcer, HandOffCause } from './announcer';

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * Hands a committed process to the workers, after announcing it to live clients (so that the workers' events
 * of the process come after this one). If Redis refuses the request or does not answer in time, the
 * recovery sweeper enqueues it later (a late add is harmless: queued requests dedupe and the step is fenced
 * on the version), so the client's answer never waits on Redis for long.
 */
export async function handOffToWorkers(
  deps: { scheduler: StepScheduler; logger: Logger; announce: Announcer },
  processId: string,
  version: number,
  cause: HandOffCause = 'resume',
  known?: ProcessEventRow,
): Promise<void> {
  await deps.announce.process(processId, cause, known);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis did not take the step within ${ENQUEUE_TIMEOUT_MS} ms`)),
      ENQUEUE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([deps.scheduler.schedule({ processId, version }, 0), timeout]);
  } catch (error) {
    deps.logger.warn({ err: error, processId }, 'enqueue failed; the recovery sweeper will enqueue the process');
  } finally {
    clearTimeout(timer);
  }
}
