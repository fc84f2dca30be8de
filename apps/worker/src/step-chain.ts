import type { StepRequest, StepScheduler } from '@orchestrator/engine';

/** A chain of one process's steps ends after this long, so that one busy process does not hold a worker slot. */
export const CHAIN_TIME_BUDGET_MS = 1000;

/**
 * The next step of the process a job is running, when it is due at once, is run by the same worker right
 * after the commit (in a transaction of its own, through the same fencing) instead of being enqueued and
 * taken again: one Redis job and its queue round trips per run of steps instead of per step. Everything else
 * goes to the queue: a delayed step (retry backoff), a woken parent, branches, children, and the next step
 * once the chain has run `maxSteps` steps or for CHAIN_TIME_BUDGET_MS, or the worker is stopping.
 *
 * A crash between the commit and the chained step loses nothing: the process is runnable with no live job
 * for its version, which the recovery sweeper re-enqueues, as after a crash between commit and enqueue.
 */
export class StepChain {
  private continuation: StepRequest | undefined;
  private steps = 1;
  private readonly startedAt: number;
  readonly scheduler: StepScheduler;

  constructor(
    private readonly queue: StepScheduler,
    private readonly processId: string,
    private readonly maxSteps: number,
    private readonly stopping: () => boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
    this.scheduler = {
      schedule: (request, delayMs) => {
        if (!this.accepts(request, delayMs)) return this.queue.schedule(request, delayMs);
        this.continuation = request;
        return Promise.resolve();
      },
      runsHere: (request, delayMs) => this.accepts(request, delayMs),
    };
  }

  /**
   * The step to run next in this chain, if any. A continuation held when the worker began to stop is
   * enqueued instead (the stop waits for it, as for the enqueue after any commit).
   */
  async next(): Promise<StepRequest | undefined> {
    const request = this.continuation;
    this.continuation = undefined;
    if (!request) return undefined;
    if (this.stopping()) {
      await this.queue.schedule(request, 0);
      return undefined;
    }
    this.steps += 1;
    return request;
  }

  get holdsContinuation(): boolean {
    return this.continuation !== undefined;
  }

  /**
   * A chained step could not be run here (busy elsewhere, or it threw): the queue takes it, or the step it
   * had already chained when it threw after its commit.
   */
  handBack(request: StepRequest): Promise<void> {
    const pending = this.continuation ?? request;
    this.continuation = undefined;
    return this.queue.schedule(pending, 0);
  }

  private accepts(request: StepRequest, delayMs: number): boolean {
    return (
      this.continuation === undefined &&
      request.processId === this.processId &&
      delayMs <= 0 &&
      this.steps < this.maxSteps &&
      this.now() - this.startedAt < CHAIN_TIME_BUDGET_MS &&
      !this.stopping()
    );
  }
}
