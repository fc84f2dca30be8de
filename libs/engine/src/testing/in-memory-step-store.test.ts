import type { OpenedStep, ProcessWrite, StepRowWrite } from '../ports';
import { IN_MEMORY_TX, InMemoryStepStore } from './in-memory-step-store';
import { RecordingStepScheduler } from './recording-step-scheduler';

const at = new Date('2024-01-01T00:00:00.000Z');

function row(changes: Partial<StepRowWrite> = {}): StepRowWrite {
  return {
    name: 'Work',
    status: 'success',
    state: {},
    error: null,
    createdBy: 'bob',
    startedAt: at,
    completedAt: at,
    ...changes,
  };
}

function write(changes: Partial<ProcessWrite> = {}): ProcessWrite {
  return {
    processId: 'p-1',
    expectedVersion: 0,
    status: 'running',
    stepIndex: 1,
    state: { written: true },
    lastStep: 'Work',
    failedAttempts: 0,
    nextRetryAt: null,
    failedReason: null,
    traceback: null,
    rows: [row()],
    assignee: null,
    callback: null,
    foldRepeatedFailure: false,
    ...changes,
  };
}

function failedWrite(expectedVersion: number, message: string, changes: Partial<ProcessWrite> = {}): ProcessWrite {
  const error = { class: 'Error', message, stack: null };
  return write({
    expectedVersion,
    status: 'failed',
    failedReason: message,
    foldRepeatedFailure: true,
    rows: [row({ status: 'failed', error })],
    ...changes,
  });
}

async function open(store: InMemoryStepStore, processId = 'p-1'): Promise<OpenedStep> {
  const opened = await store.openStep(processId);
  if (opened.kind !== 'opened') throw new Error(`expected an open step, got ${opened.kind}`);
  return opened.step;
}

describe('InMemoryStepStore', () => {
  let store: InMemoryStepStore;
  beforeEach(() => {
    store = new InMemoryStepStore();
    store.seedProcess({ processId: 'p-1', workflowName: 'wf', state: { seeded: 1 }, actor: 'bob' });
  });

  it('seeds a process as the start transaction writes it: created, version 0, step 0', () => {
    expect(store.process('p-1')).toMatchObject({
      status: 'created',
      version: 0,
      stepIndex: 0,
      failedAttempts: 0,
      state: { seeded: 1 },
    });
    expect(store.rowsOf('p-1')).toEqual([]);
  });

  it('answers missing for an unknown process', async () => {
    expect(await store.openStep('nobody')).toEqual({ kind: 'missing' });
  });

  it('answers busy while another step of the same process is open, and opens again after rollback', async () => {
    const first = await open(store);
    store.seedProcess({ processId: 'p-2', workflowName: 'wf' });
    expect(await store.openStep('p-1')).toEqual({ kind: 'busy' });
    expect((await store.openStep('p-2')).kind).toBe('opened');
    await first.rollback();
    expect((await store.openStep('p-1')).kind).toBe('opened');
  });

  it('frees the process after a commit, whether it applied or was fenced', async () => {
    await (await open(store)).commit(write());
    expect(store.isExecuting('p-1')).toBe(false);
    await (await open(store)).commit(write({ expectedVersion: 0 }));
    expect(store.isExecuting('p-1')).toBe(false);
  });

  it('reads the process, the engine pause flag and the dummy transaction into the opened step', async () => {
    store.enginePaused = true;
    const opened = await open(store);
    expect(opened.process).toMatchObject({
      processId: 'p-1',
      workflowName: 'wf',
      version: 0,
      actor: 'bob',
      enginePaused: true,
    });
    expect(opened.tx).toBe(IN_MEMORY_TX);
  });

  it('hands out a copy of the state, so changing it changes nothing stored', async () => {
    const opened = await open(store);
    opened.process.state.seeded = 'changed';
    expect(store.process('p-1').state).toEqual({ seeded: 1 });
  });

  it('commits a write: new status, state and step, version + 1, rows appended in order', async () => {
    const opened = await open(store);
    const committed = await opened.commit(
      write({ rows: [row({ name: 'Work' }), row({ name: 'Done', status: 'complete' })] }),
    );
    expect(committed).toEqual({ kind: 'written', modifiedAt: expect.any(Date) });
    expect(store.process('p-1')).toMatchObject({
      status: 'running',
      version: 1,
      stepIndex: 1,
      lastStep: 'Work',
      state: { written: true },
    });
    expect(store.rowsOf('p-1').map((r) => [r.seq, r.name, r.status, r.createdBy])).toEqual([
      [1, 'Work', 'success', 'bob'],
      [2, 'Done', 'complete', 'bob'],
    ]);
  });

  it('stores the write state on every row, as the PostgreSQL store does', async () => {
    await (await open(store)).commit(write({ state: { real: true }, rows: [row({ state: { ignored: true } })] }));
    expect(store.rowsOf('p-1')[0]?.state).toEqual({ real: true });
  });

  it('refuses a commit whose expected version moved, and discards its write', async () => {
    const opened = await open(store);
    store.bumpVersion('p-1', { status: 'aborted' });
    expect(await opened.commit(write({ expectedVersion: 0 }))).toEqual({ kind: 'fenced' });
    expect(store.process('p-1')).toMatchObject({ status: 'aborted', version: 1, state: { seeded: 1 } });
    expect(store.rowsOf('p-1')).toEqual([]);
  });

  it('refuses to commit a step twice', async () => {
    const opened = await open(store);
    await opened.commit(write());
    await expect(opened.commit(write({ expectedVersion: 1 }))).rejects.toThrow('already finished');
  });

  it('throws an injected commit failure once, applying nothing and freeing the process', async () => {
    store.failNextCommit(new Error('serialization failure'));
    await expect((await open(store)).commit(write())).rejects.toThrow('serialization failure');
    expect(store.process('p-1').version).toBe(0);
    expect(store.isExecuting('p-1')).toBe(false);
    expect(await (await open(store)).commit(write())).toEqual({ kind: 'written', modifiedAt: expect.any(Date) });
  });

  it('records a failure fenced on the version, bumping it by one', async () => {
    expect(await store.recordFailure(failedWrite(1, 'boom'))).toEqual({ kind: 'fenced' });
    expect(store.rowsOf('p-1')).toEqual([]);
    expect(await store.recordFailure(failedWrite(0, 'boom'))).toEqual({
      kind: 'written',
      modifiedAt: expect.any(Date),
    });
    expect(store.process('p-1')).toMatchObject({ status: 'failed', version: 1, failedReason: 'boom' });
    expect(store.rowsOf('p-1').map((r) => [r.status, r.retries])).toEqual([['failed', 0]]);
  });

  it('folds the same failure of the same step into the latest row, counting retries', async () => {
    await store.recordFailure(failedWrite(0, 'boom'));
    const later = new Date('2024-01-01T00:05:00.000Z');
    await store.recordFailure(
      failedWrite(1, 'boom', {
        rows: [row({ status: 'failed', completedAt: later, error: { class: 'Error', message: 'boom', stack: 'new' } })],
      }),
    );
    const rows = store.rowsOf('p-1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ retries: 1, completedAt: later, error: { stack: 'new' } });
    expect(store.process('p-1').version).toBe(2);
  });

  it.each<[string, Partial<StepRowWrite>]>([
    ['another step', { name: 'Other' }],
    ['another status', { status: 'waiting' }],
    ['another message', { error: { class: 'Error', message: 'different', stack: null } }],
  ])('does not fold a failure of %s', async (_what, changes) => {
    await store.recordFailure(failedWrite(0, 'boom'));
    const base = row({ status: 'failed', error: { class: 'Error', message: 'boom', stack: null } });
    await store.recordFailure(failedWrite(1, 'boom', { rows: [{ ...base, ...changes }] }));
    expect(store.rowsOf('p-1')).toHaveLength(2);
  });

  it('does not fold when the write does not ask for it', async () => {
    await store.recordFailure(failedWrite(0, 'boom'));
    await store.recordFailure(failedWrite(1, 'boom', { foldRepeatedFailure: false }));
    expect(store.rowsOf('p-1').map((r) => r.retries)).toEqual([0, 0]);
  });

  it('does not fold across a row in between', async () => {
    await store.recordFailure(failedWrite(0, 'boom'));
    await (await open(store)).commit(write({ expectedVersion: 1, rows: [row({ name: 'Other' })] }));
    await store.recordFailure(failedWrite(2, 'boom'));
    expect(store.rowsOf('p-1').map((r) => [r.name, r.status])).toEqual([
      ['Work', 'failed'],
      ['Other', 'success'],
      ['Work', 'failed'],
    ]);
  });
});

describe('RecordingStepScheduler', () => {
  it('records scheduled step requests in order and hands them out oldest first', async () => {
    const scheduler = new RecordingStepScheduler();
    await scheduler.schedule({ processId: 'a', version: 1 }, 0);
    await scheduler.schedule({ processId: 'b', version: 2 }, 500);
    expect(scheduler.pending).toBe(2);
    expect(scheduler.takeNext()).toEqual({ request: { processId: 'a', version: 1 }, delayMs: 0 });
    expect(scheduler.takeNext()).toEqual({ request: { processId: 'b', version: 2 }, delayMs: 500 });
    expect(scheduler.takeNext()).toBeUndefined();
    expect(scheduler.scheduled).toHaveLength(2);
  });
});
