import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { QueryRunner } from 'typeorm';
import { TransientStoreError, type WriteOutcome } from '@orchestrator/engine';

/** The SQLSTATE raised by orchestrator_fenced(): the process moved on while the step ran. */
export const FENCED_SQLSTATE = 'OF001';
const STEP_SAVEPOINT = 'orchestrator_step';
const IN_FAILED_TRANSACTION = '25P02';
const ABORTED_BY_STEP = 'a statement of the step failed and the step carried on: its transaction is aborted';

export interface NamedQuery {
  name: string;
  text: string;
  values: unknown[];
}

/** A statement sent right behind the step's write, in the same transaction, and what its rows add to the outcome. */
export interface FollowingWrite {
  readonly query: NamedQuery;
  readonly outcome: (rows: QueryResultRow[]) => Partial<Extract<WriteOutcome, { kind: 'written' }>>;
}

/**
 * The step transaction's begin and end, each sent as ONE socket write: on this CPU-bound hot path a
 * loopback write to PostgreSQL costs more than the statements themselves. The pool's clients run in
 * pipeline mode, so queries are sent without waiting for the previous answer; corking the socket makes
 * them leave in a single writev. The TypeORM QueryRunner is told about the transaction so that `ctx.tx`
 * behaves as inside `startTransaction()` (a nested `transaction()` uses a savepoint, never COMMIT).
 */
export class StepTransaction {
  constructor(
    readonly runner: QueryRunner,
    private readonly client: PoolClient,
  ) {}

  static async open(runner: QueryRunner): Promise<StepTransaction> {
    return new StepTransaction(runner, (await runner.connect()) as PoolClient);
  }

  private savepoint: Promise<unknown> | undefined;

  /**
   * BEGIN, the execution lock and the read. The read is a statement of its own after the lock, so that
   * its snapshot sees what the previous holder committed.
   */
  async begin<L extends QueryResultRow, R extends QueryResultRow>(
    lock: NamedQuery,
    read: NamedQuery,
  ): Promise<{ locked: L[]; read: R[] }> {
    const [begun, locked, result] = await this.corked([
      () => this.client.query('BEGIN'),
      () => this.client.query<L>(lock),
      () => this.client.query<R>(read),
    ]);
    unwrap(begun);
    markTransaction(this.runner, true);
    return { locked: unwrap(locked).rows as L[], read: unwrap(result).rows as R[] };
  }

  /**
   * The step's TypeORM manager. On first use a savepoint goes out ahead of the step's own statements
   * (pipelined, not awaited), so that a failure can undo exactly the step's writes.
   */
  get manager(): QueryRunner['manager'] {
    if (!this.savepoint) {
      this.savepoint = this.client.query(`SAVEPOINT ${STEP_SAVEPOINT}`);
      // Its failure, if any, surfaces through the statements queued behind it and at commit.
      this.savepoint.catch(() => undefined);
    }
    return this.runner.manager;
  }

  /**
   * The step's write plus COMMIT. A failing write aborts the transaction, so the COMMIT that follows it
   * rolls back: a fenced write answers `fenced`; a refused one is thrown after the rollback.
   */
  async commitWith(write: NamedQuery, then?: FollowingWrite): Promise<WriteOutcome> {
    this.assertStillOpen();
    return this.finishWith([() => this.client.query(write)], then);
  }

  /** Undoes the step's own writes (back to the savepoint, if it used the database), then `write` and COMMIT. */
  async failWith(write: NamedQuery, then?: FollowingWrite): Promise<WriteOutcome> {
    const undo = this.savepoint ? [() => this.client.query(`ROLLBACK TO SAVEPOINT ${STEP_SAVEPOINT}`)] : [];
    return this.finishWith([...undo, () => this.client.query(write)], then);
  }

  async rollback(): Promise<void> {
    if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
  }

  async release(): Promise<void> {
    if (!this.runner.isReleased) await this.runner.release();
  }

  /** The write is the last of `statements`; its row says when the process was modified (`modified_at`). */
  private async finishWith(
    statements: (() => Promise<QueryResult>)[],
    then: FollowingWrite | undefined,
  ): Promise<WriteOutcome> {
    const following = then ? [() => this.client.query(then.query)] : [];
    const settled = await this.corked([...statements, ...following, () => this.client.query('COMMIT')]);
    markTransaction(this.runner, false);
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') continue;
      const code = (outcome.reason as { code?: string }).code;
      if (code === FENCED_SQLSTATE) return { kind: 'fenced' };
      // The step swallowed the error of a failed statement (the check before the commit can miss it while
      // that statement's ReadyForQuery is still on its way).
      if (code === IN_FAILED_TRANSACTION) throw new Error(ABORTED_BY_STEP, { cause: outcome.reason });
      throw isTransient(code)
        ? new TransientStoreError(`step transaction failed: ${String((outcome.reason as Error).message)}`, {
            cause: outcome.reason,
          })
        : outcome.reason;
    }
    const outcome = writtenOutcome(settled[statements.length - 1]);
    const thenSettled = then ? settled[statements.length] : undefined;
    if (!then || thenSettled?.status !== 'fulfilled') return outcome;
    const extra = then.outcome(thenSettled.value.rows);
    return outcome.kind === 'written' ? { ...outcome, ...extra } : outcome;
  }

  /** A step must not end the transaction itself, nor swallow an error that aborted it. */
  private assertStillOpen(): void {
    const status = (this.client as unknown as { getTransactionStatus(): string | null }).getTransactionStatus();
    if (status === 'I') throw new Error('the step ended its transaction itself (COMMIT or ROLLBACK); a step must not');
    if (status === 'E') throw new Error(ABORTED_BY_STEP);
  }

  /** Issues the queries in order while the socket is corked, so that they leave in one write. */
  private async corked(queries: (() => Promise<QueryResult>)[]): Promise<PromiseSettledResult<QueryResult>[]> {
    const stream = (this.client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection
      .stream;
    stream.cork();
    let sent: Promise<QueryResult>[];
    try {
      sent = queries.map((query) => query());
    } finally {
      stream.uncork();
    }
    return Promise.allSettled(sent);
  }
}

/**
 * Connection trouble (no SQLSTATE, class 08), conflicts (40), resources (53), shutdown (57), system (58,
 * XX): the store failed, not the step.
 */
function isTransient(code: string | undefined): boolean {
  return code === undefined || /^(08|40|53|57|58|XX)/.test(code);
}

function unwrap<R extends QueryResultRow>(settled: PromiseSettledResult<QueryResult<R>> | undefined): QueryResult<R> {
  if (!settled) throw new Error('a pipelined statement got no answer');
  if (settled.status === 'rejected') throw settled.reason;
  return settled.value;
}

/** `written`, with the process's new last-modified time when the statement returned it. */
export function writtenOutcome(result: PromiseSettledResult<QueryResult> | QueryResultRow[] | undefined): WriteOutcome {
  const rows = Array.isArray(result) ? result : result?.status === 'fulfilled' ? result.value.rows : [];
  const modifiedAt = (rows[0] as { modified_at?: unknown } | undefined)?.modified_at;
  return modifiedAt instanceof Date ? { kind: 'written', modifiedAt } : { kind: 'written' };
}

/** Keeps TypeORM's view of the connection in step with the BEGIN/COMMIT sent above. */
function markTransaction(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}
