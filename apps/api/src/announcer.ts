import type { Logger } from 'pino';
import type { EngineStatus, LiveEventQueries, ProcessEventRow, ProcessTraces } from '@orchestrator/db';
import type { EventPublisher } from '@orchestrator/events';
import { activeTraceparent } from '@orchestrator/telemetry';

/** Why the API hands a process to the workers: a start, or a resume (also an answer or a callback). */
export type HandOffCause = 'start' | 'resume';

/**
 * Tells live clients what the API's own commands changed, after they committed (ENGINE.md 11.4): it reads
 * the process row (one primary-key read, off the step hot path) and appends the event, before the caller
 * hands the process to the workers, so that the workers' events of the same process come after it. With
 * tracing on it also keeps the request's trace context with the process, for the step spans.
 * Announcing never fails the request: the change is committed already.
 */
export class Announcer {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly queries: Pick<LiveEventQueries, 'process' | 'subscriptions'>,
    /** Null while tracing is off. */
    private readonly traces: Pick<ProcessTraces, 'recordStart' | 'recordLink'> | null,
    private readonly logger: Logger,
  ) {}

  /** `known`: the row as the command returned it (a start), which saves the read. */
  async process(processId: string, cause?: HandOffCause, known?: ProcessEventRow): Promise<void> {
    try {
      if (this.traces && cause) await this.keepTrace(processId, cause);
      const row = known ?? (await this.queries.process(processId));
      if (row) this.publishProcess(row);
    } catch (error) {
      this.logger.warn({ err: error, processId }, 'live events: the process event could not be sent');
    }
  }

  /** The row to announce a deletion with, read before the delete. */
  async snapshot(processId: string): Promise<ProcessEventRow | undefined> {
    try {
      return await this.queries.process(processId);
    } catch {
      return undefined;
    }
  }

  deleted(row: ProcessEventRow | undefined): void {
    if (row) this.publishProcess(row, true);
  }

  async subscriptions(ids: readonly string[]): Promise<void> {
    try {
      for (const row of await this.queries.subscriptions(ids))
        this.publisher.publish({ type: 'subscription', data: row });
    } catch (error) {
      this.logger.warn({ err: error, subscriptionIds: ids }, 'live events: the subscription event could not be sent');
    }
  }

  engineStatus(status: EngineStatus): void {
    this.publisher.publish({ type: 'engineStatus', data: status });
  }

  private publishProcess(row: ProcessEventRow, deleted = false): void {
    this.publisher.publish({
      type: 'process',
      data: {
        id: row.id,
        workflowName: row.workflowName,
        status: row.status,
        lastStep: row.lastStep,
        lastModifiedAt: row.lastModifiedAt.toISOString(),
        ...(deleted && { deleted: true as const }),
      },
    });
  }

  private async keepTrace(processId: string, cause: HandOffCause): Promise<void> {
    const traceparent = activeTraceparent();
    if (!traceparent || !this.traces) return;
    if (cause === 'start') await this.traces.recordStart(processId, traceparent);
    else await this.traces.recordLink(processId, traceparent);
  }
}
