import { abortStep, conditional, step, stepGroup } from './dsl/steps';
import { executeStep } from './execute-step';
import { silentLogger, type EngineLogger } from './logger';
import type { State } from './state';
import type { StepContext } from './step-types';
import { IN_MEMORY_TX, runScheduledSteps, threeSteps, workflowsHarness as harness } from './testing';
import { defineWorkflow } from './workflow';

describe('executeStep driving a workflow', () => {
  it('completes a three-step workflow by executing each scheduled job in turn', async () => {
    const { store, scheduler, deps, start, steps } = harness([threeSteps]);
    const id = await start('three_steps', { start: true });

    const executions = await runScheduledSteps(deps);

    expect(executions.map((e) => (e.kind === 'committed' ? e.status : e.kind))).toEqual([
      'running',
      'running',
      'running',
      'completed',
    ]);
    expect(scheduler.scheduled.map((s) => [s.request.version, s.delayMs])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    expect(steps(id)).toEqual([
      ['Start', 'success'],
      ['One', 'success'],
      ['Two', 'success'],
      ['Three', 'success'],
      ['Done', 'complete'],
    ]);
    expect(store.process(id)).toMatchObject({ status: 'completed', version: 4, stepIndex: 5, lastStep: 'Done' });
    expect(store.process(id).state).toEqual({ start: true, one: 1, two: 2, three: 3 });
    expect(store.rowsOf(id)[2]?.state).toEqual({ start: true, one: 1, two: 2 });
    expect(store.rowsOf(id).every((row) => row.createdBy === 'alice')).toBe(true);
  });

  it('reports the job it scheduled next after a commit', async () => {
    const { deps, start } = harness([threeSteps]);
    await start('three_steps');
    expect(await executeStep({ processId: 'p-1', version: 0 }, deps)).toMatchObject({
      kind: 'committed',
      status: 'running',
      next: { processId: 'p-1', version: 1 },
    });
  });

  it('evaluates a conditional on the full state built up by the earlier steps', async () => {
    const predicate = jest.fn((state: State) => state.wanted === true && state.one === 1);
    const wf = defineWorkflow({
      name: 'conditional_flow',
      target: 'SYSTEM',
      description: 'x',
      steps: [step('One', () => ({ one: 1 })), ...conditional(predicate, [step('Maybe', () => ({ ran: true }))])],
    });
    const yes = harness([wf]);
    await yes.start('conditional_flow', { wanted: true });
    await runScheduledSteps(yes.deps);
    expect(yes.steps()).toContainEqual(['Maybe', 'success']);
    expect(predicate).toHaveBeenLastCalledWith({ wanted: true, one: 1 });

    const no = harness([wf]);
    await no.start('conditional_flow', { wanted: false });
    await runScheduledSteps(no.deps);
    expect(no.steps()).toEqual([
      ['Start', 'success'],
      ['One', 'success'],
      ['Maybe', 'skipped'],
      ['Done', 'complete'],
    ]);
    expect(no.store.process('p-1').state).toEqual({ wanted: false, one: 1 });
  });

  it('logs a step group as one row with the state of all its sub-steps', async () => {
    const wf = defineWorkflow({
      name: 'grouped',
      target: 'SYSTEM',
      description: 'x',
      steps: [stepGroup('Both', [step('A', () => ({ a: 1 })), step('B', (s) => ({ b: Number(s.a) + 1 }))])],
    });
    const { store, deps, start, steps } = harness([wf]);
    await start('grouped');
    await runScheduledSteps(deps);
    expect(steps()).toEqual([
      ['Start', 'success'],
      ['Both', 'success'],
      ['Done', 'complete'],
    ]);
    expect(store.process('p-1').state).toEqual({ a: 1, b: 2 });
  });

  it('ends the process as aborted at an abortStep, without a Done row', async () => {
    const after = jest.fn();
    const wf = defineWorkflow({
      name: 'aborting',
      target: 'SYSTEM',
      description: 'x',
      steps: [step('One', () => ({ one: 1 })), abortStep(), step('Never', after)],
    });
    const { store, scheduler, deps, start, steps } = harness([wf]);
    await start('aborting');
    await runScheduledSteps(deps);
    expect(steps()).toEqual([
      ['Start', 'success'],
      ['One', 'success'],
      ['Abort', 'abort'],
    ]);
    expect(store.process('p-1')).toMatchObject({ status: 'aborted', state: { one: 1 } });
    expect(after).not.toHaveBeenCalled();
    expect(scheduler.pending).toBe(0);
  });

  it('hands the step its process id, step name, actor, attempt 1, the transaction and a stable idempotency key', async () => {
    const seen: StepContext[] = [];
    const wf = defineWorkflow({
      name: 'context',
      target: 'SYSTEM',
      description: 'x',
      steps: [
        step('Look', (_state, ctx) => {
          seen.push(ctx);
        }),
      ],
    });
    const { deps, start } = harness([wf]);
    await start('context', {}, 'p-ctx');
    await runScheduledSteps(deps);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      processId: 'p-ctx',
      workflowName: 'context',
      stepName: 'Look',
      attempt: 1,
      actor: 'alice',
      idempotencyKey: 'p-ctx:1',
    });
    expect(seen[0]?.tx).toBe(IN_MEMORY_TX);
  });

  it('gives the step logger the process id, step name and attempt', async () => {
    const bindings: Record<string, unknown>[] = [];
    const logger: EngineLogger = {
      ...silentLogger,
      child: (b) => {
        bindings.push(b);
        return silentLogger;
      },
    };
    const wf = defineWorkflow({
      name: 'logging',
      target: 'SYSTEM',
      description: 'x',
      steps: [
        step('Talk', (_s, ctx) => {
          ctx.logger.info({ said: 'hi' }, 'talk');
        }),
      ],
    });
    const { deps, start } = harness([wf], logger);
    await start('logging');
    await runScheduledSteps(deps);
    expect(bindings).toEqual([{ processId: 'p-1', step: 'Talk', attempt: 1 }]);
  });

  it('stores a Date returned by a step as its ISO string and drops undefined values', async () => {
    const wf = defineWorkflow({
      name: 'json_state',
      target: 'SYSTEM',
      description: 'x',
      steps: [step('Stamp', () => ({ at: new Date('2024-01-02T03:04:05.000Z'), gone: undefined }))],
    });
    const { store, deps, start } = harness([wf]);
    await start('json_state', { keep: 1 });
    await runScheduledSteps(deps);
    expect(store.process('p-1')).toMatchObject({
      status: 'completed',
      state: { keep: 1, at: '2024-01-02T03:04:05.000Z' },
    });
    expect(store.process('p-1').state).not.toHaveProperty('gone');
  });
});
