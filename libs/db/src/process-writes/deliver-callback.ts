import type { DataSource } from 'typeorm';
import type { State } from '@orchestrator/engine';
import {
  awaitedCallback,
  inCallbackTransaction,
  type AwaitedCallback,
  type CallbackRefusal,
  type CallbackTarget,
} from '../callbacks/awaited-callback';
import { hashCallbackToken } from '../callbacks/callback-token-hash';
import type { Moved } from './command-outcomes';

// awaiting_callback ── callback with its token ──▶ running. Under the row lock the token check took: the
// callback step logged `success` with the body in its state, the token consumed, and the process handed on
// to the step after the callback step.
const DELIVER_CALLBACK_SQL = `
  WITH updated AS (
    UPDATE processes
       SET status = 'running', version = version + 1, step_index = $3, state = $4::jsonb, last_step = $5,
           failed_attempts = 0, next_retry_at = NULL, failed_reason = NULL, traceback = NULL,
           last_modified_at = clock_timestamp()
     WHERE process_id = $1 AND version = $2
    RETURNING process_id, version
  ), logged AS (
    INSERT INTO process_steps (process_id, name, status, state, created_by, started_at, completed_at)
    SELECT process_id, $5, 'success', $4::jsonb, $6, clock_timestamp(), clock_timestamp() FROM updated
  ), consumed AS (
    UPDATE callback_tokens SET consumed_at = clock_timestamp()
     WHERE token_hash = $7 AND EXISTS (SELECT 1 FROM updated)
  )
  SELECT version FROM updated`;

/**
 * Takes a callback: `accept` works out the callback step's name and the state with the body in it (it may
 * throw to refuse); all in one transaction on the locked process row.
 */
export async function deliverCallback(
  dataSource: DataSource,
  target: CallbackTarget,
  actor: string,
  accept: (callback: AwaitedCallback) => { stepName: string; state: State },
): Promise<Moved | CallbackRefusal> {
  const tokenHash = hashCallbackToken(target.token);
  return inCallbackTransaction(
    (work) => dataSource.transaction(work),
    async (manager) => {
      const awaited = await awaitedCallback(manager, target, tokenHash);
      if (awaited.kind !== 'awaited') return awaited;
      const { stepName, state } = accept(awaited);
      const rows = (await manager.query(DELIVER_CALLBACK_SQL, [
        target.processId,
        awaited.version,
        awaited.stepIndex + 1,
        JSON.stringify(state),
        stepName,
        actor,
        tokenHash,
      ])) as { version: number }[];
      const version = rows[0]?.version;
      if (version === undefined) throw new Error(`process ${target.processId} changed under its row lock`);
      return { kind: 'moved', version } as const;
    },
  );
}
