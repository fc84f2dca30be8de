import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { State } from '@orchestrator/engine';
import { auditParameters, type Audit } from '../audit/audit';
import { processOfIdempotencyKey } from '../idempotency-keys';
import { runNamed, type Queryable } from '../queryable';

// (start) ── created. One statement, so one round trip and atomic: claim the idempotency key (if any),
// insert the process as `created` with its initial state, record that state as the initial input, and
// the audit row of an API start ($7 null: no row; a repeated key inserts no process, so no row). A key
// already taken by a committed start inserts nothing; a concurrent start with the same key waits on the key
// and then does the same, so duplicates create one process. The locking start of subscription workflows
// runs the same statement first in its transaction (start-locking-process.ts). The process is pinned to the
// workflow version of the code that starts it ($9), else to the one registered last (ENGINE.md 14.3).
export const START_PROCESS = {
  name: 'orchestrator_start_process',
  text: `
  WITH claimed AS (
    INSERT INTO idempotency_keys (key, process_id)
    SELECT $5, $1 WHERE $5::text IS NOT NULL
    ON CONFLICT (key) DO NOTHING
    RETURNING key
  ), inserted AS (
    INSERT INTO processes (process_id, workflow_id, workflow_name, workflow_version, is_task, status, state,
                           created_by, actor, started_at, last_modified_at)
    SELECT $1, w.workflow_id, w.name, COALESCE($9::text, w.version), w.is_task, 'created', $3::jsonb, $4, $4,
           date_trunc('milliseconds', clock_timestamp()), clock_timestamp()
      FROM workflows w
     WHERE w.name = $2 AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM claimed))
    RETURNING process_id, last_modified_at
  ), initial_input AS (
    INSERT INTO input_states (process_id, input_type, state, created_by)
    SELECT process_id, 'initial_state', $3::jsonb, $4 FROM inserted
  ), audited AS (
    INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
    SELECT $6, $7, 'process', process_id::text, 'allowed', $8::jsonb FROM inserted WHERE $7::text IS NOT NULL
  )
  SELECT (SELECT process_id FROM inserted) AS process_id, (SELECT last_modified_at FROM inserted) AS modified_at`,
};

export interface StartProcessInput {
  workflowName: string;
  state: State;
  /** The acting user, stored as `createdBy`. */
  actor: string;
  idempotencyKey?: string;
  /** The version (step-list digest) of the starting code's workflow; default: the one registered last. */
  workflowVersion?: string;
}

/**
 * `started`: a new process at version 0, last modified at `modifiedAt` (the database's clock).
 * `repeated`: the idempotency key was used before, for `processId`.
 */
export type StartOutcome =
  | { readonly kind: 'started'; readonly processId: string; readonly version: 0; readonly modifiedAt: Date }
  | { readonly kind: 'repeated'; readonly processId: string };

/** Starts a process of a workflow that no subscription gate guards; `audit` null for the scheduler's starts. */
export async function startProcess(
  dataSource: DataSource,
  input: StartProcessInput,
  audit: Audit | null,
): Promise<StartOutcome> {
  const processId = randomUUID();
  const rows = await runNamed<StartRow>(dataSource, START_PROCESS, startProcessValues(processId, input, audit));
  return startOutcome(dataSource, processId, input, rows[0]);
}

/** START_PROCESS's parameters; the audit row's details name the workflow (and `details`, the subscription). */
export function startProcessValues(
  processId: string,
  input: StartProcessInput,
  audit: Audit | null,
  details: Record<string, unknown> = {},
): unknown[] {
  return [
    processId,
    input.workflowName,
    JSON.stringify(input.state),
    input.actor,
    input.idempotencyKey ?? null,
    ...auditParameters(audit, {
      workflowName: input.workflowName,
      ...(input.idempotencyKey === undefined ? {} : { idempotencyKey: input.idempotencyKey }),
      ...details,
    }),
    input.workflowVersion ?? null,
  ];
}

/** The row START_PROCESS answers with. */
export interface StartRow {
  process_id: string | null;
  modified_at: Date | null;
}

/** What START_PROCESS did: inserted the process, or found the idempotency key taken by an earlier start. */
export async function startOutcome(
  db: Queryable,
  processId: string,
  input: StartProcessInput,
  row: StartRow | undefined,
): Promise<StartOutcome> {
  if (row?.process_id) return { kind: 'started', processId, version: 0, modifiedAt: row.modified_at ?? new Date() };
  const key = input.idempotencyKey;
  if (key === undefined) throw new Error(`workflow "${input.workflowName}" is not in the workflows table`);
  const original = await processOfIdempotencyKey(db, key);
  if (!original) throw new Error(`idempotency key "${key}" was claimed but has no process`);
  return { kind: 'repeated', processId: original };
}
