import type { StepDefinition } from '../step-types';
import { DONE_STEP, START_STEP, defineWorkflow, stepNames } from '../workflow';
import { DEFAULT_RETRY_POLICY, abortStep, conditional, focusSteps, retryStep, step, stepGroup } from './steps';

const noop = () => undefined;

function workflow(name: string, steps: StepDefinition[] = [step('Work', noop)]) {
  return defineWorkflow({ name, target: 'SYSTEM', description: 'test workflow', steps });
}

describe('defineWorkflow', () => {
  it.each(['hello', 'hello_world', 'create_node2', 'a1_b2_c3'])('accepts the snake_case name %p', (name) => {
    expect(workflow(name).name).toBe(name);
  });

  it.each(['Hello', 'helloWorld', 'hello-world', 'hello__world', '_hello', 'hello_', '1hello', 'hello world', ''])(
    'rejects the name %p because it is not snake_case',
    (name) => {
      expect(() => workflow(name)).toThrow(/must be snake_case/);
    },
  );

  it('rejects a target outside the documented list', () => {
    expect(() =>
      defineWorkflow({ name: 'bad_target', target: 'DELETE' as 'SYSTEM', description: 'x', steps: [] }),
    ).toThrow(/target must be one of CREATE, MODIFY, TERMINATE, SYSTEM, VALIDATE, RECONCILE/);
  });

  it('wraps the steps between an implicit Start and an implicit Done', () => {
    const wf = workflow('wrapped', [step('One', noop), step('Two', noop)]);
    expect(stepNames(wf)).toEqual(['Start', 'One', 'Two', 'Done']);
    expect(wf.steps[0]).toBe(START_STEP);
    expect(wf.steps[3]).toBe(DONE_STEP);
  });

  it('gives a workflow without steps just Start and Done', () => {
    expect(stepNames(workflow('empty', []))).toEqual(['Start', 'Done']);
  });

  it('refuses explicit Start or Done steps because they are added implicitly', () => {
    expect(() => workflow('explicit_start', [START_STEP])).toThrow(/Start and Done are added implicitly/);
    expect(() => workflow('explicit_done', [step('Work', noop), DONE_STEP])).toThrow(/added implicitly/);
  });

  it('defaults isTask to false and keeps it when given', () => {
    expect(workflow('not_a_task').isTask).toBe(false);
    const task = defineWorkflow({ name: 'a_task', target: 'SYSTEM', description: 'x', isTask: true, steps: [] });
    expect(task.isTask).toBe(true);
  });
});

describe('step builders', () => {
  it('refuses a step with an empty or blank name', () => {
    expect(() => step('', noop)).toThrow(/non-empty name/);
    expect(() => step('   ', noop)).toThrow(/non-empty name/);
    expect(() => retryStep('', noop)).toThrow(/non-empty name/);
  });

  it('gives retryStep the documented defaults of 5 attempts, 1 s backoff and a 60 s cap', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 5, backoffMs: 1000, maxBackoffMs: 60000 });
    expect(retryStep('Call', noop).retry).toEqual({ maxAttempts: 5, backoffMs: 1000, maxBackoffMs: 60000 });
  });

  it('lets retryStep options override the defaults one by one', () => {
    expect(retryStep('Call', noop, { maxAttempts: 2 }).retry).toEqual({
      maxAttempts: 2,
      backoffMs: 1000,
      maxBackoffMs: 60000,
    });
    expect(retryStep('Call', noop, { backoffMs: 10, maxBackoffMs: 20 }).retry).toEqual({
      maxAttempts: 5,
      backoffMs: 10,
      maxBackoffMs: 20,
    });
  });

  it.each([0, -1, 1.5])('rejects retryStep maxAttempts %p', (maxAttempts) => {
    expect(() => retryStep('Call', noop, { maxAttempts })).toThrow(/maxAttempts must be a whole number of at least 1/);
  });

  it('rejects a negative backoff and a cap below the backoff', () => {
    expect(() => retryStep('Call', noop, { backoffMs: -1 })).toThrow(/0 <= backoffMs <= maxBackoffMs/);
    expect(() => retryStep('Call', noop, { backoffMs: 5000, maxBackoffMs: 1000 })).toThrow(
      /0 <= backoffMs <= maxBackoffMs/,
    );
  });

  it('accepts a single attempt and a zero backoff', () => {
    expect(retryStep('Call', noop, { maxAttempts: 1, backoffMs: 0, maxBackoffMs: 0 }).retry.maxAttempts).toBe(1);
  });

  it('names an abortStep "Abort" unless told otherwise', () => {
    expect(abortStep()).toEqual({ kind: 'abort', name: 'Abort' });
    expect(abortStep('Give up').name).toBe('Give up');
  });

  it('refuses an empty stepGroup', () => {
    expect(() => stepGroup('Nothing', [])).toThrow(/stepGroup "Nothing" needs at least one step/);
  });

  it('builds a stepGroup as one step holding its sub-steps in order', () => {
    const group = stepGroup('Both', [step('A', noop), step('B', noop)]);
    expect(group.kind).toBe('group');
    expect(group.steps.map((s) => s.name)).toEqual(['A', 'B']);
  });

  it('returns conditional and focusSteps as arrays that spread into a workflow in order', () => {
    const wf = workflow('spread', [
      step('First', noop),
      ...conditional(() => true, [step('If A', noop), step('If B', noop)]),
      ...focusSteps('inner', [step('Focused', noop)]),
    ]);
    expect(stepNames(wf)).toEqual(['Start', 'First', 'If A', 'If B', 'Focused', 'Done']);
  });

  it('does not change the steps handed to conditional or focusSteps', () => {
    const original = step('Plain', noop);
    conditional(() => false, [original]);
    focusSteps('key', [original]);
    expect(original.when).toBeUndefined();
    expect(original.focus).toBeUndefined();
  });

  it('nests focus paths outermost first', () => {
    const [inner] = focusSteps('a', focusSteps('b', [step('Deep', noop)]));
    expect(inner?.focus).toEqual(['a', 'b']);
  });
});
