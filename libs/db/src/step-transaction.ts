import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { QueryRunner } from 'typeorm';

/** The SQLSTATE raised by orchestrator_fenced(): the process moved on while the step ran. */
export const FENCED_SQLSTATE = 'OF001';

interface NamedQuery {
  name: string;
  text: string;
  values: unknown[];
}

/**
 * The step transaction's begin and end, each sent as ONE socket write: on this CPU-bound hot path a
 * loopback write to PostgreSQL costs more than the statements themselves. The pool's clients run in
 * pipeline mode, so a second query is sent without waiting for the first; corking the socket makes both
 * leave in a single writev. The TypeORM QueryRunner is told about the transaction so that `ctx.tx`
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

  /** BEGIN plus the first read of the transaction. */
  async begin<R extends QueryResultRow>(read: NamedQuery): Promise<R[]> {
    const [begun, result] = await this.corked(
      () => this.client.query('BEGIN'),
      () => this.client.query<R>(read),
    );
    unwrap(begun);
    markTransaction(this.runner, true);
    return unwrap(result).rows;
  }

  /**
   * The write plus COMMIT. A failing write aborts the transaction, so the COMMIT that follows it rolls
   * back: a fenced write (FENCED_SQLSTATE) returns false; any other error is thrown after the rollback.
   */
  async commitWith(write: NamedQuery): Promise<boolean> {
    const [written, committed] = await this.corked(
      () => this.client.query(write),
      () => this.client.query('COMMIT'),
    );
    markTransaction(this.runner, false);
    if (written.status === 'rejected') {
      if ((written.reason as { code?: string }).code === FENCED_SQLSTATE) return false;
      throw written.reason;
    }
    unwrap(committed);
    return true;
  }

  async rollback(): Promise<void> {
    if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
  }

  async release(): Promise<void> {
    if (!this.runner.isReleased) await this.runner.release();
  }

  /** Issues `first` then `second` while the socket is corked, so that both leave in one write. */
  private async corked<A extends QueryResultRow, B extends QueryResultRow>(
    first: () => Promise<QueryResult<A>>,
    second: () => Promise<QueryResult<B>>,
  ): Promise<[PromiseSettledResult<QueryResult<A>>, PromiseSettledResult<QueryResult<B>>]> {
    const stream = (this.client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection
      .stream;
    stream.cork();
    let sent: [Promise<QueryResult<A>>, Promise<QueryResult<B>>];
    try {
      sent = [first(), second()];
    } finally {
      stream.uncork();
    }
    return Promise.allSettled(sent);
  }
}

function unwrap<R extends QueryResultRow>(settled: PromiseSettledResult<QueryResult<R>>): QueryResult<R> {
  if (settled.status === 'rejected') throw settled.reason;
  return settled.value;
}

/** Keeps TypeORM's view of the connection in step with the BEGIN/COMMIT sent above. */
function markTransaction(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}
