import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { QueryRunner } from 'typeorm';
import { TransientStoreError, type WriteOutcome } from '@orchestrator/engine';

/** The SQLSTATE raised by orchestrator_fenced(): the process moved on while the step ran. */
export const FENCED_SQLSTATE = 'OF001';
const STEP_SAVEPOINT = 'orchestrator_step';
const IN_FAILED_TRANSACTION = '25P02';
const ABORTED_BY_STEP = 'a statement of the step failed and the step carried on: its transaction is aborted';
const INTERRUPTED = 'the step ran past its timeoutMs: its transaction takes no further statements';
const LOST = 'the step lost its transaction (its lease or time-out passed, or the connection broke)';
/** `ctx.heartbeat()` sends at most one statement per this time; calls in between share it. */
const HEARTBEAT_EVERY_MS = 250;

const SET_IDLE_TIMEOUT = `SELECT set_config('idle_in_transaction_session_timeout', $1, true)`;

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

/** The next step's lock and read, sent behind a commit (see `commitAndReopen`). */
export interface Reopening {
  readonly lock: NamedQuery;
  readonly read: NamedQuery;
}

/** The next step's transaction, begun on the same connection right behind the commit, and what it read. */
export interface Reopened {
  readonly transaction: StepTransaction;
  readonly locked: QueryResultRow[];
  readonly read: QueryResultRow[];
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
    /** Cancels the statement a backend is running (pg_cancel_backend, sent on another connection). */
    private readonly cancelBackend: (pid: number) => Promise<void>,
  ) {}

  static async open(runner: QueryRunner, cancelBackend: (pid: number) => Promise<void>): Promise<StepTransaction> {
    return new StepTransaction(runner, (await runner.connect()) as PoolClient, cancelBackend);
  }

  private savepoint: Promise<unknown> | undefined;
  /** The step's statements not answered yet; tracked only for a step with a time-out (limitTo). */
  private inFlight: Set<Promise<unknown>> | undefined;
  private interrupted = false;
  private lastHeartbeat: { at: number; sent: Promise<void> } | undefined;

  /**
   * BEGIN, the execution lock and the read. The read is a statement of its own after the lock, so that
   * its snapshot sees what the previous holder committed.
   */
  async begin<L extends QueryResultRow, R extends QueryResultRow>(
    lock: NamedQuery,
    read: NamedQuery,
  ): Promise<{ locked: L[]; read: R[] }> {
    const [begun, locked, result] = await this.corked(this.beginning(lock, read));
    unwrap(begun);
    markTransaction(this.runner, true);
    return { locked: unwrap(locked).rows as L[], read: unwrap(result).rows as R[] };
  }

  private beginning(lock: NamedQuery, read: NamedQuery): (() => Promise<QueryResult>)[] {
    return [() => this.client.query('BEGIN'), () => this.client.query(lock), () => this.client.query(read)];
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
    return (await this.finishWith([() => this.client.query(write)], then)).outcome;
  }

  /**
   * `commitWith`, with the process's next step begun behind the COMMIT in the same socket write (BEGIN, its
   * lock, its read: a step chain's next step, one round trip less per step). The next transaction is
   * returned only when this one committed; otherwise it is rolled back here. A step with a time-out keeps
   * its own connection to itself (its statements are watched), so it never reopens.
   */
  async commitAndReopen(
    write: NamedQuery,
    then: FollowingWrite | undefined,
    reopen: Reopening,
  ): Promise<{ outcome: WriteOutcome; reopened?: Reopened }> {
    this.assertStillOpen();
    if (this.inFlight || this.interrupted) return { outcome: await this.commitWith(write, then) };
    const { outcome, tail } = await this.finishWith([() => this.client.query(write)], then, reopen);
    const [begun, locked, read] = tail;
    if (
      outcome.kind === 'written' &&
      begun?.status === 'fulfilled' &&
      locked?.status === 'fulfilled' &&
      read?.status === 'fulfilled'
    ) {
      const transaction = new StepTransaction(this.runner, this.client, this.cancelBackend);
      markTransaction(this.runner, true);
      return { outcome, reopened: { transaction, locked: locked.value.rows, read: read.value.rows } };
    }
    await this.abandonReopened();
    return { outcome };
  }

  /** Undoes the step's own writes (back to the savepoint, if it used the database), then `write` and COMMIT. */
  async failWith(write: NamedQuery, then?: FollowingWrite): Promise<WriteOutcome> {
    const undo = this.savepoint ? [() => this.client.query(`ROLLBACK TO SAVEPOINT ${STEP_SAVEPOINT}`)] : [];
    return (await this.finishWith([...undo, () => this.client.query(write)], then)).outcome;
  }

  /** The next step's transaction begun behind a commit that did not apply: ended, the session left idle. */
  private async abandonReopened(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
    markTransaction(this.runner, false);
  }

  async rollback(): Promise<void> {
    if (!this.runner.isTransactionActive) return;
    if (!this.interrupted) return this.runner.rollbackTransaction();
    // The runner refuses statements now (interrupt); the rollback is ours, not the step's.
    await this.client.query('ROLLBACK');
    markTransaction(this.runner, false);
  }

  /**
   * A step with a time-out: sets how long its transaction may stay idle (the lease, ENGINE.md 15.1) and
   * starts tracking its statements, so that `interrupt` can cancel the one in flight.
   */
  async limitTo(idleTimeoutMs: number): Promise<void> {
    await this.client.query(SET_IDLE_TIMEOUT, [String(idleTimeoutMs)]);
    if (this.inFlight) return;
    const inFlight = new Set<Promise<unknown>>();
    this.inFlight = inFlight;
    const query = this.runner.query.bind(this.runner);
    const guarded: QueryRunner['query'] = (...args: Parameters<QueryRunner['query']>) => {
      if (this.interrupted) return Promise.reject(new Error(INTERRUPTED));
      const sent = query(...args);
      inFlight.add(sent);
      const settled = () => inFlight.delete(sent);
      sent.then(settled, settled);
      return sent;
    };
    (this.runner as { query: QueryRunner['query'] }).query = guarded;
  }

  /**
   * The step ran past its time-out: the step's further statements are refused, the one in flight is
   * cancelled and waited for. The transaction stays open for `failWith` (whose savepoint rollback also
   * undoes an error the cancel left behind).
   */
  async interrupt(): Promise<void> {
    this.interrupted = true;
    const pending = [...(this.inFlight ?? [])];
    if (pending.length === 0) return;
    await this.cancelBackend((this.client as unknown as { processID: number }).processID);
    await Promise.allSettled(pending);
  }

  get wasInterrupted(): boolean {
    return this.interrupted;
  }

  /** `ctx.heartbeat()`: one statement on the step's session, which restarts its idle time (the lease). */
  heartbeat(): Promise<void> {
    if (this.interrupted || !this.runner.isTransactionActive) return Promise.reject(new Error(LOST));
    const now = Date.now();
    if (this.lastHeartbeat && now - this.lastHeartbeat.at < HEARTBEAT_EVERY_MS) return this.lastHeartbeat.sent;
    const sent = this.client.query('SELECT 1').then(
      () => undefined,
      (error: unknown) => {
        // Any answer from the server means the session is alive (an aborted transaction answers with an error).
        const code = (error as { code?: string }).code;
        if (code !== undefined && !/^(08|57)/.test(code)) return;
        throw new Error(LOST, { cause: error });
      },
    );
    this.lastHeartbeat = { at: now, sent };
    return sent;
  }

  async release(): Promise<void> {
    if (!this.runner.isReleased) await this.runner.release();
  }

  /** The write is the last of `statements`; its row says when the process was modified (`modified_at`). */
  private async finishWith(
    statements: (() => Promise<QueryResult>)[],
    then: FollowingWrite | undefined,
    reopen?: Reopening,
  ): Promise<{ outcome: WriteOutcome; tail: PromiseSettledResult<QueryResult>[] }> {
    const following = then ? [() => this.client.query(then.query)] : [];
    const next = reopen ? this.beginning(reopen.lock, reopen.read) : [];
    const all = await this.corked([...statements, ...following, () => this.client.query('COMMIT'), ...next]);
    markTransaction(this.runner, false);
    const tail = all.slice(all.length - next.length);
    try {
      return { outcome: this.outcomeOf(all.slice(0, all.length - next.length), statements.length, then), tail };
    } catch (error) {
      if (reopen) await this.abandonReopened();
      throw error;
    }
  }

  private outcomeOf(
    settled: PromiseSettledResult<QueryResult>[],
    statementCount: number,
    then: FollowingWrite | undefined,
  ): WriteOutcome {
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
    const outcome = writtenOutcome(settled[statementCount - 1]);
    const thenSettled = then ? settled[statementCount] : undefined;
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
