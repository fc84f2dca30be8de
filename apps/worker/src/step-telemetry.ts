import type { LiveEventQueries } from '@orchestrator/db';
import type { CommittedStep, EngineLogger, ProcessSnapshot, StepDefinition, StepObserver } from '@orchestrator/engine';
import type { EventPublisher } from '@orchestrator/events';
import { STEP_DURATION, STEPS_TOTAL, type MetricDeltas, type StepTracer } from '@orchestrator/telemetry';

export interface StepTelemetryDeps {
  publisher: EventPublisher;
  deltas: MetricDeltas;
  /** Null while tracing is off: then no span is made and the step costs nothing more for it. */
  tracer: StepTracer | null;
  /** Reads the subscriptions a step changed, for their live events (only for steps that changed one). */
  liveEvents: Pick<LiveEventQueries, 'subscriptions'>;
  logger: EngineLogger;
}

/**
 * What a worker tells the world about each step: the live `process` event (from what the step wrote, no
 * read: the hot path stays one transaction), the step counter and duration histogram (in memory, flushed by
 * the telemetry loop), `subscription` events for the subscriptions it changed, and with tracing on the
 * step's span. It also counts the steps in hand for the heartbeat.
 */
export class StepTelemetry {
  private readonly steps;
  private readonly durations;
  /** When the step in hand of each process was taken (a second delivery of the same process finds it busy). */
  private readonly taken = new Map<string, Date>();
  private inHand = 0;
  readonly observer: StepObserver;

  constructor(private readonly deps: StepTelemetryDeps) {
    this.steps = deps.deltas.counter(STEPS_TOTAL);
    this.durations = deps.deltas.histogram(STEP_DURATION);
    const { tracer } = deps;
    this.observer = {
      committed: (step) => this.committed(step),
      ...(tracer && {
        around: <T>(process: ProcessSnapshot, step: StepDefinition | undefined, run: () => Promise<T>) =>
          tracer.around(process, step, run, this.taken.get(process.processId)),
      }),
    };
  }

  get stepsInHand(): number {
    return this.inHand;
  }

  /** Runs one step job, keeping count of the steps in hand and when this one was taken. */
  async handle<T>(processId: string, execute: () => Promise<T>): Promise<T> {
    const first = !this.taken.has(processId);
    if (first) this.taken.set(processId, new Date());
    this.inHand += 1;
    try {
      return await execute();
    } finally {
      this.inHand -= 1;
      if (first) this.taken.delete(processId);
    }
  }

  private committed({ process, write, modifiedAt, subscriptionIds }: CommittedStep): void {
    this.deps.publisher.publish({
      type: 'process',
      data: {
        id: process.processId,
        workflowName: process.workflowName,
        status: write.status,
        lastStep: write.lastStep,
        lastModifiedAt: (modifiedAt ?? new Date()).toISOString(),
      },
    });
    for (const row of write.rows) this.steps.inc([process.workflowName, row.name, row.status]);
    const taken = this.taken.get(process.processId);
    if (taken) this.durations.observe([process.workflowName], (Date.now() - taken.getTime()) / 1000);
    if (subscriptionIds.length > 0) void this.publishSubscriptions(subscriptionIds);
  }

  // After the commit and off the step's path: the rows are read as they are now (their version orders them).
  private async publishSubscriptions(ids: readonly string[]): Promise<void> {
    try {
      for (const row of await this.deps.liveEvents.subscriptions(ids)) {
        this.deps.publisher.publish({ type: 'subscription', data: row });
      }
    } catch (error) {
      this.deps.logger.warn({ err: error, subscriptionIds: ids }, 'live events: subscriptions could not be read');
    }
  }
}
