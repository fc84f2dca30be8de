import type { Request } from 'express';
import type { State, SubscriptionReader, WorkflowDefinition } from '@orchestrator/engine';
import { ApiError } from './api-error';
import { bodyObjectOrArray, completedForm, formContext } from './form-answers';
import { bodyObject, zodDetails } from './request-input';

/**
 * The state a process starts with: the body validated by the workflow's input schema, the input its
 * multi-page form returns for the body's page answers (ENGINE.md 13.7), or the body as it is.
 */
export async function startState(
  deps: { inventory: SubscriptionReader },
  workflow: WorkflowDefinition,
  req: Request,
  actor: string,
): Promise<State> {
  if (workflow.inputForm) {
    const ctx = formContext(deps.inventory, actor, workflow.name);
    return completedForm(workflow.inputForm, bodyObjectOrArray(req), ctx, `workflow "${workflow.name}"`);
  }
  const body = bodyObject(req);
  if (!workflow.input) return body;
  const parsed = workflow.input.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `input does not match workflow "${workflow.name}"`,
      zodDetails(parsed.error),
    );
  }
  return parsed.data as State;
}
