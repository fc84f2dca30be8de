import type { Audit, ProcessCommands, ProcessQueries, StartOutcome, StartProcessInput } from '@orchestrator/db';
import { predicateRefusal } from '@orchestrator/db';
import type { WorkflowDefinition } from '@orchestrator/engine';
import { ApiError } from './api-error';

export interface ProcessStartDeps {
  commands: ProcessCommands;
  queries: ProcessQueries;
}

/**
 * Starts a process. A workflow built by a locking subscription wrapper starts through the locking path (gates,
 * predicate and lock in the start transaction, ENGINE.md 8.2); any other workflow through the single start
 * statement, after its start predicate if it has one. A refusal writes nothing; a start writes its audit row.
 */
export async function startWorkflowProcess(
  deps: ProcessStartDeps,
  workflow: WorkflowDefinition,
  input: StartProcessInput,
  audit: Audit,
): Promise<StartOutcome> {
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
