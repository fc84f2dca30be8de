import { defineWorkflow, step } from '@orchestrator/engine';
import {
  l2vpnProduct,
  l2vpnWorkflows,
  modifyNote,
  nodeProduct,
  nodeWorkflows,
  portProduct,
  portWorkflows,
} from '@orchestrator/workflows';
import { processWhen as processWhenIn, startedProcess, startTestStack, type TestStack } from '@orchestrator/test-stack';

// The port and l2vpn example products end to end (ENGINE.md 13), through the API and an in-process worker:
// ports on nodes, an L2VPN whose endpoints use the ports' blocks, and what that relation allows and refuses.

/** A step that notes a port and then saves it with a speed the port block does not allow. */
const breakPort = defineWorkflow({
  name: 'break_port',
  target: 'SYSTEM',
  description: 'saves a port the model refuses',
  steps: [
    step('Save a bad speed', async (state, ctx) => {
      await ctx.subscriptions.update(String(state.subscriptionId), { note: 'about to break' });
      const port = await ctx.subscriptions.load(String(state.subscriptionId));
      await ctx.subscriptions.save({ ...port, data: { ...port.data, speed: 12 } });
    }),
  ],
});

const UUID = /^[0-9a-f-]{36}$/;

describe('the port and l2vpn products', () => {
  let stack: TestStack;
  const nodes: Record<string, string> = {};
  const ports: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack({
      workflows: [...nodeWorkflows, ...portWorkflows, ...l2vpnWorkflows, modifyNote, breakPort],
      products: [nodeProduct, portProduct, l2vpnProduct],
    });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const processWhen = (id: string, status: string) => processWhenIn(stack, id, status);
  const subscription = async (id: string) => (await stack.request('GET', `/api/subscriptions/${id}`)).body;
  const completed = async (workflow: string, body: unknown) =>
    processWhen(await startedProcess(stack, workflow, body), 'completed');
  const portAnswers = (node: string, portName: string, vlanRange = { from: 2, to: 4094 }) => [
    { customerId: 'acme', nodeSubscriptionId: nodes[node] },
    { portName, speed: 10000, vlanRange },
  ];

  it('creates nodes, then ports on them through a two-page form whose node choice comes from the inventory', async () => {
    for (const [hostname, site] of [
      ['ams-core-1', 'ams'],
      ['lon-core-1', 'lon'],
    ] as const) {
      const done = await completed('create_node', { customerId: 'acme', hostname, role: 'core', site });
      nodes[site] = done.currentState.subscriptionId;
    }
    const first = await stack.request('POST', '/api/processes/create_port', []);
    expect(first.status).toBe(510);
    expect(first.body).toMatchObject({ error: { code: 'FORM_NOT_COMPLETE' }, page: 0 });
    const nodeChoices = first.body.form.properties.nodeSubscriptionId.anyOf.map((o: { const: string }) => o.const);
    expect(nodeChoices.sort()).toEqual(Object.values(nodes).sort());

    const second = await stack.request('POST', '/api/processes/create_port', portAnswers('ams', 'x').slice(0, 1));
    expect(second.status).toBe(510);
    expect(second.body.page).toBe(1);
    expect(Object.keys(second.body.form.properties)).toEqual(['portName', 'speed', 'vlanRange']);

    for (const [key, node, name, range] of [
      ['a', 'ams', 'ge-0/0/1', undefined],
      ['b', 'lon', 'ge-0/0/1', undefined],
      ['c', 'ams', 'ge-0/0/2', { from: 100, to: 200 }],
    ] as const) {
      const done = await completed('create_port', portAnswers(node, name, range));
      ports[key] = done.currentState.subscriptionId;
    }
    const portA = await subscription(ports.a!);
    expect(portA).toMatchObject({ status: 'active', insync: true, dependsOn: [nodes.ams] });
    expect(portA.data).toMatchObject({
      subscriptionInstanceId: expect.stringMatching(UUID),
      ownerSubscriptionId: ports.a,
      portName: 'ge-0/0/1',
      speed: 10000,
      ifIndex: 2,
      node: {
        ownerSubscriptionId: nodes.ams,
        hostname: 'ams-core-1',
        subscriptionInstanceId: expect.stringMatching(UUID),
      },
    });
    expect((await subscription(nodes.ams!)).inUseBy.sort()).toEqual([ports.a, ports.c].sort());
  });

  it('refuses a port name the node already has, naming the page and the field, and writes nothing', async () => {
    const before = await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM processes`);
    const res = await stack.request('POST', '/api/processes/create_port', portAnswers('ams', 'ge-0/0/1'));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' }, page: 1 });
    expect(res.body.error.details).toEqual([{ path: '1.portName', message: 'this node has a port of that name' }]);
    expect(await stack.sql(`SELECT count(*)::int AS n FROM processes`)).toEqual(before);
  });

  let l2vpn: string;

  it('creates an L2VPN choosing its ports page by page among the active ports that can carry the VLAN', async () => {
    const service = { customerId: 'acme', vlan: 300, speed: 1000 };
    const firstPort = await stack.request('POST', '/api/processes/create_l2vpn', [service]);
    expect(firstPort.status).toBe(510);
    const offered = firstPort.body.form.properties.port.anyOf.map((o: { const: string }) => o.const);
    // Port c lets only VLANs 100 to 200 through.
    expect(offered.sort()).toEqual([ports.a, ports.b].sort());
    const secondPort = await stack.request('POST', '/api/processes/create_l2vpn', [service, { port: ports.a }]);
    expect(secondPort.body.page).toBe(2);
    expect(secondPort.body.form.properties.port).toMatchObject({ const: ports.b });

    const done = await completed('create_l2vpn', [service, { port: ports.a }, { port: ports.b }]);
    l2vpn = done.currentState.subscriptionId;
    const detail = await subscription(l2vpn);
    expect(detail).toMatchObject({ status: 'active', dependsOn: [ports.a, ports.b].sort() });
    expect(detail.data).toMatchObject({ ownerSubscriptionId: l2vpn, vlan: 300, speed: 1000 });
    expect(detail.data.endpoints).toHaveLength(2);
    const [first, second] = detail.data.endpoints;
    expect(first).toMatchObject({
      ownerSubscriptionId: l2vpn,
      port: { ownerSubscriptionId: ports.a, portName: 'ge-0/0/1' },
    });
    expect(second.port).toMatchObject({ ownerSubscriptionId: ports.b, node: { hostname: 'lon-core-1' } });
    expect(first.port.subscriptionInstanceId).toBe((await subscription(ports.a!)).data.subscriptionInstanceId);
    expect((await subscription(ports.a!)).inUseBy).toEqual([l2vpn]);
  });

  it('fails a step whose save the model refuses, naming the path, and keeps nothing of that step', async () => {
    const before = await subscription(ports.b!);
    const failed = await processWhen(await startedProcess(stack, 'break_port', { subscriptionId: ports.b }), 'failed');
    expect(failed.failedReason).toMatch(/^subscription data does not match product "port": speed: /);
    const after = await subscription(ports.b!);
    expect(after).toEqual({ ...before, processes: expect.any(Array) });
    expect(after.note).toBeNull();
  });

  it('refuses to terminate a port or its node while they are in use', async () => {
    for (const id of [ports.a, nodes.ams]) {
      const res = await stack.request('POST', `/api/processes/terminate_${id === ports.a ? 'port' : 'node'}`, {
        subscriptionId: id,
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('SUBSCRIPTION_LIFECYCLE');
    }
  });

  it('shows a change of a port in the L2VPN that uses it, and the deltas of the modify on its process', async () => {
    const before = await subscription(l2vpn);
    const done = await completed('modify_port', { subscriptionId: ports.a, speed: 100000 });
    const after = await subscription(l2vpn);
    expect(after.data.endpoints[0].port.speed).toBe(100000);
    expect(after.version).toBe(before.version + 1);
    const detail = (await stack.request('GET', `/api/processes/${done.id}`)).body;
    expect(detail.subscriptionDeltas).toEqual([
      { subscriptionId: ports.a, before: expect.objectContaining({ insync: true }), after: expect.any(Object) },
    ]);
    expect(detail.subscriptionDeltas[0].before.data.speed).toBe(10000);
    expect(detail.subscriptionDeltas[0].after.data.speed).toBe(100000);
  });

  it('validates the L2VPN against its ports, notes it, then terminates it and lets its port go', async () => {
    await completed('validate_l2vpn', { subscriptionId: l2vpn });
    await completed('modify_note', { subscriptionId: l2vpn, note: 'customer moves in May' });
    expect((await subscription(l2vpn)).note).toBe('customer moves in May');
    await completed('terminate_l2vpn', { subscriptionId: l2vpn });
    expect((await subscription(l2vpn)).status).toBe('terminated');
    await completed('terminate_port', { subscriptionId: ports.a });
    expect((await subscription(ports.a!)).status).toBe('terminated');
  });

  it('offers only active ports: a terminated one is refused as an answer, naming the page', async () => {
    const res = await stack.request('POST', '/api/processes/create_l2vpn', [
      { customerId: 'acme', vlan: 150 },
      { port: ports.a },
    ]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' }, page: 1 });
    expect(res.body.error.details[0].path).toBe('1.port');
    const done = await completed('create_l2vpn', [
      { customerId: 'acme', vlan: 150 },
      { port: ports.b },
      { port: ports.c },
    ]);
    expect((await subscription(done.currentState.subscriptionId)).dependsOn.sort()).toEqual([ports.b, ports.c].sort());
  });
});
