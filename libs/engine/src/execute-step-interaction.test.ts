import { z } from 'zod';
import { callbackStep, inputStep } from './dsl/interaction-steps';
import { focusSteps, step, stepGroup } from './dsl/steps';
import { executeStep } from './execute-step';
import { acceptCallback, answerInput, callbackStepAt, formJsonSchema, inputStepAt } from './interaction';
import type { StepContext } from './step-types';
import { stepsHarness, workflowsHarness } from './testing';
import { defineWorkflow } from './workflow';

describe('an input step', () => {
  const confirm = inputStep('Confirm', {
    form: (state) => z.object({ ok: z.boolean(), size: z.number().max(Number(state.maxSize)) }),
    assignee: 'NOC',
  });

  it('suspends the process at the step, logs `suspend`, sets the assignee and schedules nothing', async () => {
    const h = stepsHarness([step('Before', () => ({ maxSize: 3 })), confirm, step('After', () => ({ after: true }))]);
    await h.start();
    const executions = await h.runScheduledSteps();
    expect(executions.at(-1)).toMatchObject({ kind: 'committed', status: 'suspended', next: null });
    expect(h.rows()).toEqual([
      ['Start', 'success', 0],
      ['Before', 'success', 0],
      ['Confirm', 'suspend', 0],
    ]);
    expect(h.store.process('p-1')).toMatchObject({ status: 'suspended', stepIndex: 2, assignee: 'NOC' });
  });

  it('fails the step when its form function cannot build a form', async () => {
    const broken = inputStep('Broken', {
      form: () => {
        throw new Error('no form today');
      },
    });
    const h = stepsHarness([broken]);
    await h.start();
    await h.runScheduledSteps();
    expect(h.store.process('p-1')).toMatchObject({ status: 'failed', failedReason: 'no form today' });
  });

  it('validates an answer against the form built from the current state and merges it', async () => {
    expect(await answerInput(confirm, { maxSize: 3 }, { ok: true, size: 2 })).toEqual({
      kind: 'accepted',
      input: { ok: true, size: 2 },
      state: { maxSize: 3, ok: true, size: 2 },
    });
    expect(await answerInput(confirm, { maxSize: 3 }, { ok: 'yes', size: 9 })).toEqual({
      kind: 'invalid',
      issues: [
        { path: 'ok', message: expect.stringContaining('boolean') },
        { path: 'size', message: expect.stringContaining('3') },
      ],
    });
  });

  it('merges an answer into the focused part of the state, and builds the form from it', async () => {
    const [focused] = focusSteps('port', [
      inputStep('Port speed', { form: (port) => z.object({ speed: z.enum(port.speeds as [string]) }) }),
    ]);
    if (focused?.kind !== 'input') throw new Error('expected an input step');
    const state = { other: 1, port: { speeds: ['10G', '100G'] } };
    expect(await answerInput(focused, state, { speed: '100G' })).toMatchObject({
      kind: 'accepted',
      state: { other: 1, port: { speeds: ['10G', '100G'], speed: '100G' } },
    });
    expect(formJsonSchema(focused, state)).toMatchObject({
      type: 'object',
      properties: { speed: { enum: ['10G', '100G'] } },
      required: ['speed'],
    });
  });

  it('runs async refinements, and refuses an answer the form turns into something JSON cannot hold', async () => {
    const checked = inputStep('Checked', {
      form: z.object({ vlan: z.number().refine(async (vlan) => Promise.resolve(vlan !== 1), 'VLAN 1 is reserved') }),
    });
    expect(await answerInput(checked, {}, { vlan: 1 })).toEqual({
      kind: 'invalid',
      issues: [{ path: 'vlan', message: 'VLAN 1 is reserved' }],
    });
    const big = inputStep('Big', { form: z.object({ n: z.number().transform((n) => BigInt(n)) }) });
    expect(await answerInput(big, {}, { n: 1 })).toEqual({
      kind: 'invalid',
      issues: [{ path: '', message: expect.stringContaining('input.n is a bigint') }],
    });
  });

  it('uses SYSTEM as the assignee and callbackResult as the result key by default', () => {
    expect(inputStep('I', { form: z.object({}) }).assignee).toBe('SYSTEM');
    expect(callbackStep('C', { action: () => undefined }).resultKey).toBe('callbackResult');
  });

  it('is found at its index by inputStepAt, and nothing else is', () => {
    const wf = defineWorkflow({ name: 'w', target: 'SYSTEM', description: 'x', steps: [confirm] });
    expect(inputStepAt(wf, 1)).toBe(confirm);
    expect(inputStepAt(wf, 0)).toBeNull();
    expect(inputStepAt(undefined, 1)).toBeNull();
  });
});

describe('a callback step', () => {
  it('runs its action with an absolute callback URL and waits in awaiting_callback with that token', async () => {
    let seen: StepContext | undefined;
    const call = callbackStep('Call provisioning', {
      action: (_state, ctx) => {
        seen = ctx;
        return { handedOut: ctx.callbackUrl };
      },
      timeoutMs: 60_000,
    });
    const h = stepsHarness([call]);
    await h.start();
    const deps = { ...h.deps, publicUrl: 'https://orch.example.net/', newCallbackToken: () => 'tok_123' };
    await executeStep({ processId: 'p-1', version: 0 }, deps);
    const execution = await executeStep({ processId: 'p-1', version: 1 }, deps);

    expect(execution).toMatchObject({ kind: 'committed', status: 'awaiting_callback', next: null });
    expect(seen?.callbackUrl).toBe('https://orch.example.net/api/processes/p-1/callback/tok_123');
    expect(h.store.process('p-1')).toMatchObject({
      status: 'awaiting_callback',
      stepIndex: 1,
      state: { handedOut: 'https://orch.example.net/api/processes/p-1/callback/tok_123' },
      callback: { token: 'tok_123', timeoutMs: 60_000, version: 2 },
    });
    expect(h.rows().at(-1)).toEqual(['Call provisioning', 'awaiting_callback', 0]);
  });

  it('issues a different unguessable token each time the action runs', async () => {
    const urls: string[] = [];
    const h = stepsHarness([callbackStep('Call', { action: (_s, ctx) => void urls.push(String(ctx.callbackUrl)) })]);
    await h.start();
    await h.runScheduledSteps();
    await h.resume();
    await h.runScheduledSteps();
    expect(urls).toHaveLength(2);
    expect(new Set(urls).size).toBe(2);
    expect(urls.every((url) => /\/callback\/[A-Za-z0-9_-]{43}$/.test(url))).toBe(true);
  });

  it('gives no callback URL to any other step', async () => {
    let seen: StepContext | undefined;
    const h = stepsHarness([step('Plain', (_s, ctx) => void (seen = ctx))]);
    await h.start();
    await h.runScheduledSteps();
    expect(seen?.callbackUrl).toBeUndefined();
  });

  it('is followed by its validation step, which inherits its focus', () => {
    const validate = jest.fn();
    const wf = defineWorkflow({
      name: 'w',
      target: 'SYSTEM',
      description: 'x',
      steps: focusSteps('job', [callbackStep('Order', { action: () => undefined, validate, resultKey: 'answer' })]),
    });
    expect(wf.steps.map((s) => [s.name, s.kind, s.focus])).toEqual([
      ['Start', 'start', undefined],
      ['Order', 'callback', ['job']],
      ['Validate Order', 'step', ['job']],
      ['Done', 'done', undefined],
    ]);
    const order = callbackStepAt(wf, 1);
    if (!order) throw new Error('expected a callback step');
    expect(acceptCallback(order, { job: { id: 1 }, x: 2 }, { ok: true })).toEqual({
      job: { id: 1, answer: { ok: true } },
      x: 2,
    });
  });

  it('cannot be part of a step group, nor can an input step', () => {
    expect(() => stepGroup('G', [callbackStep('C', { action: () => undefined })])).toThrow(
      'stepGroup "G": callback step "C" cannot be part of a group',
    );
    expect(() => stepGroup('G', [inputStep('I', { form: z.object({}) })])).toThrow(/input step "I"/);
  });

  it('rejects options that cannot work', () => {
    expect(() => callbackStep('C', { action: () => undefined, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => callbackStep('C', { action: () => undefined, resultKey: '' })).toThrow(/resultKey/);
    expect(() => inputStep('I', { form: 'nope' as never })).toThrow(/form must be a zod object/);
  });
});

describe('scheduleAfterCommit', () => {
  it('schedules the jobs a step asked for only after the step committed', async () => {
    const h = workflowsHarness([
      defineWorkflow({
        name: 'waker',
        target: 'SYSTEM',
        description: 'x',
        steps: [step('Wake', (_s, ctx) => ctx.scheduleAfterCommit({ processId: 'other', version: 7 }, 50))],
      }),
      defineWorkflow({
        name: 'failing_waker',
        target: 'SYSTEM',
        description: 'x',
        steps: [
          step('Wake then fail', (_s, ctx) => {
            ctx.scheduleAfterCommit({ processId: 'other', version: 8 });
            throw new Error('no');
          }),
        ],
      }),
    ]);
    await h.start('waker', {}, 'a');
    await h.start('failing_waker', {}, 'b');
    await executeStep({ processId: 'a', version: 0 }, h.deps);
    await executeStep({ processId: 'b', version: 0 }, h.deps);
    await executeStep({ processId: 'a', version: 1 }, h.deps);
    await executeStep({ processId: 'b', version: 1 }, h.deps);
    const others = h.scheduler.scheduled.filter((s) => s.request.processId === 'other');
    expect(others.map((s) => [s.request.version, s.delayMs])).toEqual([[7, 50]]);
  });
});
