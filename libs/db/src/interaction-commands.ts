import type { DataSource, EntityManager } from 'typeorm';
import { isExecutableStatus, type ProcessStatus, type State } from '@orchestrator/engine';
import { hashCallbackToken } from './callback-token-hash';

/** A process as resume reads it, before validating an answer to its input step. */
export interface ResumeTarget {
  status: ProcessStatus;
  workflowName: string;
  version: number;
  stepIndex: number;
  state: State;
}

export interface InputAnswerWrite {
  processId: string;
  expectedVersion: number;
  stepIndex: number;
  stepName: string;
  /** The state with the answer merged in. */
  state: State;
  /** The validated answer, kept in input_states. */
  input: State;
  user: string;
}

/**
 * Why a callback (or its progress) was not taken: an unknown token is a 404; `not_ready` means the step
 * that may be issuing it is still running (try again shortly); anything else is a 409.
 */
export type CallbackRefusal =
  { kind: 'unknown_token' } | { kind: 'not_ready' } | { kind: 'not_waiting'; status: ProcessStatus; reason: string };

/** The callback step a token belongs to, for the caller to work out the state after the callback. */
export interface AwaitedCallback {
  workflowName: string;
  stepIndex: number;
  state: State;
}

export interface CallbackTarget {
  processId: string;
  token: string;
  /** Whether the workflow's step at this index is a callback step (whose action may still be committing). */
  isCallbackStep(workflowName: string, stepIndex: number): boolean;
}

interface TokenRow {
  token_version: number;
  consumed: boolean;
  expired: boolean;
  status: ProcessStatus;
  version: number;
  step_index: number;
  state: State;
  workflow_name: string;
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

const ANSWER_INPUT_SQL = `
  WITH updated AS (
    UPDATE processes
       SET status = 'resumed', version = version + 1, step_index = $3, state = $4::jsonb, last_step = $5,
           attempt = 0, next_retry_at = NULL, failed_reason = NULL, traceback = NULL, assignee = 'SYSTEM',
           actor = $6, last_modified_at = clock_timestamp()
     WHERE process_id = $1 AND version = $2 AND status = 'suspended'
    RETURNING process_id, version
  ), logged AS (
    INSERT INTO process_steps (process_id, name, status, state, created_by, started_at, completed_at)
    SELECT process_id, $5, 'success', $4::jsonb, $6, clock_timestamp(), clock_timestamp() FROM updated
  ), answered AS (
    INSERT INTO input_states (process_id, input_type, state, created_by)
    SELECT process_id, 'user_input', $7::jsonb, $6 FROM updated
  )
  SELECT version FROM updated`;

/** Thrown inside a callback transaction to roll it back and answer `not_ready`. */
class IssuingStepStillRunning extends Error {}

/** The writes of operator and system interaction: answering an input step, callbacks and their progress. */
export class InteractionCommands {
  constructor(private readonly dataSource: DataSource) {}

  async resumeTarget(processId: string): Promise<ResumeTarget | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT status, workflow_name AS "workflowName", version, step_index AS "stepIndex", state
         FROM processes WHERE process_id = $1`,
      [processId],
    )) as ResumeTarget[];
    return rows[0];
  }

  /**
   * Logs the input step as answered (by `user`), keeps the answer in input_states and hands the process
   * to the workers as `resumed`: one statement, applied only if nothing changed the process meanwhile.
   */
  async answerInput(write: InputAnswerWrite): Promise<{ version: number } | 'moved'> {
    const rows = (await this.dataSource.query(ANSWER_INPUT_SQL, [
      write.processId,
      write.expectedVersion,
      write.stepIndex + 1,
      JSON.stringify(write.state),
      write.stepName,
      write.user,
      JSON.stringify(write.input),
    ])) as { version: number }[];
    return rows[0] ?? 'moved';
  }

  /**
   * Takes a callback: the token is consumed, the callback step is logged with the body in its state
   * (`accept` works out that state), and the process runs on. All in one transaction on the locked row.
   */
  async deliverCallback(
    target: CallbackTarget,
    user: string,
    accept: (callback: AwaitedCallback) => { stepName: string; state: State },
  ): Promise<{ version: number } | CallbackRefusal> {
    const { processId } = target;
    const tokenHash = hashCallbackToken(target.token);
    return this.inCallbackTransaction(async (manager) => {
      const found = await this.awaitedToken(manager, target, tokenHash);
      if ('kind' in found) return found;
      const { stepName, state } = accept({
        workflowName: found.workflow_name,
        stepIndex: found.step_index,
        state: found.state,
      });
      const [updated] = (await manager.query(
        `UPDATE processes
            SET status = 'running', version = version + 1, step_index = $3, state = $4::jsonb, last_step = $5,
                attempt = 0, next_retry_at = NULL, failed_reason = NULL, traceback = NULL,
                last_modified_at = clock_timestamp()
          WHERE process_id = $1 AND version = $2
          RETURNING version`,
        [processId, found.version, found.step_index + 1, JSON.stringify(state), stepName],
      )) as [{ version: number }[], number];
      await manager.query(
        `INSERT INTO process_steps (process_id, name, status, state, created_by, started_at, completed_at)
         VALUES ($1, $2, 'success', $3::jsonb, $4, clock_timestamp(), clock_timestamp())`,
        [processId, stepName, JSON.stringify(state), user],
      );
      await manager.query(`UPDATE callback_tokens SET consumed_at = clock_timestamp() WHERE token_hash = $1`, [
        tokenHash,
      ]);
      const version = updated[0]?.version;
      if (version === undefined) throw new Error(`process ${processId} changed under its row lock`);
      return { version };
    });
  }

  /** Keeps the latest progress of a callback still awaited; shown in the detail until the next step. */
  async recordProgress(target: CallbackTarget, progress: unknown): Promise<'recorded' | CallbackRefusal> {
    const tokenHash = hashCallbackToken(target.token);
    return this.inCallbackTransaction(async (manager) => {
      const found = await this.awaitedToken(manager, target, tokenHash);
      if ('kind' in found) return found;
      await manager.query(
        `UPDATE callback_tokens SET progress = $2::jsonb, progress_at = clock_timestamp() WHERE token_hash = $1`,
        [tokenHash, JSON.stringify(progress)],
      );
      return 'recorded' as const;
    });
  }

  private async inCallbackTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T | CallbackRefusal> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (error instanceof IssuingStepStillRunning) return { kind: 'not_ready' };
      throw error;
    }
  }

  /**
   * The token's process, locked. A token not found may be in the making: the callback can arrive before
   * the action's transaction has committed. Only then (the process is executing a callback step) does it
   * wait, boundedly, for that step's execution lock and look again; a made-up token never waits.
   */
  private async awaitedToken(
    manager: EntityManager,
    target: CallbackTarget,
    tokenHash: Buffer,
  ): Promise<TokenRow | CallbackRefusal> {
    const { processId } = target;
    let row = ((await manager.query(TOKEN_SQL, [processId, tokenHash])) as TokenRow[])[0];
    if (!row) {
      const [process] = (await manager.query(
        'SELECT status, workflow_name, step_index FROM processes WHERE process_id = $1',
        [processId],
      )) as { status: ProcessStatus; workflow_name: string; step_index: number }[];
      if (!process || !isExecutableStatus(process.status)) return { kind: 'unknown_token' };
      if (!target.isCallbackStep(process.workflow_name, process.step_index)) return { kind: 'unknown_token' };
      await this.waitForExecutingStep(manager, processId);
      row = ((await manager.query(TOKEN_SQL, [processId, tokenHash])) as TokenRow[])[0];
      if (!row) return { kind: 'unknown_token' };
    }
    const refuse = (reason: string): CallbackRefusal => ({ kind: 'not_waiting', status: row.status, reason });
    if (row.consumed) return refuse('this callback token was already used');
    if (row.status !== 'awaiting_callback' || row.version !== row.token_version) {
      return refuse(`process ${processId} is ${row.status} and no longer waits for this callback`);
    }
    if (row.expired) return refuse('this callback token has expired');
    return row;
  }

  private async waitForExecutingStep(manager: EntityManager, processId: string): Promise<void> {
    await manager.query(`SET LOCAL lock_timeout = '${ISSUING_WAIT}'`);
    try {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [processId]);
    } catch (error) {
      if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new IssuingStepStillRunning();
      throw error;
    }
  }
}
