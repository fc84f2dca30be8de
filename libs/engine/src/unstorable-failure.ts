import type { ProcessWrite } from './ports';

/**
 * The failure to record when the store cannot hold a failure's own error (PostgreSQL refuses some text in
 * jsonb): the same write with a plain error saying so, rather than an unrecorded failure whose step runs
 * again forever.
 */
export function withUnstorableError(write: ProcessWrite, why: string): ProcessWrite {
  const reason = `the step failed, and its error could not be stored (${why})`;
  return {
    ...write,
    failedReason: reason,
    traceback: null,
    rows: write.rows.map((row) => ({ ...row, error: { class: 'UnstorableError', message: reason, stack: null } })),
  };
}
