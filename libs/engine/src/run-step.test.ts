import { ProductRegistry } from './products';
import { WorkflowRegistry } from './registry';
import { abortStep, conditional, focusSteps, retryStep, step, stepGroup } from './dsl/steps';
import { silentLogger } from './logger';
import { runStep } from './run-step';
import type { State } from './state';
import { NO_SUBSCRIPTION_SERVICE } from './subscriptions';
import type { StepContext, StepDefinition, StepResult, StepState } from './step-types';
import { IN_MEMORY_TX } from './testing';
import { DONE_STEP, START_STEP } from './workflow';

const ctx: StepContext = {
  processId: 'process-1',
  workflowName: 'test_workflow',
  stepName: 'test step',
  attempt: 1,
  tx: IN_MEMORY_TX,
  subscriptions: NO_SUBSCRIPTION_SERVICE,
  logger: silentLogger,
  idempotencyKey: 'process-1:1',
  actor: 'SYSTEM',
  catalog: { workflows: new WorkflowRegistry(), products: new ProductRegistry() },
  scheduleAfterCommit: () => undefined,
  heartbeat: () => Promise.resolve(),
};

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

async function run(definition: StepDefinition, state: State): Promise<StepResult> {
  return runStep(definition, state, ctx);
}

describe('runStep with plain steps', () => {
  it('merges the returned partial state shallowly over the state', async () => {
    const result = await run(
      step('Add', () => ({ b: 2, nested: { y: 1 } })),
      { a: 1, nested: { x: 1 } },
    );
    expect(result).toEqual({ kind: 'success', state: { a: 1, b: 2, nested: { y: 1 } } });
  });

  it('keeps the state when a step returns nothing, null or a promise of nothing', async () => {
    for (const fn of [() => undefined, () => null, async () => undefined]) {
      expect(await run(step('Nothing', fn), { a: 1 })).toEqual({ kind: 'success', state: { a: 1 } });
    }
  });

  it('awaits an async step before merging what it resolves to', async () => {
    const result = await run(
      step('Later', async () => ({ later: true })),
      {},
    );
    expect(result).toEqual({ kind: 'success', state: { later: true } });
  });

  it('turns a thrown error into a failed result that keeps the error as its cause', async () => {
    const boom = new RangeError('out of range');
    const result = await run(
      step('Boom', () => {
        throw boom;
      }),
      {},
    );
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.cause).toBe(boom);
    expect(result.error).toMatchObject({ class: 'RangeError', message: 'out of range' });
  });

  it('turns a rejected promise into a failed result', async () => {
    const result = await run(
      retryStep('Reject', () => Promise.reject(new Error('nope'))),
      {},
    );
    expect(result).toMatchObject({ kind: 'failed', error: { message: 'nope' } });
  });

  it('passes the context through to the step function', async () => {
    let seen: StepContext | undefined;
    await run(
      step('Look', (_state, context) => {
        seen = context;
      }),
      {},
    );
    expect(seen).toBe(ctx);
  });

  it('runs Start as a success, Done as complete and abortStep as abort, without changing the state', async () => {
    expect(await run(START_STEP, { a: 1 })).toEqual({ kind: 'success', state: { a: 1 } });
    expect(await run(DONE_STEP, { a: 1 })).toEqual({ kind: 'complete', state: { a: 1 } });
    expect(await run(abortStep(), { a: 1 })).toEqual({ kind: 'abort', state: { a: 1 } });
  });
});

describe('conditional', () => {
  it('logs a step as skipped without running it when the predicate is false', async () => {
    const fn = jest.fn(() => ({ ran: true }));
    const result = await run(only(conditional(() => false, [step('Maybe', fn)])), { a: 1 });
    expect(result).toEqual({ kind: 'skipped', state: { a: 1 } });
    expect(fn).not.toHaveBeenCalled();
  });

  it('runs the step when the predicate is true', async () => {
    const result = await run(only(conditional(() => true, [step('Maybe', () => ({ ran: true }))])), {});
    expect(result).toEqual({ kind: 'success', state: { ran: true } });
  });

  it('evaluates the predicate at run time, on the state the step is run with', async () => {
    const definition = only(conditional((state) => state.ok === true, [step('When ok', () => ({ ran: true }))]));
    expect((await run(definition, { ok: false })).kind).toBe('skipped');
    expect((await run(definition, { ok: true })).kind).toBe('success');
  });

  it('hands the predicate the full state, not only what the previous step returned', async () => {
    const predicate = jest.fn((state: StepState) => state.early === 1 && state.late === 2);
    const result = await run(only(conditional(predicate, [step('Both', () => ({ ran: true }))])), {
      early: 1,
      late: 2,
    });
    expect(result.kind).toBe('success');
    expect(predicate).toHaveBeenCalledWith({ early: 1, late: 2 });
  });

  it('needs both predicates when conditionals are nested', async () => {
    const definition = only(
      conditional(
        (s) => s.a === true,
        conditional((s) => s.b === true, [step('Both', () => ({ ran: true }))]),
      ),
    );
    expect((await run(definition, { a: true, b: false })).kind).toBe('skipped');
    expect((await run(definition, { a: false, b: true })).kind).toBe('skipped');
    expect((await run(definition, { a: true, b: true })).kind).toBe('success');
  });
});

describe('focusSteps', () => {
  it('hands the inner step state[key] and merges its result into state[key]', async () => {
    let seen: StepState | undefined;
    const definition = only(
      focusSteps('device', [
        step('Configure', (state) => {
          seen = state;
          return { configured: true };
        }),
      ]),
    );
    const result = await run(definition, { other: 1, device: { name: 'r1' } });
    expect(seen).toEqual({ name: 'r1' });
    expect(result).toEqual({ kind: 'success', state: { other: 1, device: { name: 'r1', configured: true } } });
  });

  it('starts from an empty object when state[key] is missing', async () => {
    const result = await run(only(focusSteps('device', [step('Create', () => ({ id: 7 }))])), { other: 1 });
    expect(result).toEqual({ kind: 'success', state: { other: 1, device: { id: 7 } } });
  });

  it('focuses nested keys one inside the other', async () => {
    const definition = only(focusSteps('a', focusSteps('b', [step('Deep', (s) => ({ seen: s.leaf }))])));
    const result = await run(definition, { a: { b: { leaf: 'x' }, keep: 1 } });
    expect(result).toEqual({ kind: 'success', state: { a: { b: { leaf: 'x', seen: 'x' }, keep: 1 } } });
  });

  it('evaluates a conditional placed outside focusSteps on the full state', async () => {
    const definition = only(
      conditional((s) => s.flag === true, focusSteps('inner', [step('Set', () => ({ set: 1 }))])),
    );
    expect((await run(definition, { flag: true, inner: { flag: false } })).kind).toBe('success');
    expect((await run(definition, { flag: false, inner: { flag: true } })).kind).toBe('skipped');
  });

  it('evaluates a conditional placed inside focusSteps on the focused state', async () => {
    const definition = only(
      focusSteps(
        'inner',
        conditional((s) => s.flag === true, [step('Set', () => ({ set: 1 }))]),
      ),
    );
    const ran = await run(definition, { flag: false, inner: { flag: true } });
    expect(ran).toEqual({ kind: 'success', state: { flag: false, inner: { flag: true, set: 1 } } });
    expect((await run(definition, { flag: true, inner: { flag: false } })).kind).toBe('skipped');
  });

  it('rejects a focused step result that is not JSON, naming the focused path', async () => {
    const result = await run(only(focusSteps('inner', [step('Bad', () => ({ f: () => 1 }))])), {});
    expect(result).toMatchObject({
      kind: 'failed',
      error: { message: 'state.inner.f is a function, which JSON cannot hold' },
    });
  });
});

describe('stepGroup', () => {
  it('runs every sub-step and returns one result with the merged state', async () => {
    const group = stepGroup('Both', [step('A', () => ({ a: 1 })), step('B', () => ({ b: 2 }))]);
    expect(await run(group, { start: true })).toEqual({ kind: 'success', state: { start: true, a: 1, b: 2 } });
  });

  it('lets each sub-step see what the previous sub-steps returned', async () => {
    const group = stepGroup('Chain', [step('A', () => ({ n: 1 })), step('B', (s) => ({ n: Number(s.n) + 1 }))]);
    expect(await run(group, {})).toEqual({ kind: 'success', state: { n: 2 } });
  });

  it('fails as a whole when a sub-step throws, and runs no later sub-step', async () => {
    const later = jest.fn();
    const group = stepGroup('Half', [
      step('A', () => ({ a: 1 })),
      step('B', () => {
        throw new Error('b broke');
      }),
      step('C', later),
    ]);
    expect(await run(group, {})).toMatchObject({ kind: 'failed', error: { message: 'b broke' } });
    expect(later).not.toHaveBeenCalled();
  });

  it('stops at an abortStep inside the group and aborts with the state built so far', async () => {
    const later = jest.fn();
    const group = stepGroup('Stop', [step('A', () => ({ a: 1 })), abortStep(), step('C', later)]);
    expect(await run(group, {})).toEqual({ kind: 'abort', state: { a: 1 } });
    expect(later).not.toHaveBeenCalled();
  });

  it('skips a conditional sub-step and carries on with the next one', async () => {
    const group = stepGroup('Some', [
      ...conditional(() => false, [step('Never', () => ({ never: true }))]),
      step('B', () => ({ b: 1 })),
    ]);
    expect(await run(group, {})).toEqual({ kind: 'success', state: { b: 1 } });
  });

  it('focuses every sub-step of a group placed inside focusSteps', async () => {
    const definition = only(
      focusSteps('inner', [stepGroup('Inner', [step('A', () => ({ a: 1 })), step('B', (s) => ({ b: s.a }))])]),
    );
    expect(await run(definition, { outer: 0 })).toEqual({
      kind: 'success',
      state: { outer: 0, inner: { a: 1, b: 1 } },
    });
  });

  it('logs the whole group as skipped when the group itself is conditional and false', async () => {
    const sub = jest.fn();
    const definition = only(conditional(() => false, [stepGroup('Maybe', [step('A', sub)])]));
    expect(await run(definition, { a: 1 })).toEqual({ kind: 'skipped', state: { a: 1 } });
    expect(sub).not.toHaveBeenCalled();
  });
});
