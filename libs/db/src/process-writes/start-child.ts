import { randomUUID } from 'node:crypto';
import type { State, StepRequest } from '@orchestrator/engine';
import type { Queryable } from '../queryable';

// (sub-workflow or parallel step) ── created, in the parent's step transaction (ENGINE.md 14.2): the child is inserted
// at version 0 with its initial state and its initial input, linked to the parent and to the parent's step.
// It commits with the parent's `waiting` row or not at all; its Start step is requested after that commit,
// and a lost request is found by the recovery sweeper like any `created` process.
const START_CHILD_SQL = `
  WITH inserted AS (
    INSERT INTO processes (process_id, workflow_id, workflow_name, is_task, status, state, created_by, actor,
                           started_at, last_modified_at, parent_id, parent_step_index, branch)
    SELECT $1, w.workflow_id, w.name, w.is_task, 'created', $3::jsonb, $4, $4,
           date_trunc('milliseconds', clock_timestamp()), clock_timestamp(), $5, $6, $7
      FROM workflows w
     WHERE w.name = $2
    RETURNING process_id
  ), initial_input AS (
    INSERT INTO input_states (process_id, input_type, state, created_by)
    SELECT process_id, 'initial_state', $3::jsonb, $4 FROM inserted
  )
  SELECT process_id FROM inserted`;

export interface ChildStart {
  readonly parentId: string;
  readonly stepIndex: number;
  readonly workflowName: string;
  readonly state: State;
  readonly actor: string;
  /** A branch of a parallel step (ENGINE.md 14.1): the same workflow, the branch's steps. */
  readonly branch?: string;
}

/** Inserts the child process; the request for its first step (version 0). */
export async function startChild(tx: Queryable, child: ChildStart): Promise<StepRequest> {
  const processId = randomUUID();
  const rows = (await tx.query(START_CHILD_SQL, [
    processId,
    child.workflowName,
    JSON.stringify(child.state),
    child.actor,
    child.parentId,
    child.stepIndex,
    child.branch ?? null,
  ])) as unknown[];
  if (rows.length === 0) throw new Error(`workflow "${child.workflowName}" is not in the workflows table`);
  return { processId, version: 0 };
}
