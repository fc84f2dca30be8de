import type { ProcessSnapshot, ProcessWrite } from './ports';
import type { StepDefinition } from './step-types';

/** A step that committed, as the observer is told before the next step is requested. */
export interface CommittedStep {
  /** The process as the step read it: its previous status, workflow, whether it is a task. */
  readonly process: ProcessSnapshot;
  /** What the step committed: new status, last step, the logged rows. */
  readonly write: ProcessWrite;
  /** When the store committed it, on the store's clock; null when the store does not say. */
  readonly modifiedAt: Date | null;
  /** Subscriptions the step changed through `ctx.subscriptions` (none when the step failed). */
  readonly subscriptionIds: readonly string[];
}

/**
 * Telemetry around step execution (live events, metrics, tracing). The engine calls it; what it does is the
 * caller's business. Both hooks are optional; without an observer a step costs nothing more.
 */
export interface StepObserver {
  /**
   * Runs the rest of the step, from the read process to after the next step was requested (a tracer runs it
   * inside the step's span). `step` is undefined when this worker does not know the step.
   */
  around?<T>(process: ProcessSnapshot, step: StepDefinition | undefined, run: () => Promise<T>): Promise<T>;
  /**
   * The step committed. Called before the next step is requested, so that what it sends on the same
   * connection goes out first. Synchronous, and it must not throw.
   */
  committed?(step: CommittedStep): void;
}
