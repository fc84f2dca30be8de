import { toStepError } from './failure';
import { mergeState, StateNotSerialisableError, type State } from './state';
import { isFormGenerator } from './forms';
import type { SubscriptionReader } from './subscriptions';
import { formOf, inputFormSchema } from './interaction';
import { getIn, setIn } from './state-path';
import type { StepContext, StepDefinition, StepResult } from './step-types';

type Completed = Exclude<StepResult, { kind: 'failed' }>;

/** Runs one step definition on `state`; anything thrown becomes a `failed` result. */
export async function runStep(definition: StepDefinition, state: State, ctx: StepContext): Promise<StepResult> {
  try {
    return await runDefinition(definition, state, ctx);
  } catch (thrown) {
    return { kind: 'failed', error: toStepError(thrown), cause: thrown };
  }
}

async function runDefinition(definition: StepDefinition, state: State, ctx: StepContext): Promise<Completed> {
  if (definition.when && !definition.when(state)) return { kind: 'skipped', state };
  const focus = definition.focus ?? [];
  switch (definition.kind) {
    case 'start':
      return { kind: 'success', state };
    case 'done':
      return { kind: 'complete', state };
    case 'abort':
      return { kind: 'abort', state };
    case 'step':
    case 'retry': {
      const focused = getIn(state, focus);
      // The function gets a copy: only what it returns reaches the state, and is checked to be plain JSON.
      const returned = await definition.fn(structuredClone(focused), ctx);
      const merged = mergeState(focused, checkedReturn(returned, definition.name, ctx), ['state', ...focus].join('.'));
      return { kind: 'success', state: setIn(state, focus, merged) };
    }
    case 'input':
      // Built now so that a form that cannot be built fails here, not when an operator opens it; a
      // multi-page form builds its first page, reading through the step's transaction.
      if (isFormGenerator(definition.form)) {
        await inputFormSchema(definition, state, {
          subscriptions: readOnly(ctx.subscriptions),
          actor: ctx.actor,
          workflowName: ctx.workflowName,
        });
      } else {
        formOf(definition, state);
      }
      return { kind: 'suspend', state };
    case 'callback': {
      const focused = getIn(state, focus);
      const returned = await definition.action(structuredClone(focused), ctx);
      const merged = mergeState(focused, checkedReturn(returned, definition.name, ctx), ['state', ...focus].join('.'));
      return { kind: 'awaiting_callback', state: setIn(state, focus, merged) };
    }
    case 'subWorkflow':
    case 'parallel':
      // Needs the store's child processes: executeStep runs it (sub-workflow-step.ts); groups refuse it.
      throw new Error(`sub-workflow step "${definition.name}" cannot run here`);
    case 'group': {
      let inner = getIn(state, focus);
      for (const sub of definition.steps) {
        const result = await runDefinition(sub, inner, ctx);
        inner = result.state;
        if (result.kind === 'abort' || result.kind === 'complete') {
          return { kind: result.kind, state: setIn(state, focus, inner) };
        }
      }
      return { kind: 'success', state: setIn(state, focus, inner) };
    }
  }
}

/** A step returns a partial state or nothing: anything else fails it, naming the workflow and the step. */
function checkedReturn(returned: unknown, stepName: string, ctx: StepContext): unknown {
  if (returned === undefined || returned === null) return returned;
  if (typeof returned === 'object' && !Array.isArray(returned)) return returned;
  const got = Array.isArray(returned) ? 'an array' : `a ${typeof returned}`;
  throw new StateNotSerialisableError(
    `workflow "${ctx.workflowName}", step "${stepName}" returned ${got}: a step returns an object (a partial state) or nothing`,
  );
}

/** Forms read the inventory, never write it, even when handed the step's subscription service. */
export function readOnly(subscriptions: SubscriptionReader): SubscriptionReader {
  return {
    get: (id) => subscriptions.get(id),
    list: (filter) => subscriptions.list(filter),
    load: (id) => subscriptions.load(id),
  };
}
