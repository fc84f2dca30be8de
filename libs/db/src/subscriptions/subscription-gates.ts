import { startRefusal } from '@orchestrator/domain';
import type { WorkflowDefinition } from '@orchestrator/engine';
import type { Queryable } from '../queryable';
import { ACTIVE_DEPENDENTS_SQL } from './subscription-dependents';
import { SUBSCRIPTION_COLUMNS, SUBSCRIPTION_FROM, type SubscriptionDbRow } from './subscription-json';
import type { AllowedWorkflowRecord } from './subscription-queries';

/** Why a subscription workflow did not start; `code` is the API's error code. Nothing was written. */
export interface SubscriptionStartRefusal {
  readonly kind: 'refused';
  readonly code:
    | 'SUBSCRIPTION_NOT_FOUND'
    | 'SUBSCRIPTION_LIFECYCLE'
    | 'SUBSCRIPTION_NOT_IN_SYNC'
    | 'STALE_DATA'
    | 'WORKFLOW_NOT_ALLOWED'
    | 'START_PREDICATE_FAILED'
    | 'CONCURRENT_CHANGE';
  readonly message: string;
}

const ALLOWED_WORKFLOWS_SQL = `
  SELECT w.name FROM product_workflows pw JOIN workflows w USING (workflow_id)
   WHERE pw.product_id = $1 AND w.deleted_at IS NULL`;

/** The subscription as the gates read it; with `lock`, under its row lock (FOR UPDATE). */
export async function readGatedSubscription(
  db: Queryable,
  id: string,
  lock: boolean,
): Promise<SubscriptionDbRow | undefined> {
  const rows = (await db.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM ${SUBSCRIPTION_FROM} WHERE s.subscription_id = $1${lock ? ' FOR UPDATE OF s' : ''}`,
    [id],
  )) as SubscriptionDbRow[];
  return rows[0];
}

/** The gates of ENGINE.md 5 on this subscription row, or null when the workflow may start on it. */
export async function gateRefusal(
  db: Queryable,
  row: SubscriptionDbRow,
  input: { workflow: WorkflowDefinition; inputVersion?: number },
): Promise<SubscriptionStartRefusal | null> {
  const allowed = (await db.query(ALLOWED_WORKFLOWS_SQL, [row.productId])) as AllowedWorkflowRecord[];
  const dependents =
    input.workflow.target === 'TERMINATE'
      ? ((await db.query(ACTIVE_DEPENDENTS_SQL, [row.id])) as { id: string }[])
      : [];
  const refusal = startRefusal({
    workflow: input.workflow,
    subscription: row,
    allowedWorkflows: allowed.map((w) => w.name),
    activeDependents: dependents.map((d) => d.id),
    inputVersion: input.inputVersion,
  });
  return refusal ? { kind: 'refused', ...refusal } : null;
}

export function subscriptionNotFoundRefusal(id: string): SubscriptionStartRefusal {
  return { kind: 'refused', code: 'SUBSCRIPTION_NOT_FOUND', message: `subscription ${id} not found` };
}

/** A start predicate refused: `false`, or a string giving the reason. */
export function predicateRefusal(workflowName: string, verdict: boolean | string): SubscriptionStartRefusal {
  const reason = typeof verdict === 'string' && verdict.trim() !== '' ? `: ${verdict}` : '';
  return {
    kind: 'refused',
    code: 'START_PREDICATE_FAILED',
    message: `the start predicate of workflow ${workflowName} refused the start${reason}`,
  };
}
