import { createWorkflowTestKit, fakeTransaction } from '@orchestrator/engine/testing';
import { nodeProduct, nodeWorkflows } from './index';

// The node example's workflows in memory (libs/engine README, "Testing a workflow"): the real executeStep,
// ctx.subscriptions in memory, and ctx.tx faked by the few statements node-resources.ts sends.

/** The loopback pool and the sites, as node-resources.ts queries them. */
function nodeDatabase() {
  const pool = new Map<string, string | null>([
    ['10.0.0.1', null],
    ['10.0.0.2', null],
  ]);
  const sites = new Map([['ams', true]]);
  const holder = (subscriptionId: unknown) => [...pool].find(([, holder]) => holder === subscriptionId)?.[0];
  const query = async (sql: string, params: unknown[] = []): Promise<unknown> => {
    await Promise.resolve();
    const [first] = params;
    if (sql.includes('FROM node_sites')) {
      return sites.has(String(first)) ? [{ open_for_changes: sites.get(String(first)) }] : [];
    }
    if (sql.includes('FOR SHARE')) return [];
    if (sql.includes('SET subscription_id = NULL')) {
      const address = holder(first);
      if (address) pool.set(address, null);
      return [address ? [{ address }] : [], address ? 1 : 0];
    }
    if (sql.startsWith('UPDATE node_loopback_addresses')) {
      const free = holder(null);
      if (free) pool.set(free, String(first));
      return [free ? [{ address: free }] : [], free ? 1 : 0];
    }
    if (sql.includes('FROM node_loopback_addresses')) {
      const address = holder(first);
      return address ? [{ address }] : [];
    }
    throw new Error(`the node test does not know this statement: ${sql}`);
  };
  return { pool, sites, tx: fakeTransaction({ query }) };
}

function nodeKit() {
  const database = nodeDatabase();
  const kit = createWorkflowTestKit({ workflows: nodeWorkflows, products: [nodeProduct], tx: database.tx });
  const createNode = (hostname: string, extra: object = {}) =>
    kit.start('create_node', { customerId: 'acme', hostname, role: 'core', site: 'ams', ...extra });
  return { ...database, kit, createNode };
}

describe('the node workflows, in memory', () => {
  it('creates a node: its subscription active and in sync, with a loopback address from the pool', async () => {
    const { kit, createNode, pool } = nodeKit();
    const process = await createNode('core-1');
    expect(process.status).toBe('completed');
    expect(process.log).toEqual([
      ['Start', 'success'],
      ['Create subscription', 'success'],
      ['Provision node', 'success'],
      ['Set subscription active', 'success'],
      ['Unlock subscription', 'success'],
      ['Done', 'complete'],
    ]);
    const [node] = process.subscriptions;
    expect(node).toMatchObject({
      status: 'active',
      insync: true,
      data: { hostname: 'core-1', role: 'core', site: 'ams', loopbackAddress: '10.0.0.1' },
    });
    expect(pool.get('10.0.0.1')).toBe(node?.id);
    expect(kit.subscriptions.all()).toHaveLength(1);
  });

  it('refuses an input the form does not accept, starting nothing', async () => {
    const { kit, createNode } = nodeKit();
    await expect(createNode('Not A Hostname')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(kit.subscriptions.all()).toEqual([]);
  });

  it('keeps nothing of a failed step, and completes when retried after the cause is gone', async () => {
    const { createNode, sites } = nodeKit();
    sites.set('ams', false);
    const process = await createNode('core-1');
    expect(process.status).toBe('failed');
    expect(process.failedReason).toMatch(/site ams is closed for changes/);
    // Create subscription committed; Provision node's data update and status did not.
    expect(process.subscriptions[0]).toMatchObject({ status: 'initial', insync: false });
    expect(process.subscriptions[0]?.data.loopbackAddress).toBeUndefined();
    sites.set('ams', true);
    await process.resume();
    expect(process.status).toBe('completed');
    expect(process.subscriptions[0]).toMatchObject({ status: 'active', insync: true });
  });

  it('modifies a node, and refuses at start a change that changes nothing', async () => {
    const { kit, createNode } = nodeKit();
    const [node] = (await createNode('core-1')).subscriptions;
    const subscriptionId = node!.id;
    await expect(kit.start('modify_node', { subscriptionId, role: 'core' })).rejects.toMatchObject({
      code: 'START_PREDICATE_FAILED',
    });
    const modify = await kit.start('modify_node', { subscriptionId, role: 'edge' });
    expect(modify.status).toBe('completed');
    expect(kit.subscriptions.find(subscriptionId)).toMatchObject({
      insync: true,
      data: { role: 'edge' },
      description: 'Node core-1 (edge) at ams',
    });
  });

  it('terminates a node and gives its address back, but not while a node hanging off it is active', async () => {
    const { kit, createNode, pool } = nodeKit();
    const uplink = (await createNode('core-1')).subscriptions[0]!;
    const access = (await createNode('access-1', { role: 'access', uplinkSubscriptionId: uplink.id }))
      .subscriptions[0]!;
    expect(kit.subscriptions.find(access.id)?.dependsOn).toEqual([uplink.id]);
    await expect(kit.start('terminate_node', { subscriptionId: uplink.id })).rejects.toMatchObject({
      code: 'SUBSCRIPTION_LIFECYCLE',
    });
    const terminate = await kit.start('terminate_node', { subscriptionId: access.id });
    expect(terminate.status).toBe('completed');
    expect(kit.subscriptions.find(access.id)).toMatchObject({ status: 'terminated', insync: true });
    expect(pool.get('10.0.0.2')).toBeNull();
  });

  it('validates a node against the pool, and fails the check when they disagree', async () => {
    const { kit, createNode, pool } = nodeKit();
    const node = (await createNode('core-1')).subscriptions[0]!;
    expect((await kit.start('validate_node', { subscriptionId: node.id })).status).toBe('completed');
    pool.set('10.0.0.1', null);
    const validation = await kit.start('validate_node', { subscriptionId: node.id });
    expect(validation.status).toBe('failed');
    expect(validation.failedReason).toBe('node core-1 says 10.0.0.1, the pool says null');
    // A failed validation keeps the subscription out of sync for an operator to look at.
    expect(kit.subscriptions.find(node.id)?.insync).toBe(false);
  });
});
