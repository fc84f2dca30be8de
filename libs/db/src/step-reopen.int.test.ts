import type { DataSource } from 'typeorm';
import type { OpenedStep, OpenStepOutcome, ProcessWrite } from '@orchestrator/engine';
import { createTestDatabase, waitFor, type TestDatabase } from '@orchestrator/testing';
import { createDataSource } from './data-source';
import { PostgresStepStore } from './step-store';

const P1 = '00000000-0000-4000-8000-0000000000a1';
const AT = new Date('2024-06-01T12:00:00.000Z');

function write(expectedVersion: number, changes: Partial<ProcessWrite> = {}): ProcessWrite {
  return {
    processId: P1,
    expectedVersion,
    status: 'running',
    stepIndex: expectedVersion + 1,
    state: { n: expectedVersion + 1 },
    lastStep: `Step ${expectedVersion + 1}`,
    failedAttempts: 0,
    nextRetryAt: null,
    failedReason: null,
    traceback: null,
    rows: [
      {
        name: `Step ${expectedVersion + 1}`,
        status: 'success',
        state: { n: expectedVersion + 1 },
        error: null,
        createdBy: 'alice',
        startedAt: AT,
        completedAt: AT,
      },
    ],
    assignee: null,
    callback: null,
    foldRepeatedFailure: false,
    ...changes,
  };
}

function openedStep(outcome: OpenStepOutcome | undefined): OpenedStep {
  if (outcome?.kind !== 'opened') throw new Error(`expected an opened step, got ${JSON.stringify(outcome)}`);
  return outcome.step;
}

/** A chain's next step begun behind the previous step's COMMIT, on the same connection (CommitOptions.openNext). */
describe('PostgresStepStore: the next step begun behind a commit', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PostgresStepStore;
  const sql = async <T>(text: string, params: unknown[] = []) => (await dataSource.query(text, params)) as T[];
  const versionOf = async () => (await sql<{ version: number }>('SELECT version FROM processes'))[0]?.version;
  const openTransactions = async () =>
    Number(
      (
        await sql<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
        )
      )[0]?.n,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ databaseUrl: db.url, poolSize: 4 });
    await dataSource.initialize();
    await sql(`INSERT INTO workflows (name, target, description) VALUES ('reopen', 'SYSTEM', 'r')`);
    store = new PostgresStepStore(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });
  beforeEach(async () => {
    await sql('DELETE FROM processes');
    await sql(
      `INSERT INTO processes (process_id, workflow_id, workflow_name, is_task, status, state, created_by, actor)
       SELECT $1, workflow_id, name, false, 'running', '{}'::jsonb, 'alice', 'alice' FROM workflows WHERE name = 'reopen'`,
      [P1],
    );
  });

  it('commits the step, then holds the next one open under the lock, reading what was just committed', async () => {
    const first = openedStep(await store.openStep(P1));
    const outcome = await first.commit(write(0), { openNext: true });
    expect(outcome.kind).toBe('written');
    const next = openedStep(outcome.kind === 'written' ? outcome.next : undefined);
    // Committed, not merely written: another session sees it while the next transaction is open.
    expect(await versionOf()).toBe(1);
    expect(next.process).toMatchObject({ version: 1, stepIndex: 1, state: { n: 1 } });
    expect(await store.openStep(P1)).toEqual({ kind: 'busy' });

    const last = await next.commit(write(1, { status: 'completed' }));
    expect(last).toMatchObject({ kind: 'written' });
    expect(await versionOf()).toBe(2);
    expect(await openTransactions()).toBe(0);
    await openedStep(await store.openStep(P1)).rollback();
  });

  it('begins nothing behind a fenced commit: no next step, no transaction left open, the lock free', async () => {
    const first = openedStep(await store.openStep(P1));
    await sql('UPDATE processes SET version = version + 1');
    expect(await first.commit(write(0), { openNext: true })).toEqual({ kind: 'fenced' });
    expect(await openTransactions()).toBe(0);
    const again = openedStep(await store.openStep(P1));
    expect(again.process.version).toBe(1);
    await again.rollback();
  });

  it('writes nothing and frees the lock when the next step is rolled back instead of run', async () => {
    const outcome = await openedStep(await store.openStep(P1)).commit(write(0), { openNext: true });
    await openedStep(outcome.kind === 'written' ? outcome.next : undefined).rollback();
    expect(await openTransactions()).toBe(0);
    expect(await versionOf()).toBe(1);
    await openedStep(await store.openStep(P1)).rollback();
  });

  it('does not reopen behind a step with a time-out (its connection is watched), and still commits it', async () => {
    const first = openedStep(await store.openStep(P1));
    await first.limitTo(5000);
    const outcome = await first.commit(write(0), { openNext: true });
    expect(outcome).toMatchObject({ kind: 'written' });
    expect(outcome.kind === 'written' && outcome.next).toBeFalsy();
    expect(await openTransactions()).toBe(0);
    expect(await versionOf()).toBe(1);
  });

  it('hands back a busy next step when another session holds the process, and ends that transaction', async () => {
    const first = openedStep(await store.openStep(P1));
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    // The commit releases our lock; the other session takes it before the pipelined next lock runs.
    const taken = holder.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [P1]);
    await waitFor(
      async () =>
        (
          await sql(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (
                      SELECT oid FROM pg_database WHERE datname = current_database())`)
        ).length === 1,
      { what: 'the other session to wait for the lock' },
    );
    const outcome = await first.commit(write(0), { openNext: true });
    await taken;
    expect(outcome).toMatchObject({ kind: 'written', next: { kind: 'busy' } });
    expect(await openTransactions()).toBe(1);
    await holder.rollbackTransaction();
    await holder.release();
    expect(await openTransactions()).toBe(0);
  });
});
