import { requiresInsync, startRefusal } from '@orchestrator/domain';
import { OrchestratorError } from '../errors';
import { pageAnswers, pageIssues } from '../interaction';
import { EVERY_PRODUCT_WORKFLOWS, type ProductRegistry } from '../products';
import { runForm, type FormContext } from '../forms';
import type { State } from '../state';
import type { Subscription } from '../subscriptions';
import type { WorkflowRegistry } from '../registry';
import type { WorkflowDefinition } from '../workflow';
import type { InMemorySubscriptions } from './in-memory-subscriptions';

// What the API does before a process exists (POST /api/processes/{workflowName}), for the test kit: the input
// validated (a multi-page form replayed on its page answers), the start predicate, and for a workflow that
// locks a subscription the gates and the lock. A refusal is an OrchestratorError with the API's code; nothing
// is written then.

export interface StartContext {
  readonly workflows: WorkflowRegistry;
  readonly products: ProductRegistry;
  readonly subscriptions: InMemorySubscriptions;
  readonly actor: string;
  readonly processId: string;
}

/** The initial state of the process, after every check the API makes; the subscription locked if it locks one. */
export async function checkedStart(workflow: WorkflowDefinition, body: unknown, context: StartContext): Promise<State> {
  const state = await parsedInput(workflow, body, context);
  const subscription = workflow.subscription ? await subscriptionOf(state, context) : null;
  if (workflow.startPredicate) {
    const verdict = await workflow.startPredicate(state, { actor: context.actor, subscription });
    if (verdict !== true) {
      const reason = typeof verdict === 'string' ? verdict : 'the start predicate refused';
      throw new OrchestratorError('START_PREDICATE_FAILED', reason);
    }
  }
  if (workflow.subscription && subscription) await lock(workflow, subscription, state, context);
  return state;
}

async function parsedInput(workflow: WorkflowDefinition, body: unknown, context: StartContext): Promise<State> {
  if (workflow.inputForm) {
    const formContext: FormContext = {
      subscriptions: context.subscriptions.reader(),
      actor: context.actor,
      workflowName: workflow.name,
    };
    const run = await runForm(workflow.inputForm, {}, formContext, pageAnswers(body));
    if (run.kind === 'incomplete') {
      throw new OrchestratorError('FORM_NOT_COMPLETE', `page ${run.page} of the form is not answered`, [
        { page: run.page, form: run.form },
      ]);
    }
    if (run.kind === 'invalid') throw validationFailed(pageIssues(run.page, run.issues));
    return run.value;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationFailed([{ path: '', message: 'the input must be a JSON object' }]);
  }
  if (!workflow.input) return { ...(body as State) };
  const parsed = await workflow.input.safeParseAsync(body);
  if (!parsed.success) {
    throw validationFailed(
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
  return JSON.parse(JSON.stringify(parsed.data)) as State;
}

function validationFailed(issues: { path: string; message: string }[]): OrchestratorError {
  const lines = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  return new OrchestratorError('VALIDATION_FAILED', `invalid input: ${lines.join('; ')}`, issues);
}

async function subscriptionOf(state: State, context: StartContext): Promise<Subscription> {
  const id = String(state.subscriptionId);
  const found = context.subscriptions.find(id);
  if (!found) throw new OrchestratorError('SUBSCRIPTION_NOT_FOUND', `subscription ${id} not found`);
  return found;
}

/** The start transaction of a locking workflow: gates, then the subscription linked and taken out of sync. */
async function lock(
  workflow: WorkflowDefinition,
  subscription: Subscription,
  state: State,
  context: StartContext,
): Promise<void> {
  const product = context.products.get(subscription.productName);
  const allowedWorkflows = [
    ...(product?.workflows ?? []),
    ...context.workflows
      .all()
      .filter((w) => w.product === subscription.productName)
      .map((w) => w.name),
    ...EVERY_PRODUCT_WORKFLOWS,
  ];
  const activeDependents = subscription.inUseBy.filter((id) => {
    const dependent = context.subscriptions.find(id);
    if (!dependent) return false;
    const inService = ['active', 'disabled', 'migrating', 'provisioning'].includes(dependent.status);
    return inService || (!dependent.insync && dependent.status !== 'terminated');
  });
  const refusal = startRefusal({
    workflow,
    subscription,
    allowedWorkflows,
    activeDependents,
    ...(typeof state.version === 'number' ? { inputVersion: state.version } : {}),
  });
  if (refusal) throw new OrchestratorError(refusal.code, refusal.message);
  await context.subscriptions.inTransaction(context.processId, (s) =>
    s.holdLock(subscription.id, { allowOutOfSync: !requiresInsync(workflow) }),
  );
}
