import { z } from 'zod';
import {
  defineProduct,
  defineWorkflow,
  inputStep,
  modifyWorkflow,
  step,
  task,
  type AuthorizeRule,
} from '@orchestrator/engine';
import { processWhen, startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';
import { expectError } from './api-test-support';

// Per-workflow rules (ENGINE.md 10.7): a refusal is 403 FORBIDDEN with the rule's reason, writes nothing but
// its audit row, and the subscription's workflow list reports it for the caller.

const adminsOnly: AuthorizeRule = (user) => user.roles.includes('admin') || 'only admins start this';
let failuresLeft = 0;

const widget = defineProduct({
  name: 'rule_widget',
  productType: 'Widget',
  tag: 'RW',
  description: 'a widget',
  data: z.object({ colour: z.string() }),
  workflows: [],
});

const workflows = [
  defineWorkflow({
    name: 'rule_start',
    target: 'SYSTEM',
    description: 'admins start it',
    authorize: adminsOnly,
    steps: [step('Work', () => ({}))],
  }),
  defineWorkflow({
    name: 'rule_retry',
    target: 'SYSTEM',
    description: 'anyone starts it, only fixer retries it',
    authorizeRetry: (user) => user.name === 'fixer' || `${user.name} is not the fixer`,
    steps: [
      step('Flaky', () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('upstream said no');
        }
        return { fixed: true };
      }),
    ],
  }),
  defineWorkflow({
    name: 'rule_answer',
    target: 'SYSTEM',
    description: 'only the approver answers',
    steps: [
      inputStep('Approve', {
        form: z.object({ approved: z.boolean() }),
        authorizeResume: (user) => user.name === 'approver' || 'only the approver answers',
      }),
    ],
  }),
  modifyWorkflow({
    name: 'rule_repaint',
    product: 'rule_widget',
    description: 'admins repaint',
    authorize: adminsOnly,
    steps: [step('Paint', () => ({}))],
  }),
  modifyWorkflow({
    name: 'rule_polish',
    product: 'rule_widget',
    description: 'anyone polishes',
    steps: [step('Polish', () => ({}))],
  }),
  task({
    name: 'task_rule_retry',
    description: 'a task only fixer retries',
    authorizeRetry: (user) => user.name === 'fixer',
    steps: [
      step('Flaky', () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('upstream said no');
        }
      }),
    ],
  }),
];

describe('per-workflow rules', () => {
  let stack: TestStack;
  let operator: Record<string, string>;
  beforeAll(async () => {
    stack = await startTestStack({ workflows, products: [widget] });
    await stack.startWorker();
    operator = await stack.as('operator');
  });
  afterAll(() => stack.stop());

  const counts = async () =>
    (
      await stack.sql<{ processes: number; steps: number }>(
        `SELECT (SELECT count(*)::int FROM processes) AS processes, (SELECT count(*)::int FROM process_steps) AS steps`,
      )
    )[0];
  const denied = (actor: string) =>
    stack.sql<{ action: string; target_type: string; target_id: string; details: { reason: string } }>(
      `SELECT action, target_type, target_id, details FROM audit_events WHERE actor = $1 AND outcome = 'denied' ORDER BY at`,
      [actor],
    );

  it('refuses a start the rule refuses with 403 and its reason, writing nothing but the refusal row', async () => {
    const before = await counts();
    const res = await stack.request('POST', '/api/processes/rule_start', {}, operator);
    expectError(res, 403, 'FORBIDDEN');
    expect(res.body.error.message).toBe('only admins start this');
    expect(await counts()).toEqual(before);
    expect(await denied('operator')).toEqual([
      {
        action: 'process.start',
        target_type: 'workflow',
        target_id: 'rule_start',
        details: expect.objectContaining({ status: 403, reason: 'only admins start this' }),
      },
    ]);
    expect((await stack.request('POST', '/api/processes/rule_start', {})).status).toBe(201);
  });

  it('asks authorizeRetry before a retry: the refused caller changes nothing, the allowed one resumes', async () => {
    failuresLeft = 1;
    const id = (await stack.request('POST', '/api/processes/rule_retry', {}, operator)).body.id as string;
    await processWhen(stack, id, 'failed');
    const before = await stack.sql(`SELECT version, status FROM processes WHERE process_id = $1`, [id]);
    const refused = await stack.request('PUT', `/api/processes/${id}/resume`, undefined, operator);
    expectError(refused, 403, 'FORBIDDEN');
    expect(refused.body.error.message).toBe('operator is not the fixer');
    expect(await stack.sql(`SELECT version, status FROM processes WHERE process_id = $1`, [id])).toEqual(before);
    expect((await denied('operator')).at(-1)).toMatchObject({ target_type: 'process', target_id: id });

    const fixer = await stack.as('fixer');
    expect((await stack.request('PUT', `/api/processes/${id}/resume`, undefined, fixer)).status).toBe(204);
    await processWhen(stack, id, 'completed');
  });

  it("asks the input step's authorizeResume before taking an answer, even from an admin", async () => {
    const id = (await stack.request('POST', '/api/processes/rule_answer', {})).body.id as string;
    await processWhen(stack, id, 'suspended');
    const refused = await stack.request('PUT', `/api/processes/${id}/resume`, { approved: true });
    expectError(refused, 403, 'FORBIDDEN');
    expect(refused.body.error.message).toBe('only the approver answers');
    const steps = (await processWhen(stack, id, 'suspended')).steps as { name: string; status: string }[];
    expect(steps.map((s) => [s.name, s.status])).toEqual([
      ['Start', 'success'],
      ['Approve', 'suspend'],
      ['Approve', 'pending'],
      ['Done', 'pending'],
    ]);
    const approver = await stack.as('approver');
    expect((await stack.request('PUT', `/api/processes/${id}/resume`, { approved: true }, approver)).status).toBe(204);
    const done = await processWhen(stack, id, 'completed');
    expect(
      done.steps.find((s: { name: string; status: string }) => s.status === 'success' && s.name === 'Approve'),
    ).toMatchObject({
      createdBy: 'approver',
    });
  });

  it('reports canRun false with reason FORBIDDEN to the caller the rule refuses, and true to the one it allows', async () => {
    const [row] = await stack.sql<{ id: string }>(
      `INSERT INTO subscriptions (product_id, customer_id, description, status, insync, data)
       SELECT product_id, 'acme', 'a widget', 'active', true, '{"colour":"red"}'::jsonb FROM products WHERE name = 'rule_widget'
       RETURNING subscription_id AS id`,
    );
    const list = async (headers: Record<string, string>) =>
      Object.fromEntries(
        (
          (await stack.request('GET', `/api/subscriptions/${row!.id}/workflows`, undefined, headers)).body as {
            name: string;
            canRun: boolean;
            reason: unknown;
          }[]
        ).map((w) => [w.name, { canRun: w.canRun, reason: w.reason }]),
      );
    const reader = await stack.as('reader', 'read');
    expect(await list(reader)).toEqual({
      rule_repaint: { canRun: false, reason: { code: 'FORBIDDEN', message: 'only admins start this' } },
      rule_polish: { canRun: true, reason: null },
    });
    expect(await list(stack.adminHeaders)).toEqual({
      rule_repaint: { canRun: true, reason: null },
      rule_polish: { canRun: true, reason: null },
    });
  });

  it('resumes with resume-all only the tasks whose rule lets the caller retry them', async () => {
    failuresLeft = 1;
    const id = (await stack.request('POST', '/api/processes/task_rule_retry', {})).body.id as string;
    await processWhen(stack, id, 'failed');
    const refused = await stack.request('PUT', '/api/processes/resume-all', undefined, operator);
    expect(refused.body).toEqual({ count: 0, refusedByRules: 1 });
    expect((await processWhen(stack, id, 'failed')).status).toBe('failed');
    const fixer = await stack.as('fixer');
    expect((await stack.request('PUT', '/api/processes/resume-all', undefined, fixer)).body).toEqual({ count: 1 });
    await waitFor(async () => (await processWhen(stack, id, 'completed')).status === 'completed', {
      what: 'the task to complete',
    });
  });
});
