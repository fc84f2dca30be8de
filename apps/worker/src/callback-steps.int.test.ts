import { createHash } from 'node:crypto';
import { z } from 'zod';
import { callbackStep, defineWorkflow, step, type StepContext } from '@orchestrator/engine';
import { timeoutCallbacks } from '@orchestrator/workflows';
import { sleep, startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

/** Stands in for the external system: the URLs handed to it, and calls it makes without being awaited. */
const handedOut: string[] = [];
const inFlight: Promise<Response>[] = [];

const orderSteps = (timeoutMs?: number) => [
  callbackStep('Order circuit', {
    action: async (state: Record<string, unknown>, ctx: StepContext) => {
      handedOut.push(String(ctx.callbackUrl));
      if (state.callBackEarly) {
        // The external system answers before this step's transaction has committed.
        inFlight.push(
          fetch(String(ctx.callbackUrl), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ vlan: 42 }),
          }),
        );
        // Hold the transaction open: briefly, or until the early callback has been answered (after its wait).
        if (state.hold === 'until_answered') await inFlight.at(-1);
        else await sleep(300);
      }
      return { orderedWith: ctx.callbackUrl };
    },
    validate: (state: Record<string, { vlan?: unknown }>) => {
      if (typeof state.provisioning?.vlan !== 'number') throw new Error('the callback carried no vlan');
      return { validated: true };
    },
    resultKey: 'provisioning',
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  }),
  step('Activate circuit', (state) => ({ active: state.circuit })),
];
const circuitInput = z.object({
  circuit: z.string(),
  callBackEarly: z.boolean().default(false),
  hold: z.enum(['briefly', 'until_answered']).default('briefly'),
});
const orderCircuit = defineWorkflow({
  name: 'order_circuit',
  target: 'SYSTEM',
  description: 'orders a circuit from a provisioning system that calls back',
  input: circuitInput,
  steps: orderSteps(),
});
const orderCircuitQuickly = defineWorkflow({
  name: 'order_circuit_quickly',
  target: 'SYSTEM',
  // Long enough for the test's progress report to arrive first on a loaded machine; the test waits for the expiry.
  description: 'the same, with a callback that times out after 2 s',
  input: circuitInput,
  steps: orderSteps(2000),
});

/** A step held until the test lets it go. */
let releaseSlowStep = false;
const slowStep = defineWorkflow({
  name: 'slow_step',
  target: 'SYSTEM',
  description: 'one slow step',
  steps: [
    step('Slow', async () => {
      while (!releaseSlowStep) await sleep(20);
    }),
  ],
});

describe('callback steps', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [orderCircuit, orderCircuitQuickly, slowStep, timeoutCallbacks] });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const detail = async (id: string) => (await stack.request('GET', `/api/processes/${id}`)).body;
  const statusOf = async (id: string) => (await detail(id)).status as string;
  const pathOf = (url: string) => new URL(url).pathname;
  const awaitingProcess = async (input: Record<string, unknown> = {}, workflow = 'order_circuit') => {
    const before = handedOut.length;
    const { body } = await stack.request('POST', `/api/processes/${workflow}`, { circuit: 'c-1', ...input });
    const id = body.id as string;
    await waitFor(async () => (await statusOf(id)) === 'awaiting_callback', { what: 'awaiting_callback' });
    const url = handedOut[before];
    if (!url) throw new Error('no callback URL was handed out');
    return { id, url, path: pathOf(url) };
  };
  const rowCount = async (id: string) =>
    (await stack.sql<{ n: number }>('SELECT count(*)::int AS n FROM process_steps WHERE process_id = $1', [id]))[0]?.n;

  it('hands the action an absolute single-use URL on this API, stores the body under resultKey, validates and runs on', async () => {
    const { id, url, path } = await awaitingProcess();
    expect(url).toBe(`${stack.baseUrl}/api/processes/${id}/callback/${path.split('/').pop()}`);
    expect(path).toMatch(/^\/api\/processes\/[0-9a-f-]{36}\/callback\/[A-Za-z0-9_-]{43}$/);
    expect(await detail(id)).toMatchObject({ lastStep: 'Order circuit', callbackProgress: null });

    // The token authenticates: no credential, and X-User is ignored (the callback acts as SYSTEM).
    const res = await stack.request('POST', path, { vlan: 42 }, { authorization: '', 'X-User': 'provisioning-system' });
    expect(res.status).toBe(200);
    await waitFor(async () => (await statusOf(id)) === 'completed', { what: 'completion' });
    const process = await detail(id);
    expect(process.currentState).toMatchObject({ provisioning: { vlan: 42 }, validated: true, active: 'c-1' });
    expect(process.steps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ['Start', 'success'],
      ['Order circuit', 'awaiting_callback'],
      ['Order circuit', 'success'],
      ['Validate Order circuit', 'success'],
      ['Activate circuit', 'success'],
      ['Done', 'complete'],
    ]);
    expect(process.steps[2]).toMatchObject({ createdBy: 'SYSTEM', state: { provisioning: { vlan: 42 } } });

    const again = await stack.request('POST', path, { vlan: 43 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already used');
  });

  it('stores only a hash of the token', async () => {
    const { id, path } = await awaitingProcess();
    const token = path.split('/').pop() ?? '';
    const stored = await stack.sql<{ token_hash: Buffer }>(
      'SELECT token_hash FROM callback_tokens WHERE process_id = $1',
      [id],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash.toString('hex')).toBe(createHash('sha256').update(token).digest('hex'));
    const tables = await stack.sql('SELECT * FROM callback_tokens WHERE process_id = $1', [id]);
    expect(JSON.stringify(tables)).not.toContain(token);
  });

  it('answers a token never issued with 404, and writes nothing', async () => {
    const { id, path } = await awaitingProcess();
    const rows = await rowCount(id);
    const forged = `/api/processes/${id}/callback/${'A'.repeat(43)}`;
    for (const target of [forged, `${forged}/progress`, `/api/processes/${id}/callback/short`]) {
      const res = await stack.request('POST', target, { vlan: 1 });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('INVALID_CALLBACK_TOKEN');
    }
    // A real token, but of another process.
    const other = await awaitingProcess();
    const swapped = await stack.request('POST', `/api/processes/${id}/callback/${other.path.split('/').pop()}`, {});
    expect(swapped.status).toBe(404);
    expect(await rowCount(id)).toBe(rows);
    expect(await statusOf(id)).toBe('awaiting_callback');
    expect((await stack.request('POST', path, [1, 2])).status).toBe(400);
  });

  it('shows the latest progress in the detail until the callback arrives', async () => {
    const { id, path } = await awaitingProcess();
    expect((await stack.request('POST', `${path}/progress`, { percent: 10 })).status).toBe(200);
    expect((await stack.request('POST', `${path}/progress`, { percent: 60, message: 'patching' })).status).toBe(200);
    expect((await detail(id)).callbackProgress).toEqual({ percent: 60, message: 'patching' });
    const listed = await stack.request('GET', '/api/processes?status=awaiting_callback&limit=500');
    expect(listed.body.items.find((item: { id: string }) => item.id === id)).toMatchObject({
      callbackProgress: { percent: 60, message: 'patching' },
    });
    await stack.request('POST', path, { vlan: 7 });
    await waitFor(async () => (await statusOf(id)) === 'completed', { what: 'completion' });
    expect((await detail(id)).callbackProgress).toBeNull();
    expect((await stack.request('POST', `${path}/progress`, { percent: 100 })).status).toBe(409);
  });

  it('fails at the validation step when the callback does not validate; a retry validates again', async () => {
    const { id, path } = await awaitingProcess();
    await stack.request('POST', path, { novlan: true });
    await waitFor(async () => (await statusOf(id)) === 'failed', { what: 'failure' });
    expect(await detail(id)).toMatchObject({
      lastStep: 'Validate Order circuit',
      failedReason: 'the callback carried no vlan',
    });
    expect((await stack.request('PUT', `/api/processes/${id}/resume`)).status).toBe(204);
    await waitFor(async () => (await detail(id)).steps.some((s: { retries: number }) => s.retries === 1), {
      what: 'the validation to fail again',
    });
    const process = await detail(id);
    expect(process.status).toBe('failed');
    expect(process.steps.filter((s: { status: string }) => s.status === 'failed')).toEqual([
      expect.objectContaining({ name: 'Validate Order circuit', retries: 1 }),
    ]);
  });

  it('takes a token once when two deliveries of it race', async () => {
    const { id, path } = await awaitingProcess();
    const answers = await Promise.all([1, 2].map((vlan) => stack.request('POST', path, { vlan })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    await waitFor(async () => (await statusOf(id)) === 'completed', { what: 'completion' });
    const rows = (await detail(id)).steps.filter((s: { name: string; status: string }) => s.name === 'Order circuit');
    expect(rows.map((s: { status: string }) => s.status)).toEqual(['awaiting_callback', 'success']);
  });

  it('never logs a row after the abort when a callback and an abort race', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { id, path } = await awaitingProcess();
      const [callback, abort] = await Promise.all([
        stack.request('POST', path, { vlan: 1 }),
        stack.request('PUT', `/api/processes/${id}/abort`),
      ]);
      expect([200, 409]).toContain(callback.status);
      // Whatever the callback handed to the workers has been run (or fenced out) by now.
      await stack.stepQueueDrained();
      const process = await detail(id);
      if (abort.status === 204) {
        expect(process.status).toBe('aborted');
        expect(process.steps.at(-1)).toMatchObject({ name: 'User Aborted' });
      } else {
        expect(process.status).toBe('completed');
      }
    }
  });

  it('answers a made-up token at once with 404, even while the process is running a long step', async () => {
    releaseSlowStep = false;
    const id = (await stack.request('POST', '/api/processes/slow_step', {})).body.id as string;
    await waitFor(async () => (await statusOf(id)) === 'running', { what: 'the slow step' });
    // Were the request waiting for the step, this would hang until the test times out.
    const res = await stack.request('POST', `/api/processes/${id}/callback/${'B'.repeat(43)}`, {});
    expect(res.status).toBe(404);
    releaseSlowStep = true;
    await waitFor(async () => (await statusOf(id)) === 'completed', { what: 'completion' });
  });

  it('asks a callback that arrives long before the action commits to come back, and then takes it', async () => {
    const before = inFlight.length;
    const { body } = await stack.request('POST', '/api/processes/order_circuit', {
      circuit: 'c-slow',
      callBackEarly: true,
      hold: 'until_answered',
    });
    await waitFor(() => inFlight.length > before, { what: 'the early callback' });
    const early = await inFlight[before];
    expect(early?.status).toBe(503);
    expect(((await early?.json()) as { error: { code: string } }).error.code).toBe('CALLBACK_NOT_READY');
    await waitFor(async () => (await statusOf(body.id)) === 'awaiting_callback', { what: 'awaiting_callback' });
    const again = await stack.request('POST', pathOf(handedOut.at(-1) ?? ''), { vlan: 8 });
    expect(again.status).toBe(200);
    await waitFor(async () => (await statusOf(body.id)) === 'completed', { what: 'completion' });
  }, 20000);

  it('accepts a plain progress message, and refuses a resume body for a process that waits for no input', async () => {
    const { id, path } = await awaitingProcess();
    const res = await stack.request('POST', `${path}/progress`, '70% done');
    expect(res.status).toBe(200);
    expect((await detail(id)).callbackProgress).toBe('70% done');
    const resume = await stack.request('PUT', `/api/processes/${id}/resume`, { vlan: 1 });
    expect(resume.status).toBe(400);
    expect(resume.body.error.code).toBe('VALIDATION_FAILED');
    expect(await statusOf(id)).toBe('awaiting_callback');
  });

  it('waits on the row for a callback that arrives before the action committed, instead of answering 404', async () => {
    const { id } = await (async () => {
      const { body } = await stack.request('POST', '/api/processes/order_circuit', {
        circuit: 'c-early',
        callBackEarly: true,
      });
      return { id: body.id as string };
    })();
    await waitFor(async () => (await statusOf(id)) === 'completed', { what: 'completion' });
    const early = inFlight.at(-1);
    expect((await early)?.status).toBe(200);
    expect((await detail(id)).currentState).toMatchObject({ provisioning: { vlan: 42 }, active: 'c-early' });
  });

  it('refuses a callback and its progress with 409 after an abort', async () => {
    const { id, path } = await awaitingProcess();
    expect((await stack.request('PUT', `/api/processes/${id}/abort`)).status).toBe(204);
    const rows = await rowCount(id);
    const res = await stack.request('POST', path, { vlan: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_PROCESS_STATUS');
    expect((await stack.request('POST', `${path}/progress`, { percent: 1 })).status).toBe(409);
    expect(await rowCount(id)).toBe(rows);
    expect(await statusOf(id)).toBe('aborted');
  });

  it('times out through task_timeout_callbacks; a retry runs the action again with a new token', async () => {
    const { id, path } = await awaitingProcess({}, 'order_circuit_quickly');
    expect((await stack.request('POST', `${path}/progress`, { percent: 5 })).status).toBeLessThan(300);
    await waitFor(
      async () =>
        (
          await stack.sql<{ expired: boolean }>(
            'SELECT bool_and(expires_at <= clock_timestamp()) AS expired FROM callback_tokens WHERE process_id = $1',
            [id],
          )
        )[0]?.expired,
      { what: 'the callback token to expire' },
    );
    const expired = await stack.request('POST', path, { vlan: 1 });
    expect(expired.status).toBe(409);
    expect(expired.body.error.message).toContain('expired');

    const task = await stack.request('POST', '/api/processes/task_timeout_callbacks', {});
    expect(task.status).toBe(201);
    await waitFor(async () => (await statusOf(task.body.id)) === 'completed', { what: 'the task to complete' });
    expect((await detail(task.body.id)).currentState.timedOutProcesses).toContain(id);
    const failed = await detail(id);
    expect(failed).toMatchObject({
      status: 'failed',
      failedReason: 'Callback timed out',
      callbackProgress: { percent: 5 },
    });
    expect(failed.steps.filter((s: { status: string }) => s.status !== 'pending').at(-1)).toMatchObject({
      name: 'Order circuit',
      status: 'failed',
      error: { class: 'CallbackTimeoutError', message: 'Callback timed out' },
    });

    const before = handedOut.length;
    expect((await stack.request('PUT', `/api/processes/${id}/resume`)).status).toBe(204);
    await waitFor(async () => (await statusOf(id)) === 'awaiting_callback' && handedOut.length > before, {
      what: 'a new wait',
    });
    const fresh = pathOf(handedOut[before] ?? '');
    expect(fresh).not.toBe(path);
    expect((await detail(id)).callbackProgress).toBeNull();
    expect((await stack.request('POST', path, { vlan: 1 })).status).toBe(409);
    expect((await stack.request('POST', fresh, { vlan: 9 })).status).toBe(200);
    await waitFor(async () => (await statusOf(id)) === 'completed', { what: 'completion' });
  });

  it('resuming a process that awaits a callback runs the action again, and the old token is refused', async () => {
    const { id, path } = await awaitingProcess();
    const before = handedOut.length;
    expect((await stack.request('PUT', `/api/processes/${id}/resume`)).status).toBe(204);
    await waitFor(() => handedOut.length > before, { what: 'the action to run again' });
    await waitFor(async () => (await statusOf(id)) === 'awaiting_callback', { what: 'awaiting_callback' });
    expect((await stack.request('POST', path, { vlan: 1 })).status).toBe(409);
    expect((await stack.request('POST', pathOf(handedOut[before] ?? ''), { vlan: 2 })).status).toBe(200);
    await waitFor(async () => (await statusOf(id)) === 'completed', { what: 'completion' });
  });
});

describe('callback steps while the engine is paused', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [orderCircuit] });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  it('accepts the callback and its progress, holds the continuation, and runs it after unpausing', async () => {
    const before = handedOut.length;
    const { body } = await stack.request('POST', '/api/processes/order_circuit', { circuit: 'c-paused' });
    const id = body.id as string;
    const statusOf = async () => (await stack.request('GET', `/api/processes/${id}`)).body.status as string;
    await waitFor(async () => (await statusOf()) === 'awaiting_callback', { what: 'awaiting_callback' });
    const path = new URL(handedOut[before] ?? '').pathname;

    await stack.request('PUT', '/api/settings/status', { globalLock: true });
    expect((await stack.request('POST', `${path}/progress`, { percent: 50 })).status).toBe(200);
    expect((await stack.request('POST', path, { vlan: 5 })).status).toBe(200);
    await stack.stepQueueDrained('the held continuation to be dropped');
    expect(await statusOf()).toBe('running');
    expect((await stack.request('GET', '/api/settings/status')).body.globalStatus).toBe('PAUSED');

    await stack.request('PUT', '/api/settings/status', { globalLock: false });
    await waitFor(async () => (await statusOf()) === 'completed', { what: 'completion after unpausing' });
  });
});
