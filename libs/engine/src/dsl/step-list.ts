import type { ZodType } from 'zod';
import { OrchestratorError } from '../errors';
import { mergeState } from '../state';
import type { RetryPolicy, StepDefinition, StepFunction, StatePredicate } from '../step-types';
import type { WorkflowDefinition } from '../workflow';
import { callbackStep, inputStep, type CallbackStepOptions, type InputStepOptions } from './interaction-steps';
import type { ChainPlace, StepChain } from './step-chain';
import { abortStep, conditional, focusSteps, retryStep, step, stepGroup, type StepOptions } from './steps';

/** Turns the collected steps into the workflow definition (defineWorkflow or a subscription wrapper). */
export type FinishWorkflow = (steps: readonly StepDefinition[]) => WorkflowDefinition;

type NestedSteps = (chain: StepList) => unknown;

interface CallbackOptions extends CallbackStepOptions {
  body?: ZodType;
}

/**
 * The typed builder at run time: an immutable list of the array DSL's step definitions. Its methods take
 * the plain step functions; `StepChain` is the typed view of it.
 */
class StepList {
  constructor(
    private readonly definitions: readonly StepDefinition[],
    private readonly finish: FinishWorkflow | undefined,
  ) {}

  step(name: string, fn: StepFunction, options?: StepOptions): StepList {
    return this.with([step(name, fn, options)]);
  }

  retryStep(name: string, fn: StepFunction, options?: Partial<RetryPolicy> & StepOptions): StepList {
    return this.with([retryStep(name, fn, options)]);
  }

  conditional(predicate: StatePredicate, steps: NestedSteps): StepList {
    return this.with(conditional(predicate, nestedDefinitions('conditional', steps)));
  }

  focusSteps(key: string, steps: NestedSteps): StepList {
    return this.with(focusSteps(key, nestedDefinitions(`focusSteps "${key}"`, steps)));
  }

  stepGroup(name: string, steps: NestedSteps, options?: StepOptions): StepList {
    return this.with([stepGroup(name, nestedDefinitions(`stepGroup "${name}"`, steps), options)]);
  }

  abortStep(name?: string): StepList {
    return this.with([abortStep(name)]);
  }

  inputStep(name: string, options: InputStepOptions): StepList {
    return this.with([inputStep(name, options)]);
  }

  callbackStep(name: string, options: CallbackOptions): StepList {
    const { body, ...rest } = options;
    if (body === undefined) return this.with([callbackStep(name, rest)]);
    if (typeof (body as { safeParseAsync?: unknown }).safeParseAsync !== 'function') {
      throw new TypeError(`callbackStep "${name}": body must be a zod schema`);
    }
    const resultKey = rest.resultKey ?? 'callbackResult';
    return this.with([callbackStep(name, { ...rest, validate: checkedBody(name, resultKey, body, rest.validate) })]);
  }

  build(): WorkflowDefinition {
    if (this.finish === undefined) {
      throw new TypeError('only the workflow itself is built, not the steps of a conditional, focusSteps or stepGroup');
    }
    return this.finish(this.definitions);
  }

  private with(added: readonly StepDefinition[]): StepList {
    return new StepList([...this.definitions, ...added], this.finish);
  }

  static definitionsOf(chain: unknown, where: string): readonly StepDefinition[] {
    if (!(chain instanceof StepList)) {
      throw new TypeError(`${where}: the steps function must return the chain it was given, with its steps added`);
    }
    return chain.definitions;
  }
}

function nestedDefinitions(where: string, steps: NestedSteps): readonly StepDefinition[] {
  if (typeof steps !== 'function') throw new TypeError(`${where}: steps must be a function of a chain of steps`);
  return StepList.definitionsOf(steps(new StepList([], undefined)), where);
}

/**
 * The validation step of a callback step with a `body` schema: the body must match it (otherwise the step
 * fails with the schema's issues), its output replaces the body, then the author's `validate` runs on that.
 */
function checkedBody(stepName: string, resultKey: string, schema: ZodType, validate?: StepFunction): StepFunction {
  return async (state, ctx) => {
    const parsed = await schema.safeParseAsync(state[resultKey]);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: [resultKey, ...issue.path.map(String)].join('.'),
        message: issue.message,
      }));
      throw new OrchestratorError(
        'CALLBACK_BODY_INVALID',
        `the callback of "${stepName}" does not match its body schema: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    const checked = { [resultKey]: parsed.data };
    const returned = validate ? await validate({ ...state, ...checked }, ctx) : undefined;
    return mergeState(checked, returned);
  };
}

/** A new typed chain of no steps yet, finished by `finish`. */
export function startChain<State, Place extends ChainPlace>(finish: FinishWorkflow): StepChain<State, Place> {
  return new StepList([], finish) as unknown as StepChain<State, Place>;
}
