import type { State } from '@orchestrator/engine';
import { auditParameters, type Audit } from '../audit/audit';
import type { Queryable } from '../queryable';
import type { Moved } from './command-outcomes';

// suspended ── resume with a valid answer ──▶ resumed. Logs the input step as answered (by the actor), keeps
// the answer in input_states and hands the process to the workers, who run the step after the input step:
// one statement, applied only if nothing changed the process since the answer was validated.
const ANSWER_INPUT_SQL = `
  WITH updated AS (
    UPDATE processes
       SET status = 'resumed', version = version + 1, step_index = $3, state = $4::jsonb, last_step = $5,
           failed_attempts = 0, next_retry_at = NULL, failed_reason = NULL, traceback = NULL, assignee = 'SYSTEM',
           actor = $6, last_modified_at = clock_timestamp()
     WHERE process_id = $1 AND version = $2 AND status = 'suspended'
    RETURNING process_id, version
  ), logged AS (
    INSERT INTO process_steps (process_id, name, status, state, created_by, started_at, completed_at)
    SELECT process_id, $5, 'success', $4::jsonb, $6, clock_timestamp(), clock_timestamp() FROM updated
  ), answered AS (
    INSERT INTO input_states (process_id, input_type, state, created_by)
    SELECT process_id, 'user_input', $7::jsonb, $6 FROM updated
  ), audited AS (
    INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
    SELECT $8, $9, 'process', process_id::text, 'allowed', $10::jsonb FROM updated WHERE $9::text IS NOT NULL
  )
  SELECT version FROM updated`;

export interface InputAnswer {
  processId: string;
  /** The version the answer was validated against. */
  expectedVersion: number;
  /** The input step's index. */
  stepIndex: number;
  stepName: string;
  /** The state with the answer merged in. */
  state: State;
  /** The validated answer, kept in input_states. */
  input: State;
  actor: string;
}

/** `changed`: the process moved on since its form was read (answered, aborted): nothing written. */
export async function answerInput(
  db: Queryable,
  answer: InputAnswer,
  audit: Audit | null,
): Promise<Moved | { readonly kind: 'changed' }> {
  const rows = (await db.query(ANSWER_INPUT_SQL, [
    answer.processId,
    answer.expectedVersion,
    answer.stepIndex + 1,
    JSON.stringify(answer.state),
    answer.stepName,
    answer.actor,
    JSON.stringify(answer.input),
    ...auditParameters(audit, { step: answer.stepName }),
  ])) as { version: number }[];
  const row = rows[0];
  return row ? { kind: 'moved', version: row.version } : { kind: 'changed' };
}
