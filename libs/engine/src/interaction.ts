import { z, type ZodObject } from 'zod';
import { mergeState, type State } from './state';
import { getIn, setIn } from './state-path';
import type { CallbackStepDefinition, InputStepDefinition } from './step-types';
import type { WorkflowDefinition } from './workflow';

/** A path and message per problem, as VALIDATION_FAILED details show them (ENGINE.md 8.13). */
export interface InputIssue {
  path: string;
  message: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyZodObject = ZodObject<any>;

/** The input step's form for this state (a form function sees the step's focused state). */
export function formOf(definition: InputStepDefinition, state: State): AnyZodObject {
  if (typeof definition.form !== 'function') return definition.form;
  const form = definition.form(getIn(state, definition.focus ?? []));
  if (form === null || typeof form !== 'object' || typeof (form as { safeParse?: unknown }).safeParse !== 'function') {
    throw new TypeError(`inputStep "${definition.name}": the form function must return a zod object schema`);
  }
  return form;
}

/** The input step a process at `stepIndex` waits on, if that step is one. */
export function inputStepAt(workflow: WorkflowDefinition | undefined, stepIndex: number): InputStepDefinition | null {
  const definition = workflow?.steps[stepIndex];
  return definition?.kind === 'input' ? definition : null;
}

export function callbackStepAt(
  workflow: WorkflowDefinition | undefined,
  stepIndex: number,
): CallbackStepDefinition | null {
  const definition = workflow?.steps[stepIndex];
  return definition?.kind === 'callback' ? definition : null;
}

/** The JSON Schema of the input a suspended process waits for. */
export function formJsonSchema(definition: InputStepDefinition, state: State): Record<string, unknown> {
  return z.toJSONSchema(formOf(definition, state), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export type InputAnswer =
  | { readonly kind: 'accepted'; readonly input: State; readonly state: State }
  | { readonly kind: 'invalid'; readonly issues: InputIssue[] };

/**
 * Validates an operator's answer against the form (async refinements included) and merges it into the
 * state (into the focus, if any). An answer the form transforms into something JSON cannot hold is invalid.
 */
export async function answerInput(definition: InputStepDefinition, state: State, body: State): Promise<InputAnswer> {
  const parsed = await formOf(definition, state).safeParseAsync(body);
  if (!parsed.success) {
    return {
      kind: 'invalid',
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  const focus = definition.focus ?? [];
  let input: State;
  try {
    input = JSON.parse(JSON.stringify(mergeState({}, parsed.data, 'input'))) as State;
  } catch (error) {
    return { kind: 'invalid', issues: [{ path: '', message: (error as Error).message }] };
  }
  return { kind: 'accepted', input, state: setIn(state, focus, { ...getIn(state, focus), ...input }) };
}

/** The state after a callback: its body under the step's result key (inside the focus, if any). */
export function acceptCallback(definition: CallbackStepDefinition, state: State, body: unknown): State {
  const focus = definition.focus ?? [];
  return setIn(state, focus, { ...getIn(state, focus), [definition.resultKey]: body });
}
