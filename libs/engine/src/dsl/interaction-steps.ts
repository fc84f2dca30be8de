import type { AuthorizeRule } from '../authorization';
import type {
  CallbackStepDefinition,
  InputForm,
  InputStepDefinition,
  PlainStepDefinition,
  StepDefinition,
  StepFunction,
} from '../step-types';
import { checkedName } from './step-name';

export interface InputStepOptions {
  /**
   * A zod object schema, a function of the current state returning one, or a multi-page form: an async
   * generator function `(state, ctx)` yielding one zod object schema per page (ENGINE.md 13.7).
   */
  form: InputForm;
  /** Who should answer; shown as the process's `assignee` while it is suspended. Default `SYSTEM`. */
  assignee?: string;
  /** Who may answer (ENGINE.md 10.7): true, or false or a reason to refuse; default: the workflow's `authorize`. */
  authorizeResume?: AuthorizeRule;
}

/** Suspends the process until an operator answers the form through resume; the answer merges into the state. */
export function inputStep(name: string, options: InputStepOptions): InputStepDefinition {
  if (typeof options.form !== 'function' && !isZodObject(options.form)) {
    throw new TypeError(
      `inputStep "${name}": form must be a zod object schema, a function returning one, or an async generator function`,
    );
  }
  const assignee = options.assignee ?? 'SYSTEM';
  if (assignee.trim() === '') throw new TypeError(`inputStep "${name}": assignee must not be empty`);
  const { authorizeResume } = options;
  if (authorizeResume !== undefined && typeof authorizeResume !== 'function') {
    throw new TypeError(`inputStep "${name}": authorizeResume must be a function of the user`);
  }
  return {
    kind: 'input',
    name: checkedName(name),
    form: options.form,
    assignee,
    ...(authorizeResume ? { authorizeResume } : {}),
  };
}

export interface CallbackStepOptions {
  /** Runs with `ctx.callbackUrl`; hand that URL to the external system. May return a partial state. */
  action: StepFunction;
  /** Runs as the next logged step once the callback arrived; throwing fails the process there. */
  validate?: StepFunction;
  /** Where the callback's body lands in the state. Default `callbackResult`. */
  resultKey?: string;
  /** Without a callback by then, the process fails with "Callback timed out". No default. */
  timeoutMs?: number;
}

/** Runs an action, then waits in `awaiting_callback` until the external system posts to `ctx.callbackUrl`. */
export function callbackStep(name: string, options: CallbackStepOptions): CallbackStepDefinition {
  if (typeof options.action !== 'function') throw new TypeError(`callbackStep "${name}": action must be a function`);
  if (options.validate !== undefined && typeof options.validate !== 'function') {
    throw new TypeError(`callbackStep "${name}": validate must be a function`);
  }
  const resultKey = options.resultKey ?? 'callbackResult';
  if (typeof resultKey !== 'string' || resultKey === '') {
    throw new TypeError(`callbackStep "${name}": resultKey must be a non-empty string`);
  }
  const { timeoutMs } = options;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0)) {
    throw new TypeError(`callbackStep "${name}": timeoutMs must be a positive whole number of milliseconds`);
  }
  return {
    kind: 'callback',
    name: checkedName(name),
    action: options.action,
    resultKey,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(options.validate ? { validate: options.validate } : {}),
  };
}

/**
 * The step list as executed: a callback step with `validate` is followed by its validation step, which
 * inherits the callback step's condition and focus.
 */
export function expandInteractionSteps(steps: readonly StepDefinition[]): StepDefinition[] {
  return steps.flatMap((definition) => {
    if (definition.kind !== 'callback' || !definition.validate) return [definition];
    const validation: PlainStepDefinition = {
      kind: 'step',
      name: `Validate ${definition.name}`,
      fn: definition.validate,
      ...(definition.when ? { when: definition.when } : {}),
      ...(definition.focus ? { focus: definition.focus } : {}),
    };
    return [definition, validation];
  });
}

/** Waiting steps end their transaction and wait for the outside world, so they cannot sit inside a group. */
export function assertNoInteractionSteps(groupName: string, steps: readonly StepDefinition[]): void {
  for (const inner of steps) {
    if (
      inner.kind === 'input' ||
      inner.kind === 'callback' ||
      inner.kind === 'subWorkflow' ||
      inner.kind === 'parallel'
    ) {
      throw new TypeError(`stepGroup "${groupName}": ${inner.kind} step "${inner.name}" cannot be part of a group`);
    }
    if (inner.kind === 'group') assertNoInteractionSteps(groupName, inner.steps);
  }
}

function isZodObject(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function' &&
    typeof (value as { shape?: unknown }).shape === 'object'
  );
}
