import { nodeProduct, nodeWorkflows } from '@orchestrator/workflows';
import { processWhen as processWhenIn, startedProcess, startTestStack, type TestStack } from '@orchestrator/test-stack';

// The example `node` product end to end, through the API and an in-process worker, against real services.

describe('the node product', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ workflows: [...nodeWorkflows], products: [nodeProduct] });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const start = (workflow: string, body: unknown) => startedProcess(stack, workflow, body);
  const processWhen = (id: string, status: string) => processWhenIn(stack, id, status);
  const subscription = async (id: string) => (await stack.request('GET', `/api/subscriptions/${id}`)).body;
  const allocated = () =>
    stack.sql<{ address: string; subscription_id: string }>(
      `SELECT host(address) AS address, subscription_id FROM node_loopback_addresses
        WHERE subscription_id IS NOT NULL ORDER BY address`,
    );
  /** Creates a node through create_node and returns its subscription id once the process completed. */
  const createdNode = async (input: Record<string, unknown>) =>
    (await processWhen(await start('create_node', input), 'completed')).currentState.subscriptionId as string;
  const setSite = (site: string, open: boolean) =>
    stack.sql('UPDATE node_sites SET open_for_changes = $2 WHERE name = $1', [site, open]);

  it('creates, modifies, validates and terminates a node, each step in the log', async () => {
    const createId = await start('create_node', {
      customerId: 'acme',
      hostname: 'ams-core-1',
      role: 'core',
      site: 'ams',
    });
    const created = await processWhen(createId, 'completed');
    expect(created.steps.map((s: { name: string }) => s.name)).toEqual([
      'Start',
      'Create subscription',
      'Provision node',
      'Set subscription active',
      'Unlock subscription',
      'Done',
    ]);
    const subscriptionId = created.currentState.subscriptionId as string;
    expect(created.subscriptionIds).toEqual([subscriptionId]);
    const node = await subscription(subscriptionId);
    expect(node).toMatchObject({
      id: subscriptionId,
      productName: 'node',
      customerId: 'acme',
      status: 'active',
      insync: true,
      data: { hostname: 'ams-core-1', role: 'core', site: 'ams', loopbackAddress: '10.255.0.1' },
      product: { name: 'node', productType: 'Node', tag: 'NODE' },
      processes: [{ id: createId, workflowName: 'create_node', status: 'completed' }],
    });
    expect(node.startDate).toEqual(expect.any(String));
    expect(await allocated()).toEqual([{ address: '10.255.0.1', subscription_id: subscriptionId }]);

    const modifyId = await start('modify_node', { subscriptionId, version: node.version, role: 'edge' });
    const modified = await processWhen(modifyId, 'completed');
    expect(modified.steps.map((s: { name: string }) => s.name)).toEqual([
      'Start',
      'Lock subscription',
      'Update subscription',
      'Push configuration',
      'Unlock subscription',
      'Done',
    ]);
    const afterModify = await subscription(subscriptionId);
    expect(afterModify).toMatchObject({ insync: true, status: 'active', data: { role: 'edge', site: 'ams' } });
    expect(afterModify.version).toBeGreaterThan(node.version);

    const validateId = await start('validate_node', { subscriptionId });
    expect((await processWhen(validateId, 'completed')).currentState.validatedLoopback).toBe('10.255.0.1');

    const terminateId = await start('terminate_node', { subscriptionId });
    const terminated = await processWhen(terminateId, 'completed');
    expect(terminated.steps.map((s: { name: string }) => s.name)).toEqual([
      'Start',
      'Lock subscription',
      'Release loopback address',
      'Set subscription terminated',
      'Unlock subscription',
      'Done',
    ]);
    expect(terminated.currentState.releasedAddress).toBe('10.255.0.1');
    const gone = await subscription(subscriptionId);
    expect(gone).toMatchObject({ status: 'terminated', insync: true });
    expect(gone.endDate).toEqual(expect.any(String));
    expect(await allocated()).toEqual([]);
    expect(gone.processes.map((p: { id: string }) => p.id).sort()).toEqual(
      [createId, modifyId, validateId, terminateId].sort(),
    );
    // A terminated node can be modified no more.
    const again = await stack.request('POST', '/api/processes/modify_node', { subscriptionId, role: 'core' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SUBSCRIPTION_LIFECYCLE');
  });

  it('rolls a failed provisioning back (the address returns to the pool) and a retry allocates exactly one', async () => {
    await setSite('fra', false);
    const id = await start('create_node', { customerId: 'acme', hostname: 'fra-edge-1', role: 'edge', site: 'fra' });
    const failed = await processWhen(id, 'failed');
    expect(failed.failedReason).toBe('site fra is closed for changes: cannot configure fra-edge-1');
    const subscriptionId = failed.currentState.subscriptionId as string;
    // The failed step's allocation, data update and status change were rolled back with it.
    expect(await allocated()).toEqual([]);
    expect(await subscription(subscriptionId)).toMatchObject({
      status: 'initial',
      insync: false,
      data: { hostname: 'fra-edge-1', role: 'edge', site: 'fra' },
    });
    expect((await subscription(subscriptionId)).data).not.toHaveProperty('loopbackAddress');

    await setSite('fra', true);
    expect((await stack.request('PUT', `/api/processes/${id}/resume`)).status).toBe(204);
    const done = await processWhen(id, 'completed');
    const rows = await allocated();
    expect(rows).toEqual([{ address: expect.any(String), subscription_id: subscriptionId }]);
    expect(done.currentState.loopbackAddress).toBe(rows[0]?.address);
    expect(await subscription(subscriptionId)).toMatchObject({
      status: 'active',
      insync: true,
      data: { loopbackAddress: rows[0]?.address },
    });
  });

  it('keeps a node whose modify failed out of sync, refusing other changes, until a successful retry', async () => {
    const subscriptionId = await createdNode({
      customerId: 'globex',
      hostname: 'lon-core-1',
      role: 'core',
      site: 'lon',
    });
    await setSite('fra', false);
    const modifyId = await start('modify_node', { subscriptionId, site: 'fra' });
    const failed = await processWhen(modifyId, 'failed');
    expect(failed.lastStep).toBe('Push configuration');
    expect(await subscription(subscriptionId)).toMatchObject({ insync: false });

    const blocked = await stack.request('POST', '/api/processes/modify_node', { subscriptionId, role: 'edge' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('SUBSCRIPTION_NOT_IN_SYNC');
    const terminate = await stack.request('POST', '/api/processes/terminate_node', { subscriptionId });
    expect(terminate.body.error.code).toBe('SUBSCRIPTION_NOT_IN_SYNC');
    const forced = await stack.request('PUT', `/api/subscriptions/${subscriptionId}/set-in-sync`);
    expect(forced.status).toBe(409);
    expect(forced.body.error.code).toBe('SUBSCRIPTION_HAS_OPEN_PROCESSES');
    expect(await subscription(subscriptionId)).toMatchObject({ insync: false });

    await setSite('fra', true);
    expect((await stack.request('PUT', `/api/processes/${modifyId}/resume`)).status).toBe(204);
    await processWhen(modifyId, 'completed');
    expect(await subscription(subscriptionId)).toMatchObject({ insync: true, data: { site: 'fra' } });
  });

  it('refuses to terminate a node while an active node depends on it, and allows it once that one is gone', async () => {
    const core = await createdNode({
      customerId: 'initech',
      hostname: 'ams-core-2',
      role: 'core',
      site: 'ams',
    });
    const access = await createdNode({
      customerId: 'initech',
      hostname: 'ams-access-1',
      role: 'access',
      site: 'ams',
      uplinkSubscriptionId: core,
    });
    expect(await subscription(core)).toMatchObject({ inUseBy: [access], dependsOn: [] });
    expect(await subscription(access)).toMatchObject({ dependsOn: [core], inUseBy: [] });

    const refused = await stack.request('POST', '/api/processes/terminate_node', { subscriptionId: core });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SUBSCRIPTION_LIFECYCLE');
    expect(refused.body.error.message).toContain(access);
    expect(await subscription(core)).toMatchObject({ insync: true, status: 'active' });

    const workflows = (await stack.request('GET', `/api/subscriptions/${core}/workflows`)).body as {
      name: string;
      canRun: boolean;
      reason: { code: string } | null;
    }[];
    expect(workflows.map((w) => [w.name, w.canRun, w.reason?.code ?? null])).toEqual([
      ['create_node', false, 'SUBSCRIPTION_LIFECYCLE'],
      ['modify_node', true, null],
      ['terminate_node', false, 'SUBSCRIPTION_LIFECYCLE'],
      ['validate_node', true, null],
    ]);

    await processWhen(await start('terminate_node', { subscriptionId: access }), 'completed');
    await processWhen(await start('terminate_node', { subscriptionId: core }), 'completed');
    expect(await subscription(core)).toMatchObject({ status: 'terminated' });
    // Its address went back to the pool, and the terminated node no longer claims it.
    expect((await subscription(core)).data.loopbackAddress).toBeUndefined();
  });

  it('refuses to terminate a node while a node depending on it is half-built, until an operator clears that up', async () => {
    const core = await createdNode({
      customerId: 'umbrella',
      hostname: 'lon-core-1',
      role: 'core',
      site: 'lon',
    });
    await setSite('fra', false);
    const accessId = await start('create_node', {
      customerId: 'umbrella',
      hostname: 'fra-access-1',
      role: 'access',
      site: 'fra',
      uplinkSubscriptionId: core,
    });
    const failed = await processWhen(accessId, 'failed');
    const access = failed.subscriptionIds[0] as string;
    expect(await subscription(access)).toMatchObject({ status: 'initial', insync: false, dependsOn: [core] });

    const refused = await stack.request('POST', '/api/processes/terminate_node', { subscriptionId: core });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'SUBSCRIPTION_LIFECYCLE' });
    expect(refused.body.error.message).toContain(access);

    // The operator gives up on the half-built node: abort it and put it back in sync.
    expect((await stack.request('PUT', `/api/processes/${accessId}/abort`)).status).toBe(204);
    expect((await stack.request('PUT', `/api/subscriptions/${access}/set-in-sync`)).status).toBe(200);
    await processWhen(await start('terminate_node', { subscriptionId: core }), 'completed');
    await setSite('fra', true);
  });

  it('refuses an uplink that is out of sync when creating a node on it', async () => {
    const core = await createdNode({
      customerId: 'hooli',
      hostname: 'ams-core-9',
      role: 'core',
      site: 'ams',
    });
    await stack.sql('UPDATE subscriptions SET insync = false WHERE subscription_id = $1', [core]);
    const accessId = await start('create_node', {
      customerId: 'hooli',
      hostname: 'ams-access-9',
      role: 'access',
      site: 'ams',
      uplinkSubscriptionId: core,
    });
    expect((await processWhen(accessId, 'failed')).failedReason).toBe(`uplink ${core} is not an active node in sync`);
    expect(await subscription(core)).toMatchObject({ inUseBy: [] });
  });

  it('refuses a modify that changes nothing with 412 START_PREDICATE_FAILED and writes nothing', async () => {
    const subscriptionId = await createdNode({
      customerId: 'umbrella',
      hostname: 'lon-edge-9',
      role: 'edge',
      site: 'lon',
    });
    const before = await subscription(subscriptionId);
    const [counted] = await stack.sql<{ count: number }>('SELECT count(*)::int AS count FROM processes');
    const count = counted?.count;
    const res = await stack.request('POST', '/api/processes/modify_node', { subscriptionId, role: 'edge' });
    expect(res.status).toBe(412);
    expect(res.body.error).toMatchObject({
      code: 'START_PREDICATE_FAILED',
      message: expect.stringContaining('nothing to change'),
    });
    expect(await stack.sql('SELECT count(*)::int AS count FROM processes')).toEqual([{ count }]);
    expect(await subscription(subscriptionId)).toEqual(before);
  });
});
