import { z, type ZodObject } from 'zod';
import { firstFormPage, isFormGenerator, runForm, type FormContext } from './forms';
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

/**
 * The input step's form for this state (a form function sees the step's focused state). A multi-page form
 * has no single schema: see `inputFormSchema` and `answerInputForm`.
 */
export function formOf(definition: InputStepDefinition, state: State): AnyZodObject {
  if (isFormGenerator(definition.form)) {
    throw new TypeError(`inputStep "${definition.name}" has a multi-page form: it has no single schema`);
  }
  if (typeof definition.form !== 'function') return definition.form;
  const form = (definition.form as (state: State) => unknown)(getIn(state, definition.focus ?? []));
  if (form === null || typeof form !== 'object' || typeof (form as { safeParse?: unknown }).safeParse !== 'function') {
    throw new TypeError(`inputStep "${definition.name}": the form function must return a zod object schema`);
  }
  return form as AnyZodObject;
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
  /** `page` (from 0) for a multi-page form: the page whose answer is wrong. */
  | { readonly kind: 'invalid'; readonly issues: InputIssue[]; readonly page?: number }
  /** A multi-page form with fewer answers than pages: the next page to answer. */
  | { readonly kind: 'incomplete'; readonly page: number; readonly form: Record<string, unknown> };

/** The JSON Schema of the input a suspended process waits for: the form, or a multi-page form's first page. */
export async function inputFormSchema(
  definition: InputStepDefinition,
  state: State,
  ctx: FormContext,
): Promise<Record<string, unknown> | null> {
  if (!isFormGenerator(definition.form)) return formJsonSchema(definition, state);
  return firstFormPage(definition.form, getIn(state, definition.focus ?? []), ctx);
}

/**
 * An operator's answer to the input step: a JSON object for a form, an array of page answers for a
 * multi-page form (a single object counts as the first page's answer, an empty object as none).
 */
export async function answerInputForm(
  definition: InputStepDefinition,
  state: State,
  body: unknown,
  ctx: FormContext,
): Promise<InputAnswer> {
  const form = definition.form;
  if (!isFormGenerator(form)) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return { kind: 'invalid', issues: [{ path: '', message: 'expected a JSON object answering the form' }] };
    }
    return answerInput(definition, state, body as State);
  }
  const run = await runForm(form, getIn(state, definition.focus ?? []), ctx, pageAnswers(body));
  switch (run.kind) {
    case 'incomplete':
      return run;
    case 'invalid':
      return { kind: 'invalid', page: run.page, issues: pageIssues(run.page, run.issues) };
    case 'complete':
      return { kind: 'accepted', input: run.value, state: mergeAnswer(definition, state, run.value) };
  }
}

/** The answers a body gives a multi-page form: an array as it is, `{}` none, another object the first page's. */
export function pageAnswers(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body === undefined || body === null) return [];
  if (typeof body === 'object' && Object.keys(body).length === 0) return [];
  return [body];
}

/** Issues of page `page`, with paths into the array of page answers (`1.vlan`). */
export function pageIssues(page: number, issues: readonly InputIssue[]): InputIssue[] {
  return issues.map((issue) => ({
    path: issue.path === '' ? String(page) : `${page}.${issue.path}`,
    message: issue.message,
  }));
}

function mergeAnswer(definition: InputStepDefinition, state: State, input: State): State {
  const focus = definition.focus ?? [];
  return setIn(state, focus, { ...getIn(state, focus), ...input });
}

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
  let input: State;
  try {
    input = JSON.parse(JSON.stringify(mergeState({}, parsed.data, 'input'))) as State;
  } catch (error) {
    return { kind: 'invalid', issues: [{ path: '', message: (error as Error).message }] };
  }
  return { kind: 'accepted', input, state: mergeAnswer(definition, state, input) };
}

/** The state after a callback: its body under the step's result key (inside the focus, if any). */
export function acceptCallback(definition: CallbackStepDefinition, state: State, body: unknown): State {
  const focus = definition.focus ?? [];
  return setIn(state, focus, { ...getIn(state, focus), [definition.resultKey]: body });
}
