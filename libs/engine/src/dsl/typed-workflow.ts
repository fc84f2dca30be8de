import type { z, ZodObject, ZodType } from 'zod';
import type { AuthorizeRule } from '../authorization';
import type { FormContext, FormPage } from '../forms';
import type { StartPredicate } from '../start-predicate';
import { defineWorkflow, type WorkflowOptions, type WorkflowTarget } from '../workflow';
import type { StepChain } from './step-chain';
import { startChain } from './step-list';
import {
  createWorkflow,
  modifyWorkflow,
  task,
  terminateWorkflow,
  validateWorkflow,
  type subscriptionInput,
} from './subscription-workflows';
import type { Merge } from './typed-state';

// The typed builder's entry points: `workflow(options)` and, for the subscription wrappers,
// `workflow.create`, `.modify`, `.terminate`, `.validate` and `.task`. Each returns an empty chain typed
// on the input; `build()` hands the collected steps to defineWorkflow or the wrapper of the same name.

/** The state of a workflow without an input schema: no key is known. */
export type NoInput = Record<never, never>;

/** The state the first step sees: the input schema's output (what the API stores at start). */
export type InputState<Input> = Input extends ZodType ? z.output<Input> : NoInput;

/** What a locking workflow's input always carries: the subscription, and optionally the version seen. */
export type SubscriptionInput = z.output<typeof subscriptionInput>;

type LockingInputState<Input> = Merge<InputState<Input>, SubscriptionInput>;

/** The start predicate of a typed workflow: it sees the validated input. */
export type TypedStartPredicate<Input> = (
  input: Readonly<Input>,
  context: Parameters<StartPredicate>[1],
) => ReturnType<StartPredicate>;

/**
 * A multi-page input form (ENGINE.md 13.7) of the typed builder: its result types the state. A locking
 * workflow's form sees the subscription its first page chose.
 */
export type TypedFormGenerator<State = NoInput, Result extends object = object> = (
  state: State,
  ctx: FormContext,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
) => AsyncGenerator<FormPage, Result, any>;

type ObjectInput = ZodType<object>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ZodObjectInput = ZodObject<any>;

export interface TypedWorkflowOptions<Input extends ObjectInput | undefined> extends Omit<
  WorkflowOptions,
  'steps' | 'input' | 'startPredicate'
> {
  /**
   * Validated on start (400 with details on mismatch); its output types the state. Or a multi-page form, an
   * async generator function of zod pages whose result types the state (ENGINE.md 13.7).
   */
  input?: Input;
  /** Checked before anything is written; a refusal is a 412 START_PREDICATE_FAILED. */
  startPredicate?: TypedStartPredicate<InputState<Input>>;
}

interface WrapperOptions<Input extends ObjectInput | undefined, State> {
  name: string;
  description: string;
  /** The product this workflow belongs to: it is added to that product's allowed workflows. */
  product?: string;
  input?: Input;
  startPredicate?: TypedStartPredicate<State>;
  /** Who may start it (ENGINE.md 10.7). */
  authorize?: AuthorizeRule;
  /** Who may retry it; default: `authorize`. */
  authorizeRetry?: AuthorizeRule;
}

export type TypedCreateWorkflowOptions<Input extends ObjectInput | undefined> = WrapperOptions<
  Input,
  InputState<Input>
>;

export interface TypedLockingWorkflowOptions<Input extends ZodObjectInput | undefined> extends WrapperOptions<
  Input,
  LockingInputState<Input>
> {
  /** Start even when the subscription is out of sync; it is then left out of sync at the end. */
  allowOutOfSync?: boolean;
}

export interface TypedModifyWorkflowOptions<
  Input extends ZodObjectInput | undefined,
> extends TypedLockingWorkflowOptions<Input> {
  /** MODIFY by default; SYSTEM and RECONCILE workflows change a subscription the same way. */
  target?: Extract<WorkflowTarget, 'MODIFY' | 'SYSTEM' | 'RECONCILE'>;
}

export interface TypedTaskOptions<Input extends ObjectInput | undefined> extends WrapperOptions<
  Input,
  InputState<Input>
> {
  /** SYSTEM unless told. */
  target?: WorkflowTarget;
}

/** The options as the array DSL takes them: the typed start predicate is a plain one at run time. */
type Untyped<Options> = Omit<Options, 'startPredicate' | 'input'> & {
  startPredicate?: StartPredicate;
  input?: WorkflowOptions['input'];
};

function untyped<Options extends { startPredicate?: unknown; input?: unknown }>(options: Options): Untyped<Options> {
  return options as unknown as Untyped<Options>;
}

/** What every entry point's implementation takes: the overloads above it say what each really accepts. */
interface EntryOptions {
  name: string;
  description: string;
  input?: unknown;
  startPredicate?: unknown;
}

/** The options of an entry point with a multi-page form as its input: the form's result types the state. */
type FormOptions<Options, State, Result extends object, PredicateState> = Omit<Options, 'input' | 'startPredicate'> & {
  /** A multi-page form (ENGINE.md 13.7): an async generator function of zod pages, returning the input. */
  input: TypedFormGenerator<State, Result>;
  startPredicate?: TypedStartPredicate<PredicateState>;
};

type LockingFormState<Result> = Merge<Result, SubscriptionInput>;

/**
 * A workflow whose steps are typed from step to step: `workflow({ name, target, description, input })`,
 * then `.step(...)` and the other step methods, then `.build()`. `input` is a zod schema or a multi-page form.
 */
export function workflow<Result extends object>(
  options: FormOptions<TypedWorkflowOptions<undefined>, NoInput, Result, Result>,
): StepChain<Result, 'workflow'>;
export function workflow<Input extends ObjectInput | undefined = undefined>(
  options: TypedWorkflowOptions<Input>,
): StepChain<InputState<Input>, 'workflow'>;
export function workflow(options: EntryOptions): StepChain<unknown, 'workflow'> {
  return startChain((steps) => defineWorkflow({ ...untyped(options as TypedWorkflowOptions<undefined>), steps }));
}

/**
 * A create workflow (createWorkflow): the steps create the subscription and must return
 * `{ subscriptionId }`, which `build()` checks at compile time; then Set subscription active, Unlock.
 */
function create<Result extends object>(
  options: FormOptions<TypedCreateWorkflowOptions<undefined>, NoInput, Result, Result>,
): StepChain<Result, 'create workflow'>;
function create<Input extends ObjectInput | undefined = undefined>(
  options: TypedCreateWorkflowOptions<Input>,
): StepChain<InputState<Input>, 'create workflow'>;
function create(options: EntryOptions): StepChain<unknown, 'create workflow'> {
  return startChain((steps) => createWorkflow({ ...untyped(options as TypedCreateWorkflowOptions<undefined>), steps }));
}

/** A modify workflow (modifyWorkflow): the input gains `subscriptionId` and an optional `version`. */
function modify<Result extends object>(
  options: FormOptions<TypedModifyWorkflowOptions<undefined>, SubscriptionInput, Result, LockingFormState<Result>>,
): StepChain<LockingFormState<Result>, 'workflow'>;
function modify<Input extends ZodObjectInput | undefined = undefined>(
  options: TypedModifyWorkflowOptions<Input>,
): StepChain<LockingInputState<Input>, 'workflow'>;
function modify(options: EntryOptions): StepChain<unknown, 'workflow'> {
  return startChain((steps) => modifyWorkflow({ ...untyped(options as TypedModifyWorkflowOptions<undefined>), steps }));
}

/** A terminate workflow (terminateWorkflow): the input gains `subscriptionId` and an optional `version`. */
function terminate<Result extends object>(
  options: FormOptions<TypedLockingWorkflowOptions<undefined>, SubscriptionInput, Result, LockingFormState<Result>>,
): StepChain<LockingFormState<Result>, 'workflow'>;
function terminate<Input extends ZodObjectInput | undefined = undefined>(
  options: TypedLockingWorkflowOptions<Input>,
): StepChain<LockingInputState<Input>, 'workflow'>;
function terminate(options: EntryOptions): StepChain<unknown, 'workflow'> {
  return startChain((steps) =>
    terminateWorkflow({ ...untyped(options as TypedLockingWorkflowOptions<undefined>), steps }),
  );
}

/** A validate workflow (validateWorkflow): the input gains `subscriptionId` and an optional `version`. */
function validate<Result extends object>(
  options: FormOptions<TypedLockingWorkflowOptions<undefined>, SubscriptionInput, Result, LockingFormState<Result>>,
): StepChain<LockingFormState<Result>, 'workflow'>;
function validate<Input extends ZodObjectInput | undefined = undefined>(
  options: TypedLockingWorkflowOptions<Input>,
): StepChain<LockingInputState<Input>, 'workflow'>;
function validate(options: EntryOptions): StepChain<unknown, 'workflow'> {
  return startChain((steps) =>
    validateWorkflow({ ...untyped(options as TypedLockingWorkflowOptions<undefined>), steps }),
  );
}

/** A task (task): `isTask: true`, SYSTEM unless told, not tied to a subscription. */
function typedTask<Result extends object>(
  options: FormOptions<TypedTaskOptions<undefined>, NoInput, Result, Result>,
): StepChain<Result, 'workflow'>;
function typedTask<Input extends ObjectInput | undefined = undefined>(
  options: TypedTaskOptions<Input>,
): StepChain<InputState<Input>, 'workflow'>;
function typedTask(options: EntryOptions): StepChain<unknown, 'workflow'> {
  return startChain((steps) => task({ ...untyped(options as TypedTaskOptions<undefined>), steps }));
}

workflow.create = create;
workflow.modify = modify;
workflow.terminate = terminate;
workflow.validate = validate;
workflow.task = typedTask;

export type {
  StepChain,
  ChainPlace,
  TypedStepFunction,
  TypedInputStepOptions,
  TypedInputFormOptions,
  TypedCallbackStepOptions,
  CallbackBody,
} from './step-chain';
export type {
  Merge,
  AfterSkippable,
  StateAfterStep,
  FocusableKey,
  FocusedState,
  AfterFocus,
  StepOutput,
  Simplify,
} from './typed-state';
