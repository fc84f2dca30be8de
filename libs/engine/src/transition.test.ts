import { abortStep, retryStep, step } from './dsl/steps';
import { toStepError } from './failure';
import type { ProcessSnapshot } from './ports';
import type { StepDefinition, StepResult } from './step-types';
import { decideTransition, type Transition } from './transition';
import { defineWorkflow } from './workflow';

// node:assert's AssertionError comes from another realm under Jest, where `instanceof Error` is false;
// this one has the same name, which is what the engine looks at.
class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

const startedAt = new Date('2024-03-01T10:00:00.000Z');
const completedAt = new Date('2024-03-01T10:00:01.000Z');

const flaky = retryStep('Call inventory', () => undefined, { maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 60000 });
const workflow = defineWorkflow({
  name: 'provision',
  target: 'SYSTEM',
  description: 'test',
  steps: [step('Reserve', () => undefined), flaky, step('Activate', () => undefined)],
});
// Steps: 0 Start, 1 Reserve, 2 Call inventory, 3 Activate, 4 Done.

function snapshot(changes: Partial<ProcessSnapshot> = {}): ProcessSnapshot {
  return {
    processId: 'p-1',
    workflowName: 'provision',
    status: 'running',
    version: 4,
    stepIndex: 1,
    state: { before: true },
    failedAttempts: 0,
    isTask: false,
    actor: 'alice',
    enginePaused: false,
    ...changes,
  };
}

function decide(result: StepResult, process = snapshot(), random = () => 0.5): Transition {
  const definition: StepDefinition | undefined = workflow.steps[process.stepIndex];
  return decideTransition({ process, workflow, step: definition, result, startedAt, completedAt, random });
}

function failure(thrown: unknown): StepResult {
  return { kind: 'failed', error: toStepError(thrown), cause: thrown };
}

describe('decideTransition after a success', () => {
  it('keeps the process running at the next step, with the new state, and enqueues it at once', () => {
    const { write, next } = decide({ kind: 'success', state: { before: true, reserved: 1 } });
    expect(next).toEqual({ delayMs: 0 });
    expect(write).toMatchObject({
      processId: 'p-1',
      expectedVersion: 4,
      status: 'running',
      stepIndex: 2,
      state: { before: true, reserved: 1 },
      lastStep: 'Reserve',
      failedAttempts: 0,
      nextRetryAt: null,
      failedReason: null,
      traceback: null,
      foldRepeatedFailure: false,
    });
    expect(write.rows).toEqual([
      {
        name: 'Reserve',
        status: 'success',
        state: { before: true, reserved: 1 },
        error: null,
        createdBy: 'alice',
        startedAt,
        completedAt,
      },
    ]);
  });

  it('logs a skipped step as skipped and still moves on', () => {
    const { write, next } = decide({ kind: 'skipped', state: { before: true } });
    expect(write.status).toBe('running');
    expect(write.stepIndex).toBe(2);
    expect(write.rows.map((r) => r.status)).toEqual(['skipped']);
    expect(next).toEqual({ delayMs: 0 });
  });

  it('resets the attempt counter once a retried step succeeds', () => {
    const { write } = decide(
      { kind: 'success', state: {} },
      snapshot({ stepIndex: 2, failedAttempts: 2, status: 'waiting' }),
    );
    expect(write.failedAttempts).toBe(0);
    expect(write.nextRetryAt).toBeNull();
  });

  it('folds the implicit Done into the write of the last step: completed, two rows, nothing enqueued', () => {
    const { write, next } = decide({ kind: 'success', state: { all: 'done' } }, snapshot({ stepIndex: 3 }));
    expect(next).toBeNull();
    expect(write).toMatchObject({ status: 'completed', stepIndex: 5, lastStep: 'Done', state: { all: 'done' } });
    expect(write.rows.map((r) => [r.name, r.status, r.state])).toEqual([
      ['Activate', 'success', { all: 'done' }],
      ['Done', 'complete', { all: 'done' }],
    ]);
  });

  it('folds Done in after a skipped last step too', () => {
    const { write } = decide({ kind: 'skipped', state: {} }, snapshot({ stepIndex: 3 }));
    expect(write.status).toBe('completed');
    expect(write.rows.map((r) => r.status)).toEqual(['skipped', 'complete']);
  });

  it('completes a workflow without steps right after Start', () => {
    const empty = defineWorkflow({ name: 'empty', target: 'SYSTEM', description: 'x', steps: [] });
    const process = snapshot({ stepIndex: 0, status: 'created', version: 0 });
    const { write, next } = decideTransition({
      process,
      workflow: empty,
      step: empty.steps[0],
      result: { kind: 'success', state: { input: 1 } },
      startedAt,
      completedAt,
      random: Math.random,
    });
    expect(next).toBeNull();
    expect(write.status).toBe('completed');
    expect(write.rows.map((r) => [r.name, r.status])).toEqual([
      ['Start', 'success'],
      ['Done', 'complete'],
    ]);
  });

  it('completes the process when the Done step itself runs', () => {
    const { write, next } = decide({ kind: 'complete', state: { x: 1 } }, snapshot({ stepIndex: 4 }));
    expect(next).toBeNull();
    expect(write).toMatchObject({ status: 'completed', stepIndex: 5, lastStep: 'Done' });
    expect(write.rows.map((r) => [r.name, r.status])).toEqual([['Done', 'complete']]);
  });
});

describe('decideTransition after an abort step', () => {
  it('stops the process as aborted with an abort row carrying the state', () => {
    const aborting = defineWorkflow({
      name: 'aborting',
      target: 'SYSTEM',
      description: 'x',
      steps: [abortStep('Stop here')],
    });
    const process = snapshot({ stepIndex: 1, workflowName: 'aborting' });
    const { write, next } = decideTransition({
      process,
      workflow: aborting,
      step: aborting.steps[1],
      result: { kind: 'abort', state: { kept: true } },
      startedAt,
      completedAt,
      random: Math.random,
    });
    expect(next).toBeNull();
    expect(write).toMatchObject({ status: 'aborted', stepIndex: 1, lastStep: 'Stop here', state: { kept: true } });
    expect(write.rows.map((r) => [r.name, r.status])).toEqual([['Stop here', 'abort']]);
  });
});

describe('decideTransition after a failure', () => {
  it('fails the process, keeping the last successful state and recording the reason and traceback', () => {
    const error = new Error('switch refused');
    const { write, next } = decide(failure(error));
    expect(next).toBeNull();
    expect(write).toMatchObject({
      status: 'failed',
      stepIndex: 1,
      state: { before: true },
      failedReason: 'switch refused',
      traceback: error.stack,
      failedAttempts: 1,
      foldRepeatedFailure: true,
      nextRetryAt: null,
    });
    expect(write.rows).toHaveLength(1);
    expect(write.rows[0]).toMatchObject({ name: 'Reserve', status: 'failed', state: { before: true } });
    expect(write.rows[0]?.error).toEqual({ class: 'Error', message: 'switch refused', stack: error.stack });
  });

  it('sets a retryStep waiting below maxAttempts, with the retry time and the delay to enqueue with', () => {
    const { write, next } = decide(
      failure(new Error('inventory down')),
      snapshot({ stepIndex: 2, failedAttempts: 1 }),
      () => 0.5,
    );
    // Failed attempt 2: min(60000, 1000 * 2^1) * (0.5 + 0.5 * 0.5) = 1500.
    expect(next).toEqual({ delayMs: 1500 });
    expect(write).toMatchObject({ status: 'waiting', failedAttempts: 2, stepIndex: 2, failedReason: 'inventory down' });
    expect(write.nextRetryAt).toEqual(new Date(completedAt.getTime() + 1500));
    expect(write.rows.map((r) => [r.name, r.status])).toEqual([['Call inventory', 'waiting']]);
  });

  it.each([1, 2])(
    'keeps the retry delay of failed attempt %p within [0.5, 1) of the exponential backoff',
    (attempt) => {
      const base = Math.min(60000, 1000 * 2 ** (attempt - 1));
      for (const random of [0, 0.25, 0.5, 0.75, 0.99]) {
        const { next } = decide(
          failure(new Error('x')),
          snapshot({ stepIndex: 2, failedAttempts: attempt - 1 }),
          () => random,
        );
        expect(next?.delayMs).toBeGreaterThanOrEqual(0.5 * base);
        expect(next?.delayMs).toBeLessThan(base);
      }
    },
  );

  it('fails the retryStep for good when the failed attempt reaches maxAttempts', () => {
    const { write, next } = decide(failure(new Error('still down')), snapshot({ stepIndex: 2, failedAttempts: 2 }));
    expect(next).toBeNull();
    expect(write).toMatchObject({ status: 'failed', failedAttempts: 3, nextRetryAt: null });
    expect(write.rows.map((r) => r.status)).toEqual(['failed']);
  });

  it('does not retry a plain step', () => {
    expect(decide(failure(new Error('once')), snapshot({ stepIndex: 1, failedAttempts: 0 })).write.status).toBe(
      'failed',
    );
  });

  it('names the step by its index when the workflow is unknown', () => {
    const process = snapshot({ stepIndex: 3 });
    const { write } = decideTransition({
      process,
      workflow: undefined,
      step: undefined,
      result: failure(new Error('no workflow')),
      startedAt,
      completedAt,
      random: Math.random,
    });
    expect(write.status).toBe('failed');
    expect(write.rows[0]?.name).toBe('step 3');
  });
});

describe('decideTransition after a failing task', () => {
  const task = snapshot({ isTask: true });

  it('marks an assertion error as inconsistent_data', () => {
    expect(decide(failure(new AssertionError('mismatch')), task).write.status).toBe('inconsistent_data');
  });

  it.each<[string, Record<string, unknown>]>([
    ['status 503', { status: 503 }],
    ['statusCode 502', { statusCode: 502 }],
    ['response.status 504', { response: { status: 504 } }],
    ['code ECONNREFUSED', { code: 'ECONNREFUSED' }],
  ])('marks an upstream error with %s as api_unavailable', (_what, fields) => {
    expect(decide(failure(Object.assign(new Error('upstream'), fields)), task).write.status).toBe('api_unavailable');
  });

  it('marks any other error as failed', () => {
    expect(decide(failure(new Error('bug')), task).write.status).toBe('failed');
  });

  it('uses up the attempts of a retryStep before calling the task api_unavailable', () => {
    const unavailable = Object.assign(new Error('503'), { status: 503 });
    const waiting = decide(failure(unavailable), snapshot({ isTask: true, stepIndex: 2, failedAttempts: 0 }));
    expect(waiting.write.status).toBe('waiting');
    const exhausted = decide(failure(unavailable), snapshot({ isTask: true, stepIndex: 2, failedAttempts: 2 }));
    expect(exhausted.write.status).toBe('api_unavailable');
  });

  it('keeps a workflow (not a task) plain failed on an upstream error', () => {
    const unavailable = Object.assign(new Error('503'), { status: 503 });
    expect(decide(failure(unavailable), snapshot({ isTask: false })).write.status).toBe('failed');
  });
});
