import { retryStep } from './dsl/steps';
import { executeStep } from './execute-step';
import { HARNESS_NOW as NOW, runScheduledSteps, stepsHarness as harness } from './testing';

describe('executeStep with a retryStep', () => {
  it('waits and reschedules with backoff, counting ctx.attempt from 1 with a stable idempotency key', async () => {
    const seen: [number, string][] = [];
    const { store, scheduler, deps, start, rows } = harness([
      retryStep(
        'Call inventory',
        (_state, ctx) => {
          seen.push([ctx.attempt, ctx.idempotencyKey]);
          if (ctx.attempt < 3) throw new Error('inventory down');
          return { reserved: true };
        },
        { maxAttempts: 5, backoffMs: 1000, maxBackoffMs: 60000 },
      ),
    ]);
    await start();
    await executeStep({ processId: 'p-1', version: 0 }, deps);

    expect(await executeStep({ processId: 'p-1', version: 1 }, deps)).toMatchObject({
      kind: 'committed',
      status: 'waiting',
      next: { processId: 'p-1', version: 2 },
    });
    expect(store.process('p-1')).toMatchObject({
      status: 'waiting',
      failedAttempts: 1,
      nextRetryAt: new Date(NOW.getTime() + 750),
    });
    await runScheduledSteps(deps);

    expect(seen).toEqual([
      [1, 'p-1:1'],
      [2, 'p-1:1'],
      [3, 'p-1:1'],
    ]);
    // Jitter 0.5 scales each delay by 0.75: 1000 * 2^0 and 1000 * 2^1.
    expect(scheduler.scheduled.slice(2).map((s) => s.delayMs)).toEqual([750, 1500]);
    expect(rows()).toEqual([
      ['Start', 'success', 0],
      ['Call inventory', 'waiting', 1],
      ['Call inventory', 'success', 0],
      ['Done', 'complete', 0],
    ]);
    expect(store.process('p-1')).toMatchObject({
      status: 'completed',
      failedAttempts: 0,
      nextRetryAt: null,
      state: { reserved: true },
    });
  });

  it('fails the process after maxAttempts failures and schedules no further attempt', async () => {
    const attempts: number[] = [];
    const { store, scheduler, deps, start, rows } = harness([
      retryStep(
        'Call',
        (_s, ctx) => {
          attempts.push(ctx.attempt);
          throw new Error('down');
        },
        { maxAttempts: 3, backoffMs: 10, maxBackoffMs: 100 },
      ),
    ]);
    await start();
    await runScheduledSteps(deps);

    expect(attempts).toEqual([1, 2, 3]);
    expect(rows()).toEqual([
      ['Start', 'success', 0],
      ['Call', 'waiting', 1],
      ['Call', 'failed', 0],
    ]);
    expect(store.process('p-1')).toMatchObject({
      status: 'failed',
      failedAttempts: 3,
      nextRetryAt: null,
      failedReason: 'down',
    });
    expect(scheduler.pending).toBe(0);
  });

  it('starts counting attempts from 1 again after a manual resume', async () => {
    const attempts: number[] = [];
    const { deps, start, resume } = harness([
      retryStep(
        'Call',
        (_s, ctx) => {
          attempts.push(ctx.attempt);
          throw new Error('down');
        },
        { maxAttempts: 2, backoffMs: 0, maxBackoffMs: 0 },
      ),
    ]);
    await start();
    await runScheduledSteps(deps);
    await resume();
    await runScheduledSteps(deps);
    expect(attempts).toEqual([1, 2, 1, 2]);
  });

  it('uses up the attempts of a failing task before marking it api_unavailable', async () => {
    const unavailable = () => {
      throw Object.assign(new Error('bad gateway'), { status: 502 });
    };
    const { store, deps, start, rows } = harness(
      [retryStep('Fetch', unavailable, { maxAttempts: 2, backoffMs: 0, maxBackoffMs: 0 })],
      {
        isTask: true,
      },
    );
    await start();
    await runScheduledSteps(deps);
    expect(rows()).toEqual([
      ['Start', 'success', 0],
      ['Fetch', 'waiting', 0],
      ['Fetch', 'failed', 0],
    ]);
    expect(store.process('p-1').status).toBe('api_unavailable');
    expect(store.rowsOf('p-1')[2]?.error?.details).toEqual({ status: 502 });
  });
});
