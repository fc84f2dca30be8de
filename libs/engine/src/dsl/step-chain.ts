import type { z, ZodObject, ZodType } from 'zod';
import type { AuthorizeRule } from '../authorization';
import type { FormContext, FormPage } from '../forms';
import type { RetryPolicy, StepContext, StepTimeoutOption } from '../step-types';
import type { WorkflowDefinition } from '../workflow';
import type {
  AfterFocus,
  AfterSkippable,
  FocusableKey,
  FocusedState,
  Merge,
  StateAfterStep,
  StepOutput,
} from './typed-state';

// The typed builder's chain of steps: each method adds the step the array DSL's function of the same name
// builds, and types the next steps' `state` as the input plus what the earlier steps returned. The
// runtime (StepList in typed-workflow.ts) only collects the array DSL's StepDefinitions.

/**
 * Where a chain of steps sits: a workflow's own list (which `build()` finishes; a create workflow's also
 * needs `subscriptionId`), the inside of a `conditional` or `focusSteps` there, or a `stepGroup` (and
 * what is nested in one), where input and callback steps cannot sit.
 */
export type ChainPlace = 'workflow' | 'create workflow' | 'nested' | 'group';

type NestedPlace<Place> = Place extends 'group' ? 'group' : 'nested';

// Calling a method whose `this` is one of these sentences on the wrong chain is a compile error that
// shows the sentence.
type WaitingStepsAllowed<Place> = Place extends 'group'
  ? 'input and callback steps cannot be part of a stepGroup'
  : unknown;
type BuildAllowed<State, Place> = Place extends 'workflow'
  ? unknown
  : Place extends 'create workflow'
    ? State extends { subscriptionId: string }
      ? unknown
      : "a create workflow's steps must return { subscriptionId: string } (for every path through them)"
    : 'only the workflow itself is built, not the steps of a conditional, focusSteps or stepGroup';

/** A step function of the typed builder: `state` is what the earlier steps left; return a partial state. */
export type TypedStepFunction<State, Returned extends StepOutput> = (
  state: Readonly<State>,
  ctx: StepContext,
) => Returned | Promise<Returned>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyZodObject = ZodObject<any>;

/** The callback's body as the steps after a callback step see it: typed by `body` when given. */
export type CallbackBody<Schema> = Schema extends ZodType ? z.output<Schema> : unknown;

type AfterCallback<State, Returned, Key extends string, Schema> = Merge<
  StateAfterStep<State, Returned>,
  { [P in Key]: CallbackBody<Schema> }
>;

export interface TypedInputStepOptions<State, Form extends AnyZodObject> {
  /** A zod object schema, or a function of the state returning one; its output joins the state. */
  form: Form | ((state: Readonly<State>) => Form);
  /** Who should answer; shown as the process's `assignee` while it is suspended. Default `SYSTEM`. */
  assignee?: string;
  /** Who may answer (ENGINE.md 10.7): true, or false or a reason to refuse; default: the workflow's `authorize`. */
  authorizeResume?: AuthorizeRule;
}

export interface TypedInputFormOptions<State, Result extends object> {
  /** A multi-page form (ENGINE.md 13.7): yields one zod object schema per page, returns the answer. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: (state: Readonly<State>, ctx: FormContext) => AsyncGenerator<FormPage, Result, any>;
  /** Who should answer; shown as the process's `assignee` while it is suspended. Default `SYSTEM`. */
  assignee?: string;
}

export interface TypedCallbackStepOptions<
  State,
  Returned extends StepOutput,
  Key extends string,
  Schema extends ZodType | undefined,
  Validated extends StepOutput,
> {
  /** Runs with `ctx.callbackUrl`; hand that URL to the external system. May return a partial state. */
  action: TypedStepFunction<State, Returned>;
  /** Where the callback's body lands in the state. Default `callbackResult`. */
  resultKey?: Key;
  /**
   * A zod schema of the callback's body. It types `state[resultKey]`, and the step `Validate {name}` checks
   * the body against it (a mismatch fails the process there) and stores the schema's output.
   */
  body?: Schema;
  /** Runs as the step `Validate {name}` once the callback arrived; throwing fails the process there. */
  validate?: TypedStepFunction<AfterCallback<State, Returned, Key, Schema>, Validated>;
  /** Without a callback by then, the process fails with "Callback timed out". No default. */
  timeoutMs?: number;
}

/**
 * The steps of a workflow in order, typed from step to step. Every method returns a new chain; `build()`
 * turns the workflow's chain into the same `WorkflowDefinition` the array DSL builds.
 */
export interface StepChain<State, Place extends ChainPlace = 'workflow'> {
  /**
   * A step; what it returns is merged into the state the next steps see. `timeoutMs`: a longer run fails
   * with StepTimeoutError (ENGINE.md 14.4).
   */
  step<Returned extends StepOutput>(
    name: string,
    fn: TypedStepFunction<State, Returned>,
    options?: StepTimeoutOption,
  ): StepChain<StateAfterStep<State, Returned>, Place>;

  /** A step whose failure sets the process `waiting` and retries it with exponential backoff and jitter. */
  retryStep<Returned extends StepOutput>(
    name: string,
    fn: TypedStepFunction<State, Returned>,
    options?: Partial<RetryPolicy> & StepTimeoutOption,
  ): StepChain<StateAfterStep<State, Returned>, Place>;

  /**
   * Steps that run only while `predicate` holds (each is logged `skipped` otherwise). Inside, the steps
   * are typed in order; after it, what they added is optional.
   */
  conditional<After>(
    predicate: (state: Readonly<State>) => boolean,
    steps: (chain: StepChain<State, NestedPlace<Place>>) => StepChain<After, NestedPlace<Place>>,
  ): StepChain<AfterSkippable<State, After>, Place>;

  /** Steps that see `state[key]` (an object) as their state and whose results are merged into it. */
  focusSteps<Key extends FocusableKey<State>, Inner>(
    key: Key,
    steps: (chain: StepChain<FocusedState<State[Key]>, NestedPlace<Place>>) => StepChain<Inner, NestedPlace<Place>>,
  ): StepChain<AfterFocus<State, Key, Inner>, Place>;

  /** Several steps executed as one: in one transaction, logged as one row. A retry re-runs them all. */
  stepGroup<After>(
    name: string,
    steps: (chain: StepChain<State, 'group'>) => StepChain<After, 'group'>,
    options?: StepTimeoutOption,
  ): StepChain<After, Place>;

  /** A step that ends the process as `aborted` (named `Abort` unless told otherwise). */
  abortStep(name?: string): StepChain<State, Place>;

  /** Suspends the process until an operator answers the form; the answer's type joins the state. */
  inputStep<Form extends AnyZodObject>(
    this: WaitingStepsAllowed<Place>,
    name: string,
    options: TypedInputStepOptions<State, Form>,
  ): StepChain<Merge<State, z.output<Form>>, Place>;

  /** Suspends the process until an operator has answered every page of a multi-page form; its result joins the state. */
  inputStep<Result extends object>(
    this: WaitingStepsAllowed<Place>,
    name: string,
    options: TypedInputFormOptions<State, Result>,
  ): StepChain<Merge<State, Result>, Place>;

  /** Runs `action`, then waits in `awaiting_callback`; the callback's body lands in `state[resultKey]`. */
  callbackStep<
    Returned extends StepOutput = void,
    Key extends string = 'callbackResult',
    Schema extends ZodType | undefined = undefined,
    Validated extends StepOutput = void,
  >(
    this: WaitingStepsAllowed<Place>,
    name: string,
    options: TypedCallbackStepOptions<State, Returned, Key, Schema, Validated>,
  ): StepChain<StateAfterStep<AfterCallback<State, Returned, Key, Schema>, Validated>, Place>;

  /** The workflow definition: Start, these steps (and a subscription wrapper's own), Done. */
  build(this: BuildAllowed<State, Place>): WorkflowDefinition;
}
