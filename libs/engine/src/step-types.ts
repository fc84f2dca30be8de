import type { EntityManager } from 'typeorm';
import type { ZodObject } from 'zod';
import type { AuthorizeRule } from './authorization';
import type { FormContext, FormPage } from './forms';
import type { EngineLogger } from './logger';
import type { ProductRegistry } from './products';
import type { WorkflowRegistry } from './registry';
import type { State, StepReturn } from './state';
import type { SubscriptionService } from './subscriptions';

/**
 * The state as a step function sees it. Values are `any` on purpose: state is dynamic JSON shaped by the
 * workflow's earlier steps, and workflow authors narrow it themselves (or use the input schema).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StepState = Record<string, any>;

export interface StepContext {
  readonly processId: string;
  readonly workflowName: string;
  readonly stepName: string;
  /** Attempt number of this step, counting from 1; restarts at 1 after a manual resume. */
  readonly attempt: number;
  /** TypeORM EntityManager bound to the step's transaction. */
  readonly tx: EntityManager;
  /** The subscription service, bound to the same transaction as `tx`. */
  readonly subscriptions: SubscriptionService;
  readonly logger: EngineLogger;
  /** The workflows and products this worker knows (for system tasks that compare them with the database). */
  readonly catalog: StepCatalog;
  /** Stable for this process and step across retries: pass it to external systems. */
  readonly idempotencyKey: string;
  /** The acting user: who started or last resumed the process. */
  readonly actor: string;
  /**
   * Callback steps only: the absolute URL (with a single-use token) the external system calls back on.
   * Undefined in every other kind of step.
   */
  readonly callbackUrl?: string;
  /**
   * Asks for the next step of another process (at `version`) once this step has committed (never if it
   * does not). For system tasks that wake processes up, such as task_resume_workflows.
   */
  scheduleAfterCommit(request: { processId: string; version: number }, delayMs?: number): void;
  /**
   * Tells the orchestrator that this step is still making progress (ENGINE.md 15.1): a step that runs
   * longer than STEP_LEASE_MS without using `tx` calls it at least once per lease, or declares `timeoutMs`.
   * Cheap to call often (throttled). Rejects when the step has lost its transaction (lease or time-out passed).
   */
  heartbeat(): Promise<void>;
}

export interface StepCatalog {
  readonly workflows: WorkflowRegistry;
  readonly products: ProductRegistry;
}

export type StepFunction = (state: StepState, ctx: StepContext) => StepReturn | Promise<StepReturn>;
export type StatePredicate = (state: StepState) => boolean;

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
}

interface StepBase {
  readonly name: string;
  /** Evaluated on the full state at run time; false logs the step as `skipped`. */
  readonly when?: StatePredicate;
  /** Path into the state that the step sees and returns (set by focusSteps). */
  readonly focus?: readonly string[];
}

export interface StartStepDefinition extends StepBase {
  readonly kind: 'start';
}
export interface DoneStepDefinition extends StepBase {
  readonly kind: 'done';
}
/** `timeoutMs` of step, retryStep and stepGroup (ENGINE.md 14.4). */
export interface StepTimeoutOption {
  /**
   * Longest the step may run; a longer one fails with StepTimeoutError and its writes roll back. It also
   * extends the step's lease (STEP_LEASE_MS) to this time plus the job lock time.
   */
  readonly timeoutMs?: number;
}

export interface PlainStepDefinition extends StepBase, StepTimeoutOption {
  readonly kind: 'step';
  readonly fn: StepFunction;
}
export interface RetryStepDefinition extends StepBase, StepTimeoutOption {
  readonly kind: 'retry';
  readonly fn: StepFunction;
  readonly retry: RetryPolicy;
}
export interface GroupStepDefinition extends StepBase, StepTimeoutOption {
  readonly kind: 'group';
  readonly steps: readonly StepDefinition[];
}
export interface AbortStepDefinition extends StepBase {
  readonly kind: 'abort';
}

/** The form an input step asks for: a zod object schema, or a function of the current state returning one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FormSource = ZodObject<any> | ((state: StepState) => ZodObject<any>);

/**
 * An input step's form: a zod object schema, a function of the (focused) state returning one, or a
 * multi-page form, an async generator function `(state, ctx)` yielding one schema per page (ENGINE.md 13.7).
 * One function type for both, so that a form function's `state` is typed from it.
 */
export type InputForm =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  | ZodObject<any>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  | ((state: StepState, ctx: FormContext) => ZodObject<any> | AsyncGenerator<FormPage, any, any>);

export interface InputStepDefinition extends StepBase {
  readonly kind: 'input';
  /** A form, a function of the state returning one, or a multi-page form generator (ENGINE.md 13.7). */
  readonly form: InputForm;
  /** Who is expected to answer (shown on the process while it is suspended). */
  readonly assignee: string;
  /** Who may answer the form (ENGINE.md 10.7); default: the workflow's `authorize`. */
  readonly authorizeResume?: AuthorizeRule;
}

export interface CallbackStepDefinition extends StepBase {
  readonly kind: 'callback';
  /** Runs with `ctx.callbackUrl` and should hand that URL to the external system. */
  readonly action: StepFunction;
  /** Where the callback's body lands in the state. */
  readonly resultKey: string;
  /** Without an answer by then the callback-timeout task fails the process ("Callback timed out"). */
  readonly timeoutMs?: number;
  /** Runs as the next logged step after the callback arrived (defineWorkflow adds it to the list). */
  readonly validate?: StepFunction;
}

/**
 * Starts a child process of `workflowName` and waits (`waiting`) until it completes; the child's final state
 * lands in `state[resultKey]` (ENGINE.md 14.2). Built by `subWorkflow` (dsl/sub-workflow.ts).
 */
export interface SubWorkflowStepDefinition extends StepBase {
  readonly kind: 'subWorkflow';
  readonly workflowName: string;
  /** The child's initial input, from the (focused) state; validated against the child workflow's input. */
  readonly input: (state: StepState) => Record<string, unknown>;
  readonly resultKey: string;
}

/**
 * One step whose branches run at the same time, each branch as an internal child process of the same
 * workflow whose steps are the branch's (ENGINE.md 14.1). Built by `parallel` (dsl/parallel.ts).
 */
export interface ParallelStepDefinition extends StepBase {
  readonly kind: 'parallel';
  /** Branch name -> its steps, in the order given. */
  readonly branches: Readonly<Record<string, readonly StepDefinition[]>>;
}

/** One step of a workflow. */
export type StepDefinition =
  | StartStepDefinition
  | DoneStepDefinition
  | PlainStepDefinition
  | RetryStepDefinition
  | GroupStepDefinition
  | AbortStepDefinition
  | InputStepDefinition
  | CallbackStepDefinition
  | SubWorkflowStepDefinition
  | ParallelStepDefinition;

export type StepError = {
  class: string;
  message: string;
  stack: string | null;
  details?: unknown;
};

/** What running one step produced; expected outcomes are values, not exceptions. */
export type StepResult =
  | { readonly kind: 'success'; readonly state: State }
  | { readonly kind: 'skipped'; readonly state: State }
  | { readonly kind: 'abort'; readonly state: State }
  | { readonly kind: 'complete'; readonly state: State }
  | { readonly kind: 'suspend'; readonly state: State }
  | { readonly kind: 'awaiting_callback'; readonly state: State }
  /** A sub-workflow step waits for its child process (started now or earlier). */
  | { readonly kind: 'awaiting_child'; readonly state: State; readonly child: ChildReference }
  | { readonly kind: 'failed'; readonly error: StepError; readonly cause: unknown };

/** The child process a sub-workflow step waits for (or, for a parallel step, what its branches are). */
export interface ChildReference {
  readonly processId: string;
  readonly workflowName: string;
  /** Set for a parallel step: the reason names the branches still running instead. */
  readonly reason?: string;
}
