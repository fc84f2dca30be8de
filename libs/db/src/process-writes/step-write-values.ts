import type { ProcessWrite } from '@orchestrator/engine';
import { hashCallbackToken } from '../callbacks/callback-token-hash';

// The parameters of the step statements (commit-step.ts, commit-wait.ts, fail-step.ts), in their order:
// $1 process, $2 expected version, $3 status, $4 step index, $5 state, $6 last step, $7 failed attempts,
// $8 next retry, $9 failed reason, $10 traceback, $11 the step rows as one JSON array (in order).

export function stepWriteValues(write: ProcessWrite): unknown[] {
  return [
    write.processId,
    write.expectedVersion,
    write.status,
    write.stepIndex,
    JSON.stringify(write.state),
    write.lastStep,
    write.failedAttempts,
    write.nextRetryAt,
    write.failedReason,
    write.traceback,
    JSON.stringify(
      write.rows.map((row) => ({
        name: row.name,
        status: row.status,
        error: row.error,
        created_by: row.createdBy,
        started_at: row.startedAt,
        completed_at: row.completedAt,
      })),
    ),
  ];
}

/** Plus $12 assignee, $13 the callback token's SHA-256 (the token never leaves the worker), $14 its timeout. */
export function waitWriteValues(write: ProcessWrite): unknown[] {
  const { callback } = write;
  return [
    ...stepWriteValues(write),
    write.assignee,
    callback ? hashCallbackToken(callback.token) : null,
    callback?.timeoutMs ?? null,
  ];
}

/** Plus $12: whether an identical failure may fold into the latest row. */
export function failWriteValues(write: ProcessWrite): unknown[] {
  return [...stepWriteValues(write), write.foldRepeatedFailure];
}
