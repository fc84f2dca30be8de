import {
  answerCarefulPredicate,
  carefulModify,
  createGizmo,
  createWidget,
  gizmo,
  holdSteps,
  modifyWidget,
  plainModify,
  predicateAskedCount,
  reconcileWidget,
  releaseSteps,
  repaintAnyway,
  terminateWidget,
  validateWidget,
  validateWidgetTask,
  widget,
} from '../test-fixtures/widget-workflows';
import { ProcessCommands } from '@orchestrator/db';
import {
  processWhen as processWhenIn,
  startedProcess,
  startTestStack,
  waitFor,
  type TestStack,
} from '@orchestrator/test-stack';

// The start rules of subscription workflows (ENGINE.md 5 and 8.2) and ctx.subscriptions, against real services.

describe('subscription workflows: start rules and ctx.subscriptions', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      workflows: [
        createWidget,
        createGizmo,
        modifyWidget,
        carefulModify,
        reconcileWidget,
        repaintAnyway,
        validateWidget,
        validateWidgetTask,
        terminateWidget,
        plainModify,
      ],
      products: [widget, gizmo],
    });
    await stack.startWorker();
  });
  afterAll(async () => {
    releaseSteps();
    await stack.stop();
  });

  const post = (workflow: string, body: unknown, headers: Record<string, string> = {}) =>
    stack.request('POST', `/api/processes/${workflow}`, body, headers);
  const start = (workflow: string, body: unknown) => startedProcess(stack, workflow, body);
  const processWhen = (id: string, status: string) => processWhenIn(stack, id, status);
  const subscription = async (id: string) => (await stack.request('GET', `/api/subscriptions/${id}`)).body;
  const newWidget = async (colour = 'red', dependsOn?: string) => {
    const id = await start('create_widget', { customerId: 'acme', colour, dependsOn });
    return (await processWhen(id, 'completed')).currentState.subscriptionId as string;
  };
  const counts = async () =>
    (
      await stack.sql<{ processes: number; subscriptions: number; links: number; keys: number }>(
        `SELECT (SELECT count(*)::int FROM processes) AS processes,
                (SELECT count(*)::int FROM subscriptions) AS subscriptions,
                (SELECT count(*)::int FROM process_subscriptions) AS links,
                (SELECT count(*)::int FROM idempotency_keys) AS keys`,
      )
    )[0];
  const expectRefused = (res: { status: number; body: { error?: { code: string } } }, status: number, code: string) =>
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });

  it('creates a subscription that ends active and in sync, linked to its process', async () => {
    const id = await start('create_widget', { customerId: 'acme', colour: 'green' });
    const done = await processWhen(id, 'completed');
    const subscriptionId = done.currentState.subscriptionId as string;
    expect(await subscription(subscriptionId)).toMatchObject({
      productName: 'widget',
      customerId: 'acme',
      status: 'active',
      insync: true,
      data: { colour: 'green', size: 1 },
      processes: [{ id, status: 'completed' }],
    });
    expect(done.subscriptionIds).toEqual([subscriptionId]);
    const listed = await stack.request('GET', `/api/processes?subscriptionId=${subscriptionId}`);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(listed.body.items[0].subscriptionIds).toEqual([subscriptionId]);
  });

  it('locks the subscription in the start transaction: the process is linked and the subscription out of sync', async () => {
    const subscriptionId = await newWidget();
    holdSteps();
    const id = await start('modify_widget', { subscriptionId, colour: 'blue' });
    // Before any step ran, the start itself took the lock.
    expect(
      await stack.sql('SELECT locked FROM process_subscriptions WHERE process_id = $1 AND subscription_id = $2', [
        id,
        subscriptionId,
      ]),
    ).toEqual([{ locked: true }]);
    expect(await subscription(subscriptionId)).toMatchObject({ insync: false });
    releaseSteps();
    const done = await processWhen(id, 'completed');
    expect(done.steps.map((s: { name: string }) => s.name)).toEqual([
      'Start',
      'Lock subscription',
      'Paint',
      'Unlock subscription',
      'Done',
    ]);
    expect(await subscription(subscriptionId)).toMatchObject({
      insync: true,
      data: { colour: 'blue' },
      note: 'painted',
    });
  });

  it('accepts exactly one of ten concurrent modify starts on one in-sync subscription; the others get 409', async () => {
    const subscriptionId = await newWidget();
    const before = await counts();
    holdSteps();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post('modify_widget', { subscriptionId, colour: i % 2 ? 'blue' : 'green' })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(['SUBSCRIPTION_NOT_IN_SYNC', 'CONCURRENT_CHANGE']).toContain(refused.body.error.code);
    }
    const after = await counts();
    expect(after).toEqual({ ...before, processes: before!.processes + 1, links: before!.links + 1 });
    releaseSteps();
    const winner = responses.find((r) => r.status === 201)?.body.id as string;
    await processWhen(winner, 'completed');
    expect(await subscription(subscriptionId)).toMatchObject({ insync: true });
  });

  it('refuses a stale version with 400 STALE_DATA and writes nothing; the current version starts', async () => {
    const subscriptionId = await newWidget();
    const current = await subscription(subscriptionId);
    const before = await counts();
    const stale = await post('modify_widget', { subscriptionId, colour: 'blue', version: current.version - 1 });
    expectRefused(stale, 400, 'STALE_DATA');
    expect(stale.body.error.message).toMatch(/^Stale data/);
    expect(await counts()).toEqual(before);
    expect(await subscription(subscriptionId)).toEqual(current);
    await processWhen(
      await start('modify_widget', { subscriptionId, colour: 'blue', version: current.version }),
      'completed',
    );
  });

  it('gates by lifecycle: MODIFY and VALIDATE need active, TERMINATE active or provisioning', async () => {
    const subscriptionId = await newWidget();
    await stack.sql(`UPDATE subscriptions SET status = 'provisioning' WHERE subscription_id = $1`, [subscriptionId]);
    const before = await counts();
    expectRefused(await post('modify_widget', { subscriptionId, colour: 'blue' }), 409, 'SUBSCRIPTION_LIFECYCLE');
    expectRefused(await post('validate_widget', { subscriptionId }), 409, 'SUBSCRIPTION_LIFECYCLE');
    expectRefused(await post('reconcile_widget', { subscriptionId }), 409, 'SUBSCRIPTION_LIFECYCLE');
    expect(await counts()).toEqual(before);
    await processWhen(await start('terminate_widget', { subscriptionId }), 'completed');
    expect(await subscription(subscriptionId)).toMatchObject({ status: 'terminated', insync: true });
    expectRefused(await post('terminate_widget', { subscriptionId }), 409, 'SUBSCRIPTION_LIFECYCLE');
  });

  it('refuses terminate while a subscription in service depends on it', async () => {
    const base = await newWidget();
    const user = await newWidget('blue', base);
    expect(await subscription(base)).toMatchObject({ inUseBy: [user] });
    expectRefused(await post('terminate_widget', { subscriptionId: base }), 409, 'SUBSCRIPTION_LIFECYCLE');
    // A disabled dependent still needs it (it may be enabled again); a terminated one does not.
    await stack.sql(`UPDATE subscriptions SET status = 'disabled' WHERE subscription_id = $1`, [user]);
    expectRefused(await post('terminate_widget', { subscriptionId: base }), 409, 'SUBSCRIPTION_LIFECYCLE');
    await stack.sql(`UPDATE subscriptions SET status = 'terminated' WHERE subscription_id = $1`, [user]);
    await processWhen(await start('terminate_widget', { subscriptionId: base }), 'completed');
  });

  it('answers an unknown subscription with 404 SUBSCRIPTION_NOT_FOUND and a malformed id with 400', async () => {
    const before = await counts();
    expectRefused(
      await post('modify_widget', { subscriptionId: '6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', colour: 'red' }),
      404,
      'SUBSCRIPTION_NOT_FOUND',
    );
    expectRefused(await post('modify_widget', { subscriptionId: 'nope', colour: 'red' }), 400, 'VALIDATION_FAILED');
    expectRefused(await post('modify_widget', { colour: 'red' }), 400, 'VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
  });

  it('refuses a workflow the subscription product does not allow', async () => {
    const id = await start('create_gizmo', {});
    const gizmoId = (await processWhen(id, 'completed')).currentState.subscriptionId as string;
    expectRefused(await post('modify_widget', { subscriptionId: gizmoId, colour: 'red' }), 400, 'WORKFLOW_NOT_ALLOWED');
    expect(await subscription(gizmoId)).toMatchObject({ insync: true });
  });

  describe('on an out-of-sync subscription', () => {
    let subscriptionId: string;
    beforeAll(async () => {
      subscriptionId = await newWidget();
      await stack.sql(`UPDATE subscriptions SET insync = false WHERE subscription_id = $1`, [subscriptionId]);
    });

    it('refuses modify, validate and terminate with 409 SUBSCRIPTION_NOT_IN_SYNC', async () => {
      const before = await counts();
      expectRefused(await post('modify_widget', { subscriptionId, colour: 'blue' }), 409, 'SUBSCRIPTION_NOT_IN_SYNC');
      expectRefused(await post('validate_widget', { subscriptionId }), 409, 'SUBSCRIPTION_NOT_IN_SYNC');
      expectRefused(await post('terminate_widget', { subscriptionId }), 409, 'SUBSCRIPTION_NOT_IN_SYNC');
      expect(await counts()).toEqual(before);
    });

    it('starts a RECONCILE, a task and an allowOutOfSync workflow, and leaves the subscription out of sync', async () => {
      for (const [workflow, body] of [
        ['reconcile_widget', { subscriptionId }],
        ['task_validate_widget', { subscriptionId }],
        ['repaint_anyway', { subscriptionId, colour: 'blue' }],
      ] as const) {
        const done = await processWhen(await start(workflow, body), 'completed');
        expect(done.subscriptionIds).toEqual([subscriptionId]);
        expect(await subscription(subscriptionId)).toMatchObject({ insync: false });
      }
      expect(await subscription(subscriptionId)).toMatchObject({ data: { colour: 'blue' } });
    });

    it('never gates a plain defineWorkflow, whatever its target, and does not link it', async () => {
      const done = await processWhen(await start('plain_modify_widget', { subscriptionId }), 'completed');
      expect(done.currentState.seen).toBe('active');
      expect(done.subscriptionIds).toEqual([]);
    });
  });

  it('refuses set-in-sync while a linked process is open, and allows it once that process is aborted', async () => {
    const subscriptionId = await newWidget();
    holdSteps();
    const id = await start('modify_widget', { subscriptionId, colour: 'blue' });
    const refused = await stack.request('PUT', `/api/subscriptions/${subscriptionId}/set-in-sync`);
    expectRefused(refused, 409, 'SUBSCRIPTION_HAS_OPEN_PROCESSES');
    expect(refused.body.error.message).toContain(id);
    expect((await stack.request('PUT', `/api/processes/${id}/abort`)).status).toBe(204);
    releaseSteps();
    await processWhen(id, 'aborted');
    expect(await subscription(subscriptionId)).toMatchObject({ insync: false });
    const forced = await stack.request('PUT', `/api/subscriptions/${subscriptionId}/set-in-sync`);
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ id: subscriptionId, insync: true });
    await processWhen(await start('modify_widget', { subscriptionId, colour: 'green' }), 'completed');
  });

  it('fails a step writing invalid subscription data with a clear error, and writes nothing', async () => {
    const before = await counts();
    const createId = await start('create_widget', { customerId: 'acme', colour: 'plaid' });
    const failed = await processWhen(createId, 'failed');
    expect(failed.failedReason).toMatch(/subscription data does not match product "widget": colour: /);
    expect(failed.subscriptionIds).toEqual([]);
    expect((await counts())!.subscriptions).toBe(before!.subscriptions);

    const subscriptionId = await newWidget();
    const current = await subscription(subscriptionId);
    const modifyId = await start('modify_widget', { subscriptionId, colour: 'plaid' });
    const refused = await processWhen(modifyId, 'failed');
    expect(refused.lastStep).toBe('Paint');
    expect(refused.failedReason).toContain('colour');
    const after = await subscription(subscriptionId);
    expect(after).toMatchObject({ data: current.data, note: null, insync: false });
    expect(after.version).toBe(current.version + 1); // the lock only
  });

  it('answers a repeated Idempotency-Key on a gated start with the original process, and a refusal does not use it up', async () => {
    const subscriptionId = await newWidget();
    const refused = await post(
      'modify_widget',
      { subscriptionId, colour: 'red', version: 999 },
      { 'Idempotency-Key': 'gated-1' },
    );
    expectRefused(refused, 400, 'STALE_DATA');
    holdSteps();
    const first = await post('modify_widget', { subscriptionId, colour: 'blue' }, { 'Idempotency-Key': 'gated-1' });
    expect(first.status).toBe(201);
    const again = await post('modify_widget', { subscriptionId, colour: 'green' }, { 'Idempotency-Key': 'gated-1' });
    expect(again).toEqual({ status: 200, body: { id: first.body.id } });
    releaseSteps();
    await processWhen(first.body.id as string, 'completed');
  });

  it('runs a slow start predicate without holding the subscription, and refuses the start if it changed meanwhile', async () => {
    const subscriptionId = await newWidget();
    const asked = predicateAskedCount();
    const careful = post('careful_modify_widget', { subscriptionId, colour: 'blue' });
    await waitFor(() => predicateAskedCount() > asked, { what: 'the predicate to be asked' });
    // While the predicate thinks, another modify takes the subscription, and is not kept waiting by it.
    const other = await start('modify_widget', { subscriptionId, colour: 'green' });
    await processWhen(other, 'completed');
    answerCarefulPredicate(true);
    expectRefused(await careful, 409, 'CONCURRENT_CHANGE');

    // Unchanged meanwhile, the same start goes through.
    const askedAgain = predicateAskedCount();
    const again = post('careful_modify_widget', { subscriptionId, colour: 'blue' });
    await waitFor(() => predicateAskedCount() > askedAgain, { what: 'the predicate to be asked again' });
    answerCarefulPredicate(true);
    const res = await again;
    expect(res.status).toBe(201);
    await processWhen(res.body.id as string, 'completed');
    expect(await subscription(subscriptionId)).toMatchObject({ insync: true, data: { colour: 'blue' } });
  });

  it('refuses a start whose predicate fails with 412 START_PREDICATE_FAILED and writes nothing', async () => {
    const before = await counts();
    const res = await post('plain_modify_widget', { subscriptionId: '00000000-0000-4000-8000-000000000000' });
    expectRefused(res, 412, 'START_PREDICATE_FAILED');
    expect(res.body.error.message).toContain('not that one');
    expect(await counts()).toEqual(before);
  });

  it('never puts a subscription back in sync under another open process: the lock passes to it', async () => {
    const subscriptionId = await newWidget();
    holdSteps();
    const holder = await start('modify_widget', { subscriptionId, colour: 'blue' });
    // Allowed to start out of sync, and it will fail (purple is no widget colour).
    const failing = await start('repaint_anyway', { subscriptionId, colour: 'purple' });
    releaseSteps();
    await processWhen(holder, 'completed');
    await processWhen(failing, 'failed');
    expect(await subscription(subscriptionId)).toMatchObject({ insync: false });
    expectRefused(await post('modify_widget', { subscriptionId, colour: 'red' }), 409, 'SUBSCRIPTION_NOT_IN_SYNC');

    // The failed process holds it now; once it is aborted, an operator may put it back in sync.
    expect((await stack.request('PUT', `/api/processes/${failing}/abort`)).status).toBe(204);
    expect((await stack.request('PUT', `/api/subscriptions/${subscriptionId}/set-in-sync`)).status).toBe(200);

    // Both succeed: whichever ends last puts it back in sync.
    holdSteps();
    const first = await start('modify_widget', { subscriptionId, colour: 'green' });
    const second = await start('repaint_anyway', { subscriptionId, colour: 'blue' });
    releaseSteps();
    await processWhen(first, 'completed');
    await processWhen(second, 'completed');
    expect(await subscription(subscriptionId)).toMatchObject({ insync: true });
  });

  it('bumps the version of both subscriptions when a relation between them is made', async () => {
    const uplink = await newWidget();
    const before = (await subscription(uplink)).version as number;
    const dependent = await newWidget('green', uplink);
    expect(await subscription(uplink)).toMatchObject({ inUseBy: [dependent] });
    expect((await subscription(uplink)).version).toBe(before + 1);
  });

  it('takes the lock in the "Lock subscription" step for a process written without the gated start', async () => {
    const commands = new ProcessCommands(stack.booted.dataSource);
    const subscriptionId = await newWidget();
    // The recovery sweeper finds the created process and enqueues it.
    const { processId } = await commands.start(
      {
        workflowName: 'modify_widget',
        state: { subscriptionId, colour: 'blue' },
        actor: 'test',
      },
      null,
    );
    const done = await processWhen(processId, 'completed');
    expect(done.subscriptionIds).toEqual([subscriptionId]);
    expect(await subscription(subscriptionId)).toMatchObject({ insync: true, data: { colour: 'blue' } });

    await stack.sql('UPDATE subscriptions SET insync = false WHERE subscription_id = $1', [subscriptionId]);
    const refused = await commands.start(
      {
        workflowName: 'modify_widget',
        state: { subscriptionId, colour: 'green' },
        actor: 'test',
      },
      null,
    );
    const failed = await processWhen(refused.processId, 'failed');
    expect(failed.lastStep).toBe('Lock subscription');
    expect(failed.failedReason).toContain('is not in sync');
    expect(await subscription(subscriptionId)).toMatchObject({ data: { colour: 'blue' } });
  });
});
