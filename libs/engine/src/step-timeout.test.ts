import { retryStep, step, stepGroup } from './dsl/steps';
import { StepTimeoutError } from './errors';
import { runScheduledSteps, stepsHarness as harness } from './testing';
import { IN_MEMORY_TX } from './testing/in-memory-step-store';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('step time-outs (timeoutMs)', () => {
  it('fails a step that runs past its timeoutMs with StepTimeoutError and drops its effects', async () => {
    const { store, deps, start, rows } = harness([
      step(
        'Slow',
        async (_state, ctx) => {
          store.stageEffect(ctx.processId, 'before the deadline');
          await pause(200);
          return { late: true };
        },
        { timeoutMs: 20 },
      ),
    ]);
    await start({ input: true });

    const executions = await runScheduledSteps(deps);

    expect(executions.at(-1)).toMatchObject({ kind: 'committed', status: 'failed', step: 'Slow' });
    expect(rows()).toEqual([
      ['Start', 'success', 0],
      ['Slow', 'failed', 0],
    ]);
    expect(store.rowsOf('p-1')[1]?.error).toMatchObject({
      class: 'StepTimeoutError',
      message: 'step "Slow" did not finish within its timeoutMs of 20 ms',
    });
    expect(store.process('p-1').state).toEqual({ input: true });
    expect(store.committedEffects).toEqual([]);
    expect(store.declaredTimeouts.get('p-1')).toBe(20);
  });

  it('ignores what the step does after its deadline, also a result that arrives late', async () => {
    let lateEffect: unknown;
    const { store, deps, start } = harness([
      step(
        'Slow',
        async (_state, ctx) => {
          await pause(60);
          try {
            store.stageEffect(ctx.processId, 'after the deadline');
          } catch (error) {
            lateEffect = error;
          }
          return { late: true };
        },
        { timeoutMs: 10 },
      ),
    ]);
    await start();
    await runScheduledSteps(deps);
    await pause(100);

    expect(store.process('p-1')).toMatchObject({ status: 'failed', state: {} });
    expect(store.committedEffects).toEqual([]);
    expect(lateEffect).toBeInstanceOf(Error);
  });

  it('fails a step whose synchronous work blocked the event loop past its deadline', async () => {
    const { store, deps, start } = harness([
      step(
        'Busy',
        () => {
          const until = Date.now() + 40;
          while (Date.now() < until) {
            // the event loop is blocked: the timer cannot fire before the result is there
          }
          return { busy: true };
        },
        { timeoutMs: 10 },
      ),
    ]);
    await start();
    await runScheduledSteps(deps);

    expect(store.process('p-1')).toMatchObject({ status: 'failed', failedReason: expect.stringContaining('10 ms') });
  });

  it('lets a step that finishes in time commit as usual, and retries a timed-out retryStep', async () => {
    let attempts = 0;
    const { store, deps, start, rows } = harness([
      step('Quick', () => ({ quick: true }), { timeoutMs: 1000 }),
      retryStep(
        'Flaky',
        async () => {
          attempts += 1;
          if (attempts === 1) await pause(100);
          return { flaky: attempts };
        },
        { timeoutMs: 20, backoffMs: 0, maxBackoffMs: 0 },
      ),
    ]);
    await start();
    await runScheduledSteps(deps);

    expect(rows()).toEqual([
      ['Start', 'success', 0],
      ['Quick', 'success', 0],
      ['Flaky', 'waiting', 0],
      ['Flaky', 'success', 0],
      ['Done', 'complete', 0],
    ]);
    expect(store.process('p-1').state).toEqual({ quick: true, flaky: 2 });
  });

  it('bounds a whole stepGroup by its timeoutMs', async () => {
    const { store, deps, start } = harness([
      stepGroup(
        'Group',
        [step('A', () => pause(15).then(() => ({ a: 1 }))), step('B', () => pause(15).then(() => ({ b: 1 })))],
        {
          timeoutMs: 20,
        },
      ),
    ]);
    await start();
    await runScheduledSteps(deps);
    expect(store.process('p-1')).toMatchObject({ status: 'failed', lastStep: 'Group' });
  });

  it('counts heartbeats and refuses them once the step is over', async () => {
    let heartbeat: (() => Promise<void>) | undefined;
    const { store, deps, start } = harness([
      step('Beating', async (_state, ctx) => {
        expect(ctx.tx).toBe(IN_MEMORY_TX);
        await ctx.heartbeat();
        await ctx.heartbeat();
        heartbeat = () => ctx.heartbeat();
      }),
    ]);
    await start();
    await runScheduledSteps(deps);
    expect(store.heartbeats.get('p-1')).toBe(2);
    await expect(heartbeat?.()).rejects.toThrow('already finished');
  });

  it('refuses a timeoutMs that is not a positive whole number', () => {
    expect(() => step('X', () => undefined, { timeoutMs: 0 })).toThrow('timeoutMs');
    expect(() => retryStep('X', () => undefined, { timeoutMs: 1.5 })).toThrow('timeoutMs');
    expect(() => stepGroup('X', [step('Y', () => undefined)], { timeoutMs: -1 })).toThrow('timeoutMs');
    expect(new StepTimeoutError('X', 5)).toMatchObject({ code: 'STEP_TIMEOUT', name: 'StepTimeoutError' });
  });
});
