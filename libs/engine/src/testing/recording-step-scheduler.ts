import type { StepRequest, StepScheduler } from '../ports';

export interface ScheduledStep {
  readonly request: StepRequest;
  readonly delayMs: number;
}

/** The StepScheduler port as a list: records every step request scheduled, in order. */
export class RecordingStepScheduler implements StepScheduler {
  readonly scheduled: ScheduledStep[] = [];
  private taken = 0;

  async schedule(request: StepRequest, delayMs: number): Promise<void> {
    await Promise.resolve();
    this.scheduled.push({ request: { ...request }, delayMs });
  }

  /** The oldest scheduled step request not taken yet. */
  takeNext(): ScheduledStep | undefined {
    const next = this.scheduled[this.taken];
    if (next) this.taken += 1;
    return next;
  }

  get pending(): number {
    return this.scheduled.length - this.taken;
  }
}
