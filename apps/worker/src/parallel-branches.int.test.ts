import { z } from 'zod';
import {
  callbackStep,
  defineWorkflow,
  focusSteps,
  inputStep,
  parallel,
  step,
  type StepContext,
} from '@orchestrator/engine';
import { createRedisConnection, StepQueue } from '@orchestrator/queue';
import { timeoutCallbacks } from '@orchestrator/workflows';
import { processWhen, sleep, startedProcess, startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

/** Branch steps that arrived at the barrier, by process: each waits until both branches are there. */
const arrived = new Map<string, Set<string>>();
let failBranchA = false;
let releaseHeld = false;
let heldRunning = false;

const barrier = (branch: string) => async (_state: unknown, ctx: StepContext) => {
  const parent = (
    (await ctx.tx.query('SELECT parent_id FROM processes WHERE process_id = $1', [ctx.processId])) as {
      parent_id: string;
    }[]
  )[0]!.parent_id;
  const here = arrived.get(parent) ?? new Set<string>();
  arrived.set(parent, here.add(branch));
  // Both branches' steps run at the same time, or this one gives up.
  await waitFor(() => here.size === 2, { what: `the other branch (${branch})`, timeoutMs: 10000 });
  await ctx.tx.query('INSERT INTO side_effects (process_id, note) VALUES ($1, $2)', [ctx.processId, branch]);
  return { [`${branch}Met`]: true };
};

const fanOut = defineWorkflow({
  name: 'fan_out',
  target: 'SYSTEM',
  description: 'two branches that meet at a barrier, then a join',
  steps: [
    step('Prepare', () => ({ site: 'ams', shared: { untouched: true } })),
    parallel('Configure both', {
      a: [step('A meets B', barrier('a')), step('A finishes', (state) => ({ aSite: state.site }))],
      b: [...focusSteps('bOnly', [step('B meets A', barrier('b'))])],
    }),
    step('After join', (state) => ({ both: state.aSite === 'ams' && state.bOnly.bMet === true })),
  ],
});

const conflicting = defineWorkflow({
  name: 'conflicting',
  target: 'SYSTEM',
  description: 'two branches writing the same key',
  steps: [
    parallel('Race', { left: [step('L', () => ({ owner: 'left' }))], right: [step('R', () => ({ owner: 'right' }))] }),
  ],
});

/** Branch a fails while failBranchA; branch b's first step waits until the parent has failed. */
const parentStatusOf = async (ctx: StepContext) =>
  (
    (await ctx.tx.query(
      'SELECT p.status FROM processes c JOIN processes p ON p.process_id = c.parent_id WHERE c.process_id = $1',
      [ctx.processId],
    )) as { status: string }[]
  )[0]!.status;
const failing = defineWorkflow({
  name: 'failing_branch',
  target: 'SYSTEM',
  description: 'a branch that fails, beside one that goes on',
  steps: [
    parallel('Both', {
      a: [
        step('A1', () => {
          if (failBranchA) throw new Error('device a did not answer');
          return { a: 1 };
        }),
      ],
      b: [
        step('B1', async (_state, ctx) => {
          if (failBranchA)
            await waitFor(async () => (await parentStatusOf(ctx)) === 'failed', { what: 'the parent to fail' });
          return { b1: true };
        }),
        step('B2', () => ({ b2: true })),
      ],
    }),
  ],
});

const held = defineWorkflow({
  name: 'held_branch',
  target: 'SYSTEM',
  description: 'one quick branch, one held until the test releases it',
  steps: [
    parallel('Both', {
      quick: [step('Quick', () => ({ quick: true }))],
      slow: [
        step('Held', async (_state, ctx) => {
          await ctx.tx.query('INSERT INTO side_effects (process_id, note) VALUES ($1, $2)', [ctx.processId, 'held']);
          heldRunning = true;
          while (!releaseHeld) await sleep(20);
          return { slow: true };
        }),
      ],
    }),
  ],
});

const asking = defineWorkflow({
  name: 'asking_branch',
  target: 'SYSTEM',
  description: 'a branch that waits for an answer beside one that goes on',
  steps: [
    parallel('Both', {
      ask: [inputStep('Confirm', { form: z.object({ ok: z.boolean() }), assignee: 'NOC' })],
      go: [step('Go', () => ({ went: true })), step('Go on', () => ({ wentOn: true }))],
    }),
  ],
});

/** The callback URLs handed to the external system, by branch process. */
const callbackUrls = new Map<string, string>();
const callingSteps = (timeoutMs?: number) => [
  parallel('Both', {
    order: [
      callbackStep('Order', {
        action: (_state, ctx) => {
          callbackUrls.set(ctx.processId, String(ctx.callbackUrl));
          return { ordered: true };
        },
        validate: (state: { delivery?: { vlan?: unknown } }) => ({ vlanOk: typeof state.delivery?.vlan === 'number' }),
        resultKey: 'delivery',
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      }),
    ],
    plain: [step('Plain', () => ({ plain: true }))],
  }),
  step('After join', (state) => ({ joined: state.vlanOk === true && state.plain === true })),
];
const calling = defineWorkflow({
  name: 'calling_branch',
  target: 'SYSTEM',
  description: 'a branch that waits for a callback beside one that goes on',
  steps: callingSteps(),
});
const callingQuickly = defineWorkflow({
  name: 'calling_branch_quickly',
  target: 'SYSTEM',
  description: 'the same, with a callback that times out after 1 s',
  steps: callingSteps(1000),
});

type Row = { name: string; status: string; branch: string | null };

describe('parallel branches (ENGINE.md 14.1)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      workflows: [fanOut, conflicting, failing, held, asking, calling, callingQuickly, timeoutCallbacks],
    });
    await stack.sql('CREATE TABLE side_effects (process_id uuid NOT NULL, note text NOT NULL)');
    await stack.startWorker();
    await stack.startWorker();
  });
  afterAll(async () => {
    releaseHeld = true;
    await stack.stop();
  });

  const detail = async (id: string) => (await stack.request('GET', `/api/processes/${id}`)).body;
  const rows = (body: { steps: Row[] }) =>
    body.steps.filter((s) => s.status !== 'pending').map((s) => [s.branch ?? '-', s.name, s.status]);
  const branchIds = async (id: string): Promise<Record<string, string>> =>
    Object.fromEntries(
      ((await detail(id)).branches as { name: string; processId: string }[]).map((b) => [b.name, b.processId]),
    );

  it('runs the branches at the same time on two workers, each from the fork, and merges them at the join', async () => {
    const id = await startedProcess(stack, 'fan_out');
    const done = await processWhen(stack, id, 'completed');
    expect(done.currentState).toMatchObject({
      site: 'ams',
      aMet: true,
      aSite: 'ams',
      bOnly: { bMet: true },
      both: true,
      shared: { untouched: true },
    });
    const steps = rows(done);
    expect(steps[0]).toEqual(['-', 'Start', 'success']);
    expect(steps[1]).toEqual(['-', 'Prepare', 'success']);
    expect(steps.filter((s) => s[0] === 'a')).toEqual([
      ['a', 'A meets B', 'success'],
      ['a', 'A finishes', 'success'],
    ]);
    expect(steps.filter((s) => s[0] === 'b')).toEqual([['b', 'B meets A', 'success']]);
    expect(steps.slice(-3)).toEqual([
      ['-', 'Configure both', 'success'],
      ['-', 'After join', 'success'],
      ['-', 'Done', 'complete'],
    ]);
    expect(done.branches.map((b: { name: string; status: string }) => [b.name, b.status]).sort()).toEqual([
      ['a', 'completed'],
      ['b', 'completed'],
    ]);
    const workflows = (await stack.request('GET', '/api/workflows')).body as { name: string; branches: unknown }[];
    expect(workflows.find((w) => w.name === 'fan_out')?.branches).toEqual({
      'Configure both': { a: ['A meets B', 'A finishes'], b: ['B meets A'] },
    });
  });

  it('fails the join naming a key written by two branches', async () => {
    const id = await startedProcess(stack, 'conflicting');
    const failed = await processWhen(stack, id, 'failed');
    expect(failed.failedReason).toBe('parallel "Race": key "owner" was written by branches "left" and "right"');
    expect(failed.currentState.owner).toBeUndefined();
  });

  it('fails the process on a failing branch, stops the other after its step in hand, and a retry re-runs only what did not complete', async () => {
    failBranchA = true;
    const id = await startedProcess(stack, 'failing_branch');
    const failed = await processWhen(stack, id, 'failed');
    const { a, b } = await branchIds(id);
    expect(failed.failedReason).toBe(`branch "a" of parallel "Both" (process ${a}) failed: device a did not answer`);
    // b's step in hand (B1) finishes; B2 is not run: b stops there.
    await waitFor(async () => (await detail(b!)).status === 'failed', { what: 'branch b to stop' });
    expect(rows(await detail(b!))).toEqual([
      ['-', 'Start', 'success'],
      ['-', 'B1', 'success'],
      ['-', 'B2', 'failed'],
    ]);

    failBranchA = false;
    expect((await stack.request('PUT', `/api/processes/${id}/resume`)).status).toBe(204);
    const done = await processWhen(stack, id, 'completed');
    expect(done.currentState).toMatchObject({ a: 1, b1: true, b2: true });
    expect(await branchIds(id)).toEqual({ a, b });
    expect(rows(done).filter((s) => s[0] !== '-')).toEqual(
      expect.arrayContaining([
        ['a', 'A1', 'failed'],
        ['a', 'A1', 'success'],
        ['b', 'B1', 'success'],
        ['b', 'B2', 'failed'],
        ['b', 'B2', 'success'],
      ]),
    );
    expect(rows(done).filter((s) => s[1] === 'B1')).toHaveLength(1);
  });

  it('drops duplicate deliveries of branch jobs without side effects', async () => {
    const id = await startedProcess(stack, 'fan_out');
    await processWhen(stack, id, 'completed');
    const { a, b } = await branchIds(id);
    const before = rows(await detail(id));
    const connection = createRedisConnection(stack.config.redisUrl, 'test-branch-duplicates');
    const queue = new StepQueue({ connection, prefix: stack.config.queuePrefix });
    for (const processId of [a!, b!, id]) {
      for (const version of [0, 1, 2, 3, 4]) {
        await queue.queue.add('step', { processId, version }, { jobId: `dup-${processId}-${version}` });
      }
    }
    await stack.stepQueueDrained('the duplicate deliveries to be dropped');
    await queue.close();
    await connection.quit();
    expect(rows(await detail(id))).toEqual(before);
    const effects = await stack.sql<{ note: string }>(
      'SELECT note FROM side_effects WHERE process_id = ANY($1::uuid[]) ORDER BY note',
      [[a, b]],
    );
    expect(effects.map((e) => e.note)).toEqual(['a', 'b']);
  });

  it('aborts every branch when the process is aborted while the join waits for a branch step in hand', async () => {
    releaseHeld = false;
    const id = await startedProcess(stack, 'held_branch');
    const ids = await waitFor(
      async () => {
        const branches = await branchIds(id);
        return branches.quick !== undefined && branches.slow !== undefined ? branches : undefined;
      },
      { what: 'both branches' },
    );
    await processWhen(stack, ids.quick!, 'completed');
    await waitFor(() => heldRunning, { what: 'the held branch step to run' });
    expect((await stack.request('PUT', `/api/processes/${id}/abort`)).status).toBe(204);
    releaseHeld = true;
    await stack.stepQueueDrained('the held step to be fenced out');
    const parent = await detail(id);
    expect(parent.status).toBe('aborted');
    expect(parent.steps.filter((s: Row) => s.branch === null).at(-1)).toMatchObject({ name: 'User Aborted' });
    const slow = await detail(ids.slow!);
    expect(slow.status).toBe('aborted');
    expect(rows(slow)).toEqual([
      ['-', 'Start', 'success'],
      ['-', 'User Aborted', 'abort'],
    ]);
    // The held step was fenced out: its side effect rolled back with it.
    expect(await stack.sql('SELECT 1 FROM side_effects WHERE process_id = $1', [ids.slow])).toEqual([]);
  });

  it('suspends only the branch whose input step waits; its answer lets the join go on', async () => {
    const id = await startedProcess(stack, 'asking_branch');
    const ids = await waitFor(
      async () => {
        const branches = await branchIds(id);
        return branches.ask !== undefined && branches.go !== undefined ? branches : undefined;
      },
      { what: 'both branches' },
    );
    const suspended = await processWhen(stack, ids.ask!, 'suspended');
    expect(suspended).toMatchObject({ assignee: 'NOC', branch: 'ask', parentId: id });
    expect(suspended.form).toMatchObject({ properties: { ok: { type: 'boolean' } } });
    await processWhen(stack, ids.go!, 'completed');
    // The branch's end wakes the parent, whose parallel step waits again.
    await processWhen(stack, id, 'waiting');
    expect((await stack.request('PUT', `/api/processes/${ids.ask}/resume`, { ok: 'yes' })).status).toBe(400);
    expect((await stack.request('PUT', `/api/processes/${ids.ask}/resume`, { ok: true })).status).toBe(204);
    const done = await processWhen(stack, id, 'completed');
    expect(done.currentState).toMatchObject({ ok: true, went: true, wentOn: true });
  });

  const bothBranches = (id: string, first: string, second: string) =>
    waitFor(
      async () => {
        const branches = await branchIds(id);
        return branches[first] !== undefined && branches[second] !== undefined ? branches : undefined;
      },
      { what: 'both branches' },
    );

  it("suspends only the branch awaiting a callback; the callback on the branch process's URL lets the join go on", async () => {
    const id = await startedProcess(stack, 'calling_branch');
    const ids = await bothBranches(id, 'order', 'plain');
    await processWhen(stack, ids.order!, 'awaiting_callback');
    await processWhen(stack, ids.plain!, 'completed');
    const waiting = await processWhen(stack, id, 'waiting');
    // The branch awaiting its callback has the callback step and its validation to go; the ended one none.
    expect(waiting.branches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'order',
          status: 'awaiting_callback',
          pendingSteps: ['Order', 'Validate Order'],
        }),
        expect.objectContaining({ name: 'plain', status: 'completed', pendingSteps: [] }),
      ]),
    );
    const url = callbackUrls.get(ids.order!) ?? '';
    expect(url).toMatch(new RegExp(`/api/processes/${ids.order}/callback/[A-Za-z0-9_-]{43}$`));
    const path = new URL(url).pathname;
    // The parent has no callback of this token: only the branch process's URL takes it.
    const onParent = await stack.request('POST', path.replace(ids.order!, id), { vlan: 7 });
    expect(onParent.status).toBe(404);
    expect((await stack.request('POST', path, { vlan: 7 })).status).toBe(200);
    const done = await processWhen(stack, id, 'completed');
    expect(done.currentState).toMatchObject({ delivery: { vlan: 7 }, vlanOk: true, plain: true, joined: true });
    expect((await detail(ids.order!)).status).toBe('completed');
  });

  it('fails the branch whose callback timed out (task_timeout_callbacks), and with it the parent', async () => {
    const id = await startedProcess(stack, 'calling_branch_quickly');
    const ids = await bothBranches(id, 'order', 'plain');
    await processWhen(stack, ids.order!, 'awaiting_callback');
    await waitFor(
      async () =>
        (
          await stack.sql<{ expired: boolean }>(
            'SELECT bool_and(expires_at <= clock_timestamp()) AS expired FROM callback_tokens WHERE process_id = $1',
            [ids.order],
          )
        )[0]?.expired,
      { what: 'the callback token to expire' },
    );
    const task = await stack.request('POST', '/api/processes/task_timeout_callbacks', {});
    expect(task.status).toBe(201);
    await processWhen(stack, task.body.id as string, 'completed');
    expect(await detail(ids.order!)).toMatchObject({ status: 'failed', failedReason: 'Callback timed out' });
    const failed = await processWhen(stack, id, 'failed');
    expect(failed.failedReason).toBe(
      `branch "order" of parallel "Both" (process ${ids.order}) failed: Callback timed out`,
    );
  });
});
