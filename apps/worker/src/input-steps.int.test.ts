import { z } from 'zod';
import { ProcessCommands } from '@orchestrator/db';
import { defineWorkflow, inputStep, step } from '@orchestrator/engine';
import { startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';

const confirmPort = defineWorkflow({
  name: 'confirm_port',
  target: 'SYSTEM',
  description: 'asks an engineer to confirm a port, with a form that depends on the state',
  input: z.object({ ports: z.array(z.string()).min(1) }),
  steps: [
    step('Find ports', (state) => ({ found: state.ports.length })),
    inputStep('Choose port', {
      form: (state) => z.object({ port: z.enum(state.ports as [string, ...string[]]), confirmed: z.literal(true) }),
      assignee: 'NOC',
    }),
    step('Configure port', (state) => ({ configured: `${String(state.port)} configured` })),
  ],
});

describe('input steps', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [confirmPort] });
    await stack.startWorker();
  });
  afterAll(() => stack.stop());

  const detail = async (id: string) => (await stack.request('GET', `/api/processes/${id}`)).body;
  const suspendedProcess = async () => {
    const { body } = await stack.request('POST', '/api/processes/confirm_port', { ports: ['xe-0/0/1', 'xe-0/0/2'] });
    const id = body.id as string;
    await waitFor(async () => (await detail(id)).status === 'suspended', { what: 'the process to suspend' });
    return id;
  };
  const counts = async (id: string) =>
    (
      await stack.sql<{ version: number; inputs: number; rows: number }>(
        `SELECT version,
                (SELECT count(*)::int FROM input_states WHERE process_id = $1 AND input_type = 'user_input') AS inputs,
                (SELECT count(*)::int FROM process_steps WHERE process_id = $1) AS rows
           FROM processes WHERE process_id = $1`,
        [id],
      )
    )[0];

  it('suspends with the form as JSON Schema built from the state, and the assignee on the process', async () => {
    const id = await suspendedProcess();
    const process = await detail(id);
    expect(process).toMatchObject({ status: 'suspended', assignee: 'NOC', lastStep: 'Choose port' });
    expect(process.form).toMatchObject({
      type: 'object',
      properties: { port: { enum: ['xe-0/0/1', 'xe-0/0/2'] }, confirmed: { const: true } },
      required: ['port', 'confirmed'],
    });
    expect(process.steps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ['Start', 'success'],
      ['Find ports', 'success'],
      ['Choose port', 'suspend'],
      ['Choose port', 'pending'],
      ['Configure port', 'pending'],
      ['Done', 'pending'],
    ]);
    const list = await stack.request('GET', `/api/processes?status=suspended`);
    expect(list.body.items.find((item: { id: string }) => item.id === id)).toMatchObject({ assignee: 'NOC' });
  });

  it('refuses an answer that does not match the form with 400 and details, and writes nothing', async () => {
    const id = await suspendedProcess();
    const before = await counts(id);
    const res = await stack.request('PUT', `/api/processes/${id}/resume`, { port: 'ge-9/9/9' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['confirmed', 'port']);
    const empty = await stack.request('PUT', `/api/processes/${id}/resume`);
    expect(empty.status).toBe(400);
    expect(await counts(id)).toEqual(before);
    expect(await detail(id)).toMatchObject({ status: 'suspended' });
  });

  it('takes a valid answer: records who answered, merges it into the state and runs on to completion', async () => {
    const id = await suspendedProcess();
    const res = await stack.request(
      'PUT',
      `/api/processes/${id}/resume`,
      { port: 'xe-0/0/2', confirmed: true },
      await stack.as('engineer@noc'),
    );
    expect(res.status).toBe(204);
    await waitFor(async () => (await detail(id)).status === 'completed', { what: 'completion' });
    const process = await detail(id);
    expect(process).toMatchObject({ assignee: 'SYSTEM', form: null });
    expect(process.currentState).toMatchObject({
      port: 'xe-0/0/2',
      confirmed: true,
      configured: 'xe-0/0/2 configured',
    });
    expect(process.steps.map((s: { name: string; status: string; createdBy: string }) => [s.name, s.status])).toEqual([
      ['Start', 'success'],
      ['Find ports', 'success'],
      ['Choose port', 'suspend'],
      ['Choose port', 'success'],
      ['Configure port', 'success'],
      ['Done', 'complete'],
    ]);
    expect(process.steps[3]).toMatchObject({ createdBy: 'engineer@noc', state: { port: 'xe-0/0/2' } });
    expect(
      await stack.sql(
        `SELECT state, created_by FROM input_states WHERE process_id = $1 AND input_type = 'user_input'`,
        [id],
      ),
    ).toEqual([{ state: { port: 'xe-0/0/2', confirmed: true }, created_by: 'engineer@noc' }]);
  });

  it('aborts a suspended process, after which an answer is refused with 409 and nothing is written', async () => {
    const id = await suspendedProcess();
    expect((await stack.request('PUT', `/api/processes/${id}/abort`, undefined, await stack.as('ops'))).status).toBe(
      204,
    );
    const before = await counts(id);
    const res = await stack.request('PUT', `/api/processes/${id}/resume`, { port: 'xe-0/0/1', confirmed: true });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_PROCESS_STATUS');
    expect(await counts(id)).toEqual(before);
    const process = await detail(id);
    expect(process).toMatchObject({ status: 'aborted', form: null });
    expect(process.steps.at(-1)).toMatchObject({ name: 'User Aborted', status: 'abort', createdBy: 'ops' });
  });

  it('lets exactly one of two concurrent answers through', async () => {
    const id = await suspendedProcess();
    const answers = await Promise.all(
      ['xe-0/0/1', 'xe-0/0/2'].map((port) =>
        stack.request('PUT', `/api/processes/${id}/resume`, { port, confirmed: true }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([204, 409]);
    await waitFor(async () => (await detail(id)).status === 'completed', { what: 'completion' });
    expect((await counts(id))?.inputs).toBe(1);
  });
});

const lastQuestion = defineWorkflow({
  name: 'last_question',
  target: 'SYSTEM',
  description: 'an input step right before Done',
  steps: [inputStep('Sign off', { form: z.object({ signedOffBy: z.string().min(1) }) })],
});

describe('input steps without a worker running', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [lastQuestion] });
  });
  afterAll(() => stack.stop());

  const detail = async (id: string) => (await stack.request('GET', `/api/processes/${id}`)).body;

  it('shows `resumed` after an answer until a worker picks the process up, then completes through Done', async () => {
    const id = (await stack.request('POST', '/api/processes/last_question', {})).body.id as string;
    const worker = await stack.startWorker();
    await waitFor(async () => (await detail(id)).status === 'suspended', { what: 'suspended' });
    await worker.stop();
    stack.workers.splice(stack.workers.indexOf(worker), 1);

    expect((await stack.request('PUT', `/api/processes/${id}/resume`, { signedOffBy: 'lead' })).status).toBe(204);
    expect(await detail(id)).toMatchObject({ status: 'resumed', lastStep: 'Sign off', form: null });
    await stack.startWorker();
    await waitFor(async () => (await detail(id)).status === 'completed', { what: 'completion' });
    expect((await detail(id)).steps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ['Start', 'success'],
      ['Sign off', 'suspend'],
      ['Sign off', 'success'],
      ['Done', 'complete'],
    ]);
  });

  it('fences a resume on the version it read: a process that moved on meanwhile is not resumed', async () => {
    await Promise.all(stack.workers.splice(0).map((worker) => worker.stop()));
    const id = (await stack.request('POST', '/api/processes/last_question', {})).body.id as string;
    await stack.sql(`UPDATE processes SET status = 'failed' WHERE process_id = $1`, [id]);
    const commands = new ProcessCommands(stack.booted.dataSource);
    expect(await commands.resume(id, 'ops', 7, null)).toEqual({ kind: 'invalid_status', status: 'failed' });
    expect(await detail(id)).toMatchObject({ status: 'failed' });
    expect(await commands.resume(id, 'ops', 0, null)).toEqual({ kind: 'moved', version: 1 });
  });
});
