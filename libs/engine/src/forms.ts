import { z, type ZodObject } from 'zod';
import { OrchestratorError } from './errors';
import { mergeState, type State } from './state';
import type { StepState } from './step-types';
import type { SubscriptionReader } from './subscriptions';

// Multi-page forms (ENGINE.md 13.7): an async generator function that yields one zod object schema per page,
// receives each page's validated answer, and returns the input. It may read the inventory, never write. The
// API replays it on the answers it was given: all pages answered and valid is a complete input; otherwise
// the next page to show, or the page whose answer is wrong.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FormPage = ZodObject<any>;

/** What a form generator may use: reading subscriptions, and who is filling the form in. */
export interface FormContext {
  readonly subscriptions: SubscriptionReader;
  readonly actor: string;
  readonly workflowName: string;
}

/** A multi-page form: `async function* (state, ctx) { const a = yield page1; ...; return input; }`. */
export type FormGenerator<Result extends object = State, InputState = StepState> = (
  state: InputState,
  ctx: FormContext,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
) => AsyncGenerator<FormPage, Result, any>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFormGenerator = FormGenerator<any, StepState>;

/** One typed page: `const { vlan } = yield* formPage(z.object({ vlan: z.number() }))`. */
export async function* formPage<Page extends FormPage>(
  page: Page,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): AsyncGenerator<Page, z.output<Page>, any> {
  return (yield page) as z.output<Page>;
}

/** Whether `value` is an async generator function (a multi-page form), not a schema or a form function. */
export function isFormGenerator(value: unknown): value is AnyFormGenerator {
  return typeof value === 'function' && Object.prototype.toString.call(value) === '[object AsyncGeneratorFunction]';
}

export interface PageIssue {
  path: string;
  message: string;
}

export type FormRun =
  /** Every page answered and valid; `value` is what the generator returned. */
  | { readonly kind: 'complete'; readonly value: State }
  /** Fewer answers than pages: `form` is the JSON Schema of page `page` (counting from 0). */
  | { readonly kind: 'incomplete'; readonly page: number; readonly form: Record<string, unknown> }
  /** The answer to page `page` does not match it (or there are more answers than pages). */
  | { readonly kind: 'invalid'; readonly page: number; readonly issues: PageIssue[] };

/** The JSON Schema of a form page, as forms are shown (the input a client sends). */
export function pageJsonSchema(page: FormPage): Record<string, unknown> {
  return z.toJSONSchema(page, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * Replays the form on `answers`, one per page in order. A page that is not a zod object schema, or a result
 * that is not a plain JSON object, is the form's own mistake and is thrown; what the generator throws is
 * thrown as it is (an OrchestratorError with a code the API knows keeps its answer).
 */
export async function runForm(
  form: AnyFormGenerator,
  state: StepState,
  ctx: FormContext,
  answers: readonly unknown[],
): Promise<FormRun> {
  const generator = form(structuredClone(state), ctx);
  let page = 0;
  try {
    let next = await generator.next();
    while (!next.done) {
      const schema = checkedPage(next.value, ctx.workflowName, page);
      if (page >= answers.length) return { kind: 'incomplete', page, form: pageJsonSchema(schema) };
      const parsed = await schema.safeParseAsync(answers[page]);
      if (!parsed.success) {
        return {
          kind: 'invalid',
          page,
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.map(String).join('.'),
            message: issue.message,
          })),
        };
      }
      next = await generator.next(parsed.data);
      page += 1;
    }
    if (answers.length > page) {
      return {
        kind: 'invalid',
        page,
        issues: [
          { path: '', message: `the form has ${page} page${page === 1 ? '' : 's'}; got ${answers.length} answers` },
        ],
      };
    }
    return { kind: 'complete', value: checkedResult(next.value, ctx.workflowName) };
  } finally {
    // A form left at a page (incomplete, invalid) is closed, so that its `finally` blocks run.
    await generator.return(undefined as never).catch(() => undefined);
  }
}

/** The JSON Schema of the form's first page, or null when it has none (it returns at once). */
export async function firstFormPage(
  form: AnyFormGenerator,
  state: StepState,
  ctx: FormContext,
): Promise<Record<string, unknown> | null> {
  const run = await runForm(form, state, ctx, []);
  return run.kind === 'incomplete' ? run.form : null;
}

function checkedPage(value: unknown, workflowName: string, page: number): FormPage {
  if (!(value instanceof z.ZodObject)) {
    throw new OrchestratorError(
      'INVALID_FORM',
      `the form of workflow ${workflowName} yielded something that is not a zod object schema as page ${page}`,
    );
  }
  return value;
}

function checkedResult(value: unknown, workflowName: string): State {
  if (value === undefined || value === null) return {};
  try {
    return JSON.parse(JSON.stringify(mergeState({}, value, 'input'))) as State;
  } catch (error) {
    throw new OrchestratorError(
      'INVALID_FORM',
      `the form of workflow ${workflowName} returned an input that is not a JSON object: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
}
