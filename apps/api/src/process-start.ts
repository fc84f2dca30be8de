import type { DataSource } from 'typeorm';
import {
  predicateRefusal,
  processOfIdempotencyKey,
  SubscriptionStarts,
  type ProcessCommands,
  type StartedProcess,
  type StartProcessInput,
} from '@orchestrator/db';
import type { WorkflowDefinition } from '@orchestrator/engine';
import { ApiError } from './api-error';

export interface ProcessStartDeps {
  commands: ProcessCommands;
  dataSource: DataSource;
}

/**
 * Starts a process. A workflow built by a locking subscription wrapper starts through the gated path (gates,
 * predicate and lock in the start transaction, ENGINE.md 8.2); any other workflow through the single start
 * statement, after its start predicate if it has one. A refusal writes nothing.
 */
export async function startWorkflowProcess(
  deps: ProcessStartDeps,
  workflow: WorkflowDefinition,
  input: StartProcessInput,
): Promise<StartedProcess> {
  if (workflow.subscription) {
    const { subscriptionId, version } = input.state as { subscriptionId: string; version?: number };
    const outcome = await new SubscriptionStarts(deps.dataSource).start({
      ...input,
      workflow,
      subscriptionId,
      inputVersion: version,
    });
    if ('kind' in outcome) throw new ApiError(outcome.code, outcome.message);
    return outcome;
  }
  if (workflow.startPredicate) {
    const verdict = await workflow.startPredicate(input.state, { user: input.user, subscription: null });
    if (verdict !== true) {
      // A repeated Idempotency-Key still answers with the original process, whatever the predicate says now.
      const original = input.idempotencyKey
        ? await processOfIdempotencyKey(deps.dataSource, input.idempotencyKey)
        : null;
      if (original) return { processId: original, version: 0, created: false };
      const refusal = predicateRefusal(workflow.name, verdict);
      throw new ApiError(refusal.code, refusal.message);
    }
  }
  return deps.commands.start(input);
}
