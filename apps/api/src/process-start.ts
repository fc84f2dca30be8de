import type {
  Audit,
  ProcessCommands,
  ProcessQueries,
  ProductQueries,
  StartOutcome,
  StartProcessInput,
} from '@orchestrator/db';
import { predicateRefusal } from '@orchestrator/db';
import { NOT_ORDERABLE_STATUSES, workflowVersion, type WorkflowDefinition } from '@orchestrator/engine';
import { ApiError } from './api-error';

export interface ProcessStartDeps {
  commands: ProcessCommands;
  queries: ProcessQueries;
  products: ProductQueries;
}

/**
 * Starts a process. A workflow built by a locking subscription wrapper starts through the locking path (gates,
 * predicate and lock in the start transaction, ENGINE.md 8.2); any other workflow through the single start
 * statement, after its start predicate if it has one. A refusal writes nothing; a start writes its audit row.
 */
export async function startWorkflowProcess(
  deps: ProcessStartDeps,
  workflow: WorkflowDefinition,
  given: StartProcessInput,
  audit: Audit,
): Promise<StartOutcome> {
  // Pinned to the version of the code that validated the input (ENGINE.md 14.3).
  const input = { ...given, workflowVersion: workflowVersion(workflow) };
  if (workflow.target === 'CREATE') await refuseUnorderable(deps, workflow);
  if (workflow.subscription) {
    const { subscriptionId, version } = input.state as { subscriptionId: string; version?: number };
    const outcome = await deps.commands.startLocking(
      { ...input, workflow, subscriptionId, inputVersion: version },
      audit,
    );
    if (outcome.kind === 'refused') throw new ApiError(outcome.code, outcome.message);
    return outcome;
  }
  if (workflow.startPredicate) {
    const verdict = await workflow.startPredicate(input.state, { actor: input.actor, subscription: null });
    if (verdict !== true) {
      // A repeated Idempotency-Key still answers with the original process, whatever the predicate says now.
      const original = input.idempotencyKey ? await deps.queries.processOfIdempotencyKey(input.idempotencyKey) : null;
      if (original) return { kind: 'repeated', processId: original };
      const refusal = predicateRefusal(workflow.name, verdict);
      throw new ApiError(refusal.code, refusal.message);
    }
  }
  return deps.commands.start(input, audit);
}

/**
 * A CREATE workflow of a product in phase out or end of life is refused (409 PRODUCT_NOT_ORDERABLE, ENGINE.md
 * 13.8): when every product that allows it is such. The step that creates the subscription checks again, under
 * the product's row lock.
 */
async function refuseUnorderable(deps: ProcessStartDeps, workflow: WorkflowDefinition): Promise<void> {
  const products = await deps.products.allowing(workflow.name);
  if (products.length === 0 || products.some((p) => !NOT_ORDERABLE_STATUSES.includes(p.status))) return;
  const named = products.map((p) => `${p.name} (${p.status})`).join(', ');
  throw new ApiError(
    'PRODUCT_NOT_ORDERABLE',
    `workflow ${workflow.name} creates a subscription of ${named}: not orderable`,
  );
}
