import { z } from 'zod';
import { defineProduct } from '@orchestrator/engine';
import {
  l2vpnProduct,
  l2vpnWorkflows,
  nodeProduct,
  nodeWorkflows,
  portProduct,
  portWorkflows,
  validateProducts,
  validateSubscriptions,
} from '@orchestrator/workflows';
import { processWhen, startedProcess, startTestStack, type TestStack } from '@orchestrator/test-stack';

// task_validate_subscriptions and task_validate_products (ENGINE.md 13.9) against real services.

const gizmo = defineProduct({
  name: 'gizmo',
  productType: 'Gizmo',
  tag: 'GZM',
  description: 'a product without a validate workflow',
  data: z.object({ colour: z.string() }),
  workflows: [],
});

describe('the validation tasks', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      workflows: [...nodeWorkflows, ...portWorkflows, ...l2vpnWorkflows, validateSubscriptions, validateProducts],
      products: [nodeProduct, portProduct, l2vpnProduct, gizmo],
    });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const insertGizmo = async (data: unknown, status = 'active', insync = true) =>
    (
      await stack.sql<{ id: string }>(
        `INSERT INTO subscriptions (product_id, customer_id, description, status, insync, data)
         SELECT product_id, 'c', 'gizmo', $2, $3, $1::jsonb FROM products WHERE name = 'gizmo'
         RETURNING subscription_id AS id`,
        [JSON.stringify(data), status, insync],
      )
    )[0]!.id;

  it("runs each product's validate workflow, checks the model of the others, and lists the failures", async () => {
    const node = (
      await processWhen(
        stack,
        await startedProcess(stack, 'create_node', {
          customerId: 'c',
          hostname: 'ams-edge-1',
          role: 'edge',
          site: 'ams',
        }),
        'completed',
      )
    ).currentState.subscriptionId as string;
    const good = await insertGizmo({ colour: 'red' });
    const bad = await insertGizmo({ colour: 5 });
    await insertGizmo({ colour: 6 }, 'active', false);
    await insertGizmo({ colour: 7 }, 'terminated');

    const task = await processWhen(
      stack,
      await startedProcess(stack, 'task_validate_subscriptions'),
      'inconsistent_data',
    );
    expect(task.failedReason).toContain(`gizmo ${bad}: colour`);
    expect(task.failedReason).not.toContain(good);
    const checked = task.steps.find((s: { name: string }) => s.name === 'Check subscription models');
    expect(checked.state).toMatchObject({ modelChecked: 2, failures: [{ subscriptionId: bad, productName: 'gizmo' }] });
    expect(checked.state.started).toEqual([
      { subscriptionId: node, workflow: 'validate_node', processId: expect.any(String) },
    ]);
    await processWhen(stack, checked.state.started[0].processId, 'completed');

    await stack.sql(`UPDATE subscriptions SET data = '{"colour": "blue"}' WHERE subscription_id = $1`, [bad]);
    expect((await stack.request('PUT', `/api/processes/${task.id}/resume`)).status).toBe(204);
    await processWhen(stack, task.id, 'completed');
  });

  it('compares the code with the database, and names every difference', async () => {
    const clean = await processWhen(stack, await startedProcess(stack, 'task_validate_products'), 'completed');
    expect(clean.currentState.checked).toMatchObject({ products: 4, productBlocks: 5 });
    await stack.sql(`UPDATE product_blocks SET tag = 'NODE2' WHERE name = 'node'`);
    await stack.sql(`UPDATE workflows SET deleted_at = now() WHERE name = 'validate_node'`);
    const differs = await processWhen(
      stack,
      await startedProcess(stack, 'task_validate_products'),
      'inconsistent_data',
    );
    expect(differs.failedReason).toContain('product block node: tag: the code says "NODE", the database "NODE2"');
    expect(differs.failedReason).toContain('workflow validate_node is not in the database');
  });
});
