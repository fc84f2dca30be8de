import { defineWorkflow, retryStep, step } from '@orchestrator/engine';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

const calls: Record<string, number> = {};
const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
let failWrites = true;

const threeSteps = defineWorkflow({
  name: 'three_steps',
  target: 'SYSTEM',
  description: 'three steps that build up state',
  steps: [
    step('One', () => ({ one: 1 })),
    step('Two', (state) => ({ two: Number(state.one) + 1 })),
    step('Three', (state) => ({ three: Number(state.two) + 1, one: 'changed' })),
  ],
});

const failingWrite = defineWorkflow({
  name: 'failing_write',
  target: 'SYSTEM',
  description: 'writes a row, then fails while failWrites is set',
  steps: [
    step('Prepare', () => void count('Prepare')),
    step('Write then fail', async (_state, ctx) => {
      count('Write then fail');
      await ctx.tx.query('INSERT INTO side_effects (process_id, note) VALUES ($1, $2)', [ctx.processId, 'written']);
      if (failWrites) throw new Error('inventory refused the change');
      return { written: true };
    }),
    step('Finish', () => void count('Finish')),
  ],
});

const attempts: number[] = [];
const flaky = defineWorkflow({
  name: 'flaky',
  target: 'SYSTEM',
  description: 'fails twice, then succeeds',
  steps: [
    retryStep(
      'Call flaky inventory',
      (_state, ctx) => {
        attempts.push(ctx.attempt);
        if (ctx.attempt < 3) throw new Error('inventory busy');
        return { attempts: ctx.attempt };
      },
      { backoffMs: 200, maxBackoffMs: 400, maxAttempts: 5 },
    ),
  ],
});

const hopeless = defineWorkflow({
  name: 'hopeless',
  target: 'SYSTEM',
  description: 'always fails',
  steps: [
    retryStep(
      'Call dead inventory',
      () => {
        throw new Error('inventory down');
      },
      { backoffMs: 100, maxBackoffMs: 100, maxAttempts: 3 },
    ),
  ],
});

const unstorableError = defineWorkflow({
  name: 'unstorable_error',
  target: 'SYSTEM',
  description: 'fails with an error PostgreSQL cannot store as is',
  steps: [
    step('Call binary API', () => {
      throw Object.assign(new Error('device said \u0000\ud800'), {
        status: 500,
        response: { data: 'raw \u0000 bytes' },
      });
    }),
  ],
});

type Row = {
  name: string;
  status: string;
  retries: number;
  error: { class: string; message: string; stack: string } | null;
};

describe('step execution', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [threeSteps, failingWrite, flaky, hopeless, unstorableError] });
    await stack.sql('CREATE TABLE side_effects (process_id uuid NOT NULL, note text NOT NULL)');
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const start = async (workflow: string, body: unknown = {}) => {
    const res = await stack.request('POST', `/api/processes/${workflow}`, body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const detailWhen = (id: string, status: string) =>
    waitFor(
      async () => {
        const res = await stack.request('GET', `/api/processes/${id}`);
        return res.body.status === status && res.body;
      },
      { what: `process ${id} to be ${status}` },
    );
  const rows = (id: string) =>
    stack.sql<Row>('SELECT name, status, retries, error FROM process_steps WHERE process_id = $1 ORDER BY seq', [id]);

  it('runs a three-step workflow to completion with merged state and one row per step', async () => {
    const id = await start('three_steps', { start: true });
    const detail = await detailWhen(id, 'completed');
    expect(detail.currentState).toEqual({ start: true, one: 'changed', two: 2, three: 3 });
    expect(detail.steps.map((s: Row) => [s.name, s.status])).toEqual([
      ['Start', 'success'],
      ['One', 'success'],
      ['Two', 'success'],
      ['Three', 'success'],
      ['Done', 'complete'],
    ]);
    expect(detail.steps[0].state).toEqual({ start: true });
    expect(detail.steps[2].state).toEqual({ start: true, one: 1, two: 2 });
    expect(detail.lastStep).toBe('Done');
    // What each step changed, against the previous row (ENGINE.md 11.3).
    expect(detail.steps.map((s: { stateDelta: unknown }) => s.stateDelta)).toEqual([
      { added: { start: true }, changed: {}, removed: {} },
      { added: { one: 1 }, changed: {}, removed: {} },
      { added: { two: 2 }, changed: {}, removed: {} },
      { added: { three: 3 }, changed: { one: { before: 1, after: 'changed' } }, removed: {} },
      { added: {}, changed: {}, removed: {} },
    ]);
    const [process] = await stack.sql('SELECT status, version, step_index FROM processes WHERE process_id = $1', [id]);
    expect(process).toEqual({ status: 'completed', version: 4, step_index: 5 });
  });

  it('rolls back a failing step, records its error, and a retry re-runs only that step', async () => {
    failWrites = true;
    const id = await start('failing_write');
    const failed = await detailWhen(id, 'failed');
    expect(failed.failedReason).toBe('inventory refused the change');
    expect(failed.traceback).toContain('inventory refused the change');
    const failedRow = failed.steps.find((s: Row) => s.status === 'failed');
    expect(failedRow).toMatchObject({
      name: 'Write then fail',
      error: { class: 'Error', message: 'inventory refused the change' },
    });
    expect(failedRow.error.stack).toContain('step-execution.int.test.ts');
    expect(await stack.sql('SELECT * FROM side_effects WHERE process_id = $1', [id])).toEqual([]);
    expect(failed.steps.filter((s: Row) => s.status === 'pending').map((s: Row) => s.name)).toEqual([
      'Write then fail',
      'Finish',
      'Done',
    ]);

    failWrites = false;
    expect((await stack.request('PUT', `/api/processes/${id}/resume`)).status).toBe(204);
    const completed = await detailWhen(id, 'completed');
    expect(completed.currentState).toEqual({ written: true });
    expect(await stack.sql('SELECT note FROM side_effects WHERE process_id = $1', [id])).toEqual([{ note: 'written' }]);
    expect(calls).toMatchObject({ Prepare: 1, 'Write then fail': 2, Finish: 1 });
    expect((await rows(id)).map((r) => `${r.name}:${r.status}`)).toEqual([
      'Start:success',
      'Prepare:success',
      'Write then fail:failed',
      'Write then fail:success',
      'Finish:success',
      'Done:complete',
    ]);
  });

  it('folds repeated identical failures of a step into one row with a retries counter', async () => {
    failWrites = true;
    const id = await start('failing_write');
    await detailWhen(id, 'failed');
    await stack.request('PUT', `/api/processes/${id}/resume`);
    await waitFor(async () => (await rows(id)).some((r) => r.retries === 1), { what: 'a folded failure' });
    await detailWhen(id, 'failed');
    const failedRows = (await rows(id)).filter((r) => r.status === 'failed');
    expect(failedRows).toHaveLength(1);
    expect(failedRows[0]?.retries).toBe(1);
    failWrites = false;
  });

  it('backs a retryStep off while it fails, shows the schedule, then succeeds', async () => {
    attempts.length = 0;
    const id = await start('flaky');
    const waiting = await detailWhen(id, 'waiting');
    expect(Date.parse(waiting.nextRetryAt)).toBeGreaterThan(Date.parse(waiting.lastModifiedAt) - 1);
    expect(waiting.failedReason).toBe('inventory busy');
    const done = await detailWhen(id, 'completed');
    expect(attempts).toEqual([1, 2, 3]);
    expect(done.currentState).toEqual({ attempts: 3 });
    expect((await rows(id)).map((r) => `${r.name}:${r.status}:${r.retries}`)).toEqual([
      'Start:success:0',
      'Call flaky inventory:waiting:1',
      'Call flaky inventory:success:0',
      'Done:complete:0',
    ]);
  });

  it('fails a retryStep for good after maxAttempts', async () => {
    const id = await start('hopeless');
    const failed = await detailWhen(id, 'failed');
    expect(failed.failedReason).toBe('inventory down');
    expect(failed.nextRetryAt).toBeNull();
    expect((await rows(id)).map((r) => `${r.name}:${r.status}:${r.retries}`)).toEqual([
      'Start:success:0',
      'Call dead inventory:waiting:1',
      'Call dead inventory:failed:0',
    ]);
  });

  it('records a failure whose error holds NUL characters and lone surrogates instead of retrying it forever', async () => {
    const id = await start('unstorable_error');
    const failed = await detailWhen(id, 'failed');
    expect(failed.failedReason).toBe('device said \uFFFD\uFFFD');
    const row = failed.steps.find((s: Row) => s.status === 'failed');
    expect(row.error).toMatchObject({ class: 'Error', details: { status: 500, body: 'raw \uFFFD bytes' } });
  });
});
