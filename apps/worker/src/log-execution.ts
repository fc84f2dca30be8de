import type { Logger } from 'pino';
import type { StepExecution, StepRequest } from '@orchestrator/engine';

/**
 * One line when a process stops or waits (once per process, never per successful step, which keeps
 * logging off the hot path); every job at debug level.
 */
export function logExecution(logger: Logger, request: StepRequest, execution: StepExecution, debug: boolean): void {
  if (debug) {
    logger.debug({ processId: request.processId, version: request.version, execution: execution.kind }, 'step job');
  }
  if (execution.kind !== 'committed') return;
  const fields = { processId: request.processId, step: execution.step, status: execution.status };
  switch (execution.status) {
    case 'running':
      return;
    case 'completed':
      logger.info(fields, 'process completed');
      return;
    case 'waiting':
      logger.info(
        { ...fields, reason: execution.failedReason, nextRetryAt: execution.nextRetryAt },
        'step will be retried',
      );
      return;
    case 'failed':
    case 'inconsistent_data':
    case 'api_unavailable':
      logger.warn({ ...fields, reason: execution.failedReason }, 'step failed');
      return;
    default:
      logger.info(fields, 'process stopped');
  }
}
