import type {
  AbortStepDefinition,
  GroupStepDefinition,
  PlainStepDefinition,
  RetryPolicy,
  RetryStepDefinition,
  StatePredicate,
  StepDefinition,
  StepFunction,
  StepState,
  StepTimeoutOption,
} from '../step-types';
import { assertNoInteractionSteps } from './interaction-steps';
import { checkedName } from './step-name';

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, backoffMs: 1000, maxBackoffMs: 60000 };

/** `{ timeoutMs }` (ENGINE.md 14.4): the step fails with StepTimeoutError when it runs longer. */
export type StepOptions = StepTimeoutOption;

export function step(name: string, fn: StepFunction, options: StepOptions = {}): PlainStepDefinition {
  return { kind: 'step', name: checkedName(name), fn, ...timeoutOf(name, options) };
}

/** A step whose failure sets the process `waiting` and retries it with exponential backoff and jitter. */
export function retryStep(
  name: string,
  fn: StepFunction,
  options: Partial<RetryPolicy> & StepOptions = {},
): RetryStepDefinition {
  const { timeoutMs, ...policy } = options;
  const retry = { ...DEFAULT_RETRY_POLICY, ...policy };
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) {
    throw new TypeError(`retryStep "${name}": maxAttempts must be a whole number of at least 1`);
  }
  if (
    !Number.isFinite(retry.backoffMs) ||
    !Number.isFinite(retry.maxBackoffMs) ||
    retry.backoffMs < 0 ||
    retry.maxBackoffMs < retry.backoffMs
  ) {
    throw new TypeError(`retryStep "${name}": need 0 <= backoffMs <= maxBackoffMs`);
  }
  return { kind: 'retry', name: checkedName(name), fn, retry, ...timeoutOf(name, { timeoutMs }) };
}

/** A step that ends the process as `aborted`. */
export function abortStep(name = 'Abort'): AbortStepDefinition {
  return { kind: 'abort', name: checkedName(name) };
}

/** Several steps executed as one: one execution, one transaction, one logged row. A retry re-runs them all. */
export function stepGroup(
  name: string,
  steps: readonly StepDefinition[],
  options: StepOptions = {},
): GroupStepDefinition {
  if (steps.length === 0) throw new TypeError(`stepGroup "${name}" needs at least one step`);
  assertNoInteractionSteps(name, steps);
  return { kind: 'group', name: checkedName(name), steps, ...timeoutOf(name, options) };
}

/** The checked `timeoutMs`, or nothing when not given (a step without one keeps no key for it). */
function timeoutOf(name: string, options: StepOptions): StepTimeoutOption {
  const { timeoutMs } = options;
  if (timeoutMs === undefined) return {};
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 2_147_483_647) {
    throw new TypeError(`step "${name}": timeoutMs must be a whole number of milliseconds, at least 1`);
  }
  return { timeoutMs };
}

/** Each step runs only when the predicate holds at its run time; otherwise it is logged as `skipped`. */
export function conditional(predicate: StatePredicate, steps: readonly StepDefinition[]): StepDefinition[] {
  return steps.map((inner) => {
    const innerWhen = inner.when;
    const when: StatePredicate = innerWhen ? (state) => predicate(state) && innerWhen(state) : predicate;
    return { ...inner, when };
  });
}

/** The steps see `state[key]` as their state, and what they return is merged into `state[key]`. */
export function focusSteps(key: string, steps: readonly StepDefinition[]): StepDefinition[] {
  return steps.map((inner) => {
    const innerWhen = inner.when;
    const when: StatePredicate | undefined = innerWhen ? (state) => innerWhen(focusedState(state, key)) : undefined;
    return { ...inner, when, focus: [key, ...(inner.focus ?? [])] };
  });
}

function focusedState(state: StepState, key: string): StepState {
  const inner: unknown = state[key];
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as StepState) : {};
}
