import type { EntityManager } from 'typeorm';
import { isExecutableStatus, type ProcessStatus, type State } from '@orchestrator/engine';
import type { CallbackTokenRow, ProcessRow } from '../entities';

/**
 * Why a callback (or its progress) was not taken: an unknown token is a 404; `not_ready` means the step
 * that may be issuing it is still running (try again shortly); anything else is a 409.
 */
export type CallbackRefusal =
  | { readonly kind: 'unknown_token' }
  | { readonly kind: 'not_ready' }
  | { readonly kind: 'not_waiting'; readonly status: ProcessStatus; readonly reason: string };

export interface CallbackTarget {
  processId: string;
  token: string;
  /** Whether the workflow's step at this index is a callback step (whose action may still be committing). */
  isCallbackStep(workflowName: string, stepIndex: number): boolean;
}

/** The process waiting for a token, read under its row lock. */
export interface AwaitedCallback {
  readonly kind: 'awaited';
  readonly version: number;
  readonly workflowName: string;
  readonly stepIndex: number;
  readonly state: State;
}

/** TOKEN_SQL's row: the token's version and state, and its process's columns under their own names. */
interface TokenRow {
  token_version: CallbackTokenRow['version'];
  consumed: boolean;
  expired: boolean;
  status: ProcessRow['status'];
  version: ProcessRow['version'];
  step_index: ProcessRow['stepIndex'];
  state: ProcessRow['state'];
  workflow_name: ProcessRow['workflowName'];
}

const TOKEN_SQL = `
  SELECT t.version AS token_version, t.consumed_at IS NOT NULL AS consumed,
         (t.expires_at IS NOT NULL AND t.expires_at <= clock_timestamp()) AS expired,
         p.status, p.version, p.step_index, p.state, p.workflow_name
    FROM callback_tokens t JOIN processes p USING (process_id)
   WHERE t.token_hash = $2 AND t.process_id = $1
     FOR UPDATE OF p`;

/** How long a callback waits for the action that is issuing its token to commit. */
const ISSUING_WAIT = '5s';
const LOCK_NOT_AVAILABLE = '55P03';

/** Thrown inside a callback transaction to roll it back and answer `not_ready`. */
export class IssuingStepStillRunning extends Error {}

/** Runs `work` in a transaction; an issuing step still running rolls it back as `not_ready`. */
export async function inCallbackTransaction<T>(
  transaction: <R>(work: (manager: EntityManager) => Promise<R>) => Promise<R>,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T | CallbackRefusal> {
  try {
    return await transaction(work);
  } catch (error) {
    if (error instanceof IssuingStepStillRunning) return { kind: 'not_ready' };
    throw error;
  }
}

/**
 * The token's process, locked, when it still waits for this token. A token not found may be in the making:
 * the callback can arrive before the action's transaction has committed. Only then (the process is executing
 * a callback step) does it wait, boundedly, for that step's execution lock and look again; a made-up token
 * never waits.
 */
export async function awaitedCallback(
  manager: EntityManager,
  target: CallbackTarget,
  tokenHash: Buffer,
): Promise<AwaitedCallback | CallbackRefusal> {
  const { processId } = target;
  let row = ((await manager.query(TOKEN_SQL, [processId, tokenHash])) as TokenRow[])[0];
  if (!row) {
    const [process] = (await manager.query(
      'SELECT status, workflow_name, step_index FROM processes WHERE process_id = $1',
      [processId],
    )) as Pick<TokenRow, 'status' | 'workflow_name' | 'step_index'>[];
    if (!process || !isExecutableStatus(process.status)) return { kind: 'unknown_token' };
    if (!target.isCallbackStep(process.workflow_name, process.step_index)) return { kind: 'unknown_token' };
    await waitForExecutingStep(manager, processId);
    row = ((await manager.query(TOKEN_SQL, [processId, tokenHash])) as TokenRow[])[0];
    if (!row) return { kind: 'unknown_token' };
  }
  const refuse = (reason: string): CallbackRefusal => ({ kind: 'not_waiting', status: row.status, reason });
  if (row.consumed) return refuse('this callback token was already used');
  if (row.status !== 'awaiting_callback' || row.version !== row.token_version) {
    return refuse(`process ${processId} is ${row.status} and no longer waits for this callback`);
  }
  if (row.expired) return refuse('this callback token has expired');
  return {
    kind: 'awaited',
    version: row.version,
    workflowName: row.workflow_name,
    stepIndex: row.step_index,
    state: row.state,
  };
}

async function waitForExecutingStep(manager: EntityManager, processId: string): Promise<void> {
  await manager.query(`SET LOCAL lock_timeout = '${ISSUING_WAIT}'`);
  try {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [processId]);
  } catch (error) {
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new IssuingStepStillRunning();
    throw error;
  }
}
