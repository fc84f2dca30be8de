import { z } from 'zod';
import { defineProduct, defineWorkflow, inputStep, modifyWorkflow, step } from '@orchestrator/engine';
import { startTestStack, type TestStack } from '@orchestrator/test-stack';
import { expectError, oneStepWorkflow } from './api-test-support';

// ENGINE.md 10.9: every allowed change and its audit row commit together; a change that did not happen
// (refused, rolled back, repeated) has none. No worker runs here: statuses are set with SQL where needed.

const widget = defineProduct({
  name: 'audit_widget',
  productType: 'Widget',
  tag: 'AW',
  description: 'a widget',
  data: z.object({ colour: z.string() }),
  workflows: [],
});
const workflows = [
  oneStepWorkflow('audit_plain', 'a plain workflow', 'Work'),
  oneStepWorkflow('audit_task', 'a task', 'Work', { isTask: true }),
  defineWorkflow({
    name: 'audit_form',
    target: 'SYSTEM',
    description: 'asks first',
    steps: [inputStep('Ask', { form: z.object({ ok: z.boolean() }) })],
  }),
  modifyWorkflow({
    name: 'audit_repaint',
    product: 'audit_widget',
    description: 'r',
    steps: [step('Paint', () => ({}))],
  }),
];

interface Row {
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  outcome: string;
  details: Record<string, unknown>;
}

describe('the audit trail of the API', () => {
  let stack: TestStack;
  let anna: Record<string, string>;
  beforeAll(async () => {
    stack = await startTestStack({ workflows, products: [widget] });
    anna = await stack.as('anna', 'admin');
  });
  afterAll(() => stack.stop());

  const rowsFor = (targetId: string) =>
    stack.sql<Row>(
      `SELECT actor, action, target_type AS "targetType", target_id AS "targetId", outcome, details
         FROM audit_events WHERE target_id = $1 ORDER BY at, id`,
      [targetId],
    );
  const count = async () => (await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events`))[0]!.n;
  const start = async (workflow: string, body: unknown = {}, headers = anna) => {
    const res = await stack.request('POST', `/api/processes/${workflow}`, body, headers);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const subscription = async (insync: boolean) =>
    (
      await stack.sql<{ id: string }>(
        `INSERT INTO subscriptions (product_id, customer_id, description, status, insync, data)
         SELECT product_id, 'acme', 'w', 'active', $1, '{"colour":"red"}'::jsonb FROM products WHERE name = 'audit_widget'
         RETURNING subscription_id AS id`,
        [insync],
      )
    )[0]!.id;

  it('records a start, a retry, an abort and a delete, each once, under the acting user and the credential', async () => {
    const id = await start('audit_task');
    await stack.sql(`UPDATE processes SET status = 'failed' WHERE process_id = $1`, [id]);
    expect((await stack.request('PUT', `/api/processes/${id}/resume`, undefined, anna)).status).toBe(204);
    expect((await stack.request('PUT', `/api/processes/${id}/abort`, undefined, anna)).status).toBe(204);
    expect((await stack.request('PUT', `/api/processes/${id}/abort`, undefined, anna)).status).toBe(409);
    expect((await stack.request('DELETE', `/api/processes/${id}`, undefined, anna)).status).toBe(204);
    const rows = await rowsFor(id);
    expect(rows.map((row) => [row.actor, row.action, row.targetType, row.outcome])).toEqual([
      ['anna', 'process.start', 'process', 'allowed'],
      ['anna', 'process.resume', 'process', 'allowed'],
      ['anna', 'process.abort', 'process', 'allowed'],
      ['anna', 'process.delete', 'process', 'allowed'],
    ]);
    expect(rows[0]!.details).toEqual({
      workflowName: 'audit_task',
      credential: 'api-key',
      apiKeyId: expect.any(String),
    });
  });

  it('records an answer to a form as process.answer', async () => {
    const id = await start('audit_form');
    await stack.sql(`UPDATE processes SET status = 'suspended', step_index = 1 WHERE process_id = $1`, [id]);
    expect((await stack.request('PUT', `/api/processes/${id}/resume`, { ok: true }, anna)).status).toBe(204);
    expect((await rowsFor(id)).map((row) => [row.action, row.details.step])).toEqual([
      ['process.start', undefined],
      ['process.answer', 'Ask'],
    ]);
  });

  it('writes no row for a start that wrote nothing: a locking start rolled back, a repeated key, a paused engine', async () => {
    const outOfSync = await subscription(false);
    const before = await count();
    expectError(
      await stack.request('POST', '/api/processes/audit_repaint', { subscriptionId: outOfSync }, anna),
      409,
      'SUBSCRIPTION_NOT_IN_SYNC',
    );
    const key = { ...anna, 'idempotency-key': 'audit-once' };
    const first = await stack.request('POST', '/api/processes/audit_plain', {}, key);
    expect((await stack.request('POST', '/api/processes/audit_plain', {}, key)).status).toBe(200);
    expect(await count()).toBe(before + 1);
    expect(await rowsFor(first.body.id as string)).toHaveLength(1);
    expect(await stack.sql(`SELECT count(*)::int AS n FROM processes WHERE workflow_name = 'audit_repaint'`)).toEqual([
      { n: 0 },
    ]);

    expect((await stack.request('PUT', '/api/settings/status', { globalLock: true }, anna)).status).toBe(200);
    expectError(await stack.request('POST', '/api/processes/audit_plain', {}, anna), 503, 'ENGINE_PAUSED');
    expect((await stack.request('PUT', '/api/settings/status', { globalLock: false }, anna)).status).toBe(200);
    const engine = await stack.sql<Row>(
      `SELECT action, details FROM audit_events WHERE target_type = 'engine' ORDER BY at, id`,
    );
    expect(engine.map((row) => [row.action, row.details.globalLock])).toEqual([
      ['engine.pause', true],
      ['engine.unpause', false],
    ]);
    expect(await count()).toBe(before + 3);
  });

  it('records set-in-sync with the new version, and a locking start with its subscription', async () => {
    const id = await subscription(false);
    expect((await stack.request('PUT', `/api/subscriptions/${id}/set-in-sync`, undefined, anna)).status).toBe(200);
    expect(await rowsFor(id)).toEqual([
      {
        actor: 'anna',
        action: 'subscription.set-in-sync',
        targetType: 'subscription',
        targetId: id,
        outcome: 'allowed',
        details: expect.objectContaining({ version: 2, credential: 'api-key' }),
      },
    ]);
    const process = await start('audit_repaint', { subscriptionId: id });
    expect((await rowsFor(process))[0]!.details).toMatchObject({ workflowName: 'audit_repaint', subscriptionId: id });
  });

  it('records resume-all as one row with the count, and API keys created and revoked', async () => {
    const created = await stack.request('POST', '/api/api-keys', { name: 'temp', role: 'read' }, anna);
    expect((await stack.request('DELETE', `/api/api-keys/${created.body.id}`, undefined, anna)).status).toBe(204);
    expect((await rowsFor(created.body.id as string)).map((row) => [row.action, row.details.name])).toEqual([
      ['api-key.create', 'temp'],
      ['api-key.revoke', 'temp'],
    ]);
    expect(JSON.stringify(await rowsFor(created.body.id as string))).not.toContain(created.body.key);
    expect((await stack.request('PUT', '/api/processes/resume-all', undefined, anna)).status).toBe(200);
    const [resumeAll] = await stack.sql<Row>(
      `SELECT actor, target_type AS "targetType", details FROM audit_events WHERE action = 'processes.resume-all'`,
    );
    expect(resumeAll).toMatchObject({ actor: 'anna', targetType: 'processes', details: { count: 0 } });
  });

  describe('GET /api/audit-events', () => {
    it('lists newest first with filters and a cursor, to admins only', async () => {
      const id = await start('audit_plain');
      await stack.request('PUT', `/api/processes/${id}/abort`, undefined, anna);
      const page = await stack.request('GET', `/api/audit-events?targetId=${id}&limit=1`);
      expect(page.status).toBe(200);
      expect(page.body.items).toEqual([
        {
          id: expect.any(String),
          at: expect.any(String),
          actor: 'anna',
          action: 'process.abort',
          targetType: 'process',
          targetId: id,
          outcome: 'allowed',
          details: expect.any(Object),
        },
      ]);
      const next = await stack.request(
        'GET',
        `/api/audit-events?targetId=${id}&limit=1&cursor=${page.body.nextCursor}`,
      );
      expect(next.body).toEqual({
        items: [expect.objectContaining({ action: 'process.start' })],
        nextCursor: null,
        total: 2,
        totalIsEstimate: false,
      });
      const filtered = await stack.request('GET', '/api/audit-events?actor=anna&action=process.abort&outcome=allowed');
      expect(filtered.body.items.every((row: Row) => row.actor === 'anna' && row.action === 'process.abort')).toBe(
        true,
      );

      const operator = await stack.as('auditor-wannabe');
      expectError(await stack.request('GET', '/api/audit-events', undefined, operator), 403, 'FORBIDDEN');
      const refusals = await stack.request('GET', '/api/audit-events?actor=auditor-wannabe&outcome=denied');
      expect(refusals.body.items).toEqual([
        expect.objectContaining({ action: 'audit-events.list', targetType: 'route', outcome: 'denied' }),
      ]);
    });

    it('refuses an unknown filter, a bad outcome and a foreign cursor with 400', async () => {
      for (const query of ['who=anna', 'outcome=maybe', 'limit=0', 'cursor=bm9wZQ']) {
        expectError(await stack.request('GET', `/api/audit-events?${query}`), 400);
      }
    });
  });
});
