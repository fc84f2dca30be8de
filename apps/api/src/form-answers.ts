import type { Request } from 'express';
import {
  pageAnswers,
  pageIssues,
  runForm,
  type AnyFormGenerator,
  type FormContext,
  type InputIssue,
  type State,
  type SubscriptionReader,
} from '@orchestrator/engine';
import { ApiError } from './api-error';
import { assertStorable, bodyObject } from './request-input';

// Multi-page forms at the API (ENGINE.md 13.7): the body is the array of page answers; with fewer answers than
// pages the answer is 510 FORM_NOT_COMPLETE carrying the next page's JSON Schema, with a wrong answer a 400
// naming the page. The form runs before anything is written, reading the inventory through `inventory`.

/** The request body as a JSON object, or an array (the page answers of a multi-page form). */
export function bodyObjectOrArray(req: Request): unknown {
  if (Array.isArray(req.body)) {
    assertStorable(req.body);
    return req.body;
  }
  return bodyObject(req);
}

/** What a form generator may use: reading subscriptions (never writing) and who fills the form in. */
export function formContext(inventory: SubscriptionReader, actor: string, workflowName: string): FormContext {
  return {
    subscriptions: {
      get: (id) => inventory.get(id),
      list: (filter) => inventory.list(filter),
      load: (id) => inventory.load(id),
    },
    actor,
    workflowName,
  };
}

/** 510 FORM_NOT_COMPLETE: `{ error, form, page }`, nothing written. */
export function formNotComplete(what: string, page: number, form: Record<string, unknown>): ApiError {
  return new ApiError('FORM_NOT_COMPLETE', `${what} needs an answer to page ${page} of its form`, [], {
    extra: { form, page },
  });
}

/** 400 VALIDATION_FAILED naming the page: details' paths start with the page's index in the array of answers. */
export function invalidPage(what: string, page: number, issues: InputIssue[]): ApiError {
  return new ApiError('VALIDATION_FAILED', `the answer to page ${page} does not match the form of ${what}`, issues, {
    extra: { page },
  });
}

/** Runs a workflow's multi-page input form on the body's answers; the complete input, or the refusal thrown. */
export async function completedForm(
  form: AnyFormGenerator,
  body: unknown,
  ctx: FormContext,
  what: string,
): Promise<State> {
  const run = await runForm(form, {}, ctx, pageAnswers(body));
  switch (run.kind) {
    case 'incomplete':
      throw formNotComplete(what, run.page, run.form);
    case 'invalid':
      throw invalidPage(what, run.page, pageIssues(run.page, run.issues));
    case 'complete':
      assertStorable(run.value);
      return run.value;
  }
}
