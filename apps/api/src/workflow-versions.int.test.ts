import { z } from 'zod';
import {
  callbackStep,
  defineWorkflow,
  inputStep,
  step,
  workflowVersion,
  type StepDefinition,
} from '@orchestrator/engine';
import {
  processWhen,
  startedProcess,
  startTestStack,
  waitFor,
  type Deployment,
  type TestStack,
} from '@orchestrator/test-stack';
import { expectError } from './api-test-support';

// ENGINE.md 14.3. Processes start on v1 of `versioned`; "changing the code" is a deployment of another
// definition of the same name on the same database and queues (stack.deploy), whose API and worker then
// take over (the v1 worker is stopped first, so that only the changed code runs steps).
const mark = (name: string) => step(name, (state) => ({ ran: [...((state.ran as string[] | undefined) ?? []), name] }));
const confirm = () => inputStep('Confirm', { form: z.object({ ok: z.boolean() }) });
const versioned = (steps: StepDefinition[]) =>
  defineWorkflow({ name: 'versioned', target: 'SYSTEM', description: 'changes between deployments', steps });

const v1 = versioned([mark('A'), confirm(), mark('B'), mark('C')]);
const callMeBack = () => callbackStep('Call back', { action: (_state, ctx) => ({ url: ctx.callbackUrl }) });
const withCallback = (steps: StepDefinition[]) =>
  defineWorkflow({ name: 'called_back', target: 'SYSTEM', description: 'waits for a callback', steps });
const callbackV1 = withCallback([mark('A'), callMeBack(), mark('B')]);
const doomed = defineWorkflow({
  name: 'doomed',
  target: 'SYSTEM',
  description: 'removed in the next deployment',
  steps: [confirm(), mark('X')],
});

interface ProcessRow {
  status: string;
  version: number;
  step_index: number;
  workflow_version: string | null;
  rows: number;
}

describe('workflow versions: processes pinned to the step list they started with', () => {
  let stack: TestStack;

  beforeEach(async () => {
    stack = await startTestStack({ workflows: [v1, doomed, callbackV1] });
    await stack.startWorker();
  });
  afterEach(() => stack.stop());

  /** A v1 process waiting at Confirm (after Start and A). */
  async function suspendedOnV1(workflow = 'versioned'): Promise<string> {
    const id = await startedProcess(stack, workflow, {});
    await processWhen(stack, id, 'suspended');
    return id;
  }

  /** Stops the workers of the old code; from now on only the deployment's workers run steps. */
  async function deployed(workflows: StepDefinition[][] | null, extra = [doomed, callbackV1]): Promise<Deployment> {
    for (const worker of stack.workers.splice(0)) await worker.stop();
    const deployment = await stack.deploy([...(workflows ?? []).map(versioned), ...extra]);
    await deployment.startWorker();
    return deployment;
  }

  const processRow = async (id: string) =>
    (
      await stack.sql<ProcessRow>(
        `SELECT status, version, step_index, workflow_version,
                (SELECT count(*)::int FROM process_steps s WHERE s.process_id = p.process_id) AS rows
           FROM processes p WHERE process_id = $1`,
        [id],
      )
    )[0];

  const stepNamesOf = async (id: string) =>
    (
      await stack.sql<{ name: string; status: string }>(
        `SELECT name, status FROM process_steps WHERE process_id = $1 ORDER BY seq`,
        [id],
      )
    ).map((row) => `${row.name}:${row.status}`);

  it('pins a started process to the version of its step list, shown in the detail and recorded at registration', async () => {
    const id = await suspendedOnV1();
    const detail = (await stack.request('GET', `/api/processes/${id}`)).body;
    expect(detail.workflowVersion).toBe(workflowVersion(v1));
    expect(workflowVersion(v1)).toMatch(/^[0-9a-f]{16}$/);
    const recorded = await stack.sql<{ steps: unknown }>(
      `SELECT steps FROM workflow_versions WHERE workflow_name = 'versioned' AND version = $1`,
      [workflowVersion(v1)],
    );
    expect(recorded[0]?.steps).toEqual([
      { name: 'Start', kind: 'start' },
      { name: 'A', kind: 'step' },
      { name: 'Confirm', kind: 'input' },
      { name: 'B', kind: 'step' },
      { name: 'C', kind: 'step' },
      { name: 'Done', kind: 'done' },
    ]);
  });

  it('resumes a suspended process after a step was added after its position: it runs its own version', async () => {
    const id = await suspendedOnV1();
    const next = await deployed([[mark('A'), confirm(), mark('B'), mark('Added'), mark('C')]]);
    expect((await next.request('PUT', `/api/processes/${id}/resume`, { ok: true })).status).toBe(204);
    await waitFor(async () => (await processRow(id))?.status === 'completed', { what: 'the process to complete' });
    const detail = (await next.request('GET', `/api/processes/${id}`)).body;
    expect(detail.currentState.ran).toEqual(['A', 'B', 'C']);
    expect(await stepNamesOf(id)).toEqual([
      'Start:success',
      'A:success',
      'Confirm:suspend',
      'Confirm:success',
      'B:success',
      'C:success',
      'Done:complete',
    ]);
    expect(detail.workflowVersion).toBe(workflowVersion(v1));
  });

  it('resumes a suspended process after a step before its position was removed', async () => {
    const id = await suspendedOnV1();
    const next = await deployed([[confirm(), mark('B'), mark('C')]]);
    const pending = (await next.request('GET', `/api/processes/${id}`)).body.steps.filter(
      (s: { status: string }) => s.status === 'pending',
    );
    expect(pending.map((s: { name: string }) => s.name)).toEqual(['Confirm', 'B', 'C', 'Done']);
    expect((await next.request('PUT', `/api/processes/${id}/resume`, { ok: true })).status).toBe(204);
    await waitFor(async () => (await processRow(id))?.status === 'completed', { what: 'the process to complete' });
    expect((await next.request('GET', `/api/processes/${id}`)).body.currentState.ran).toEqual(['A', 'B', 'C']);
  });

  it('refuses to resume with 409 WORKFLOW_CHANGED naming the missing steps, writing nothing', async () => {
    const id = await suspendedOnV1();
    const next = await deployed([[mark('A'), confirm(), mark('C')]]);
    const before = await processRow(id);
    const audits = await stack.sql(`SELECT count(*)::int AS n FROM audit_events`);
    const res = await next.request('PUT', `/api/processes/${id}/resume`, { ok: true });
    expectError(res, 409, 'WORKFLOW_CHANGED');
    expect(res.body.error.details).toEqual([{ path: 'B', message: expect.any(String) }]);
    expect(res.body.error.message).toMatch(/\(B\)/);
    expect(await processRow(id)).toEqual(before);
    expect(await stack.sql(`SELECT count(*)::int AS n FROM audit_events`)).toEqual(audits);
  });

  it('migrates with a valid mapping (admin, audited in the same change), after which resume completes', async () => {
    const id = await suspendedOnV1();
    const v2 = [mark('A'), confirm(), mark('B2'), mark('C')];
    const next = await deployed([v2]);
    const res = await next.request('POST', `/api/processes/${id}/migrate`, { mapping: { B: 'B2' } });
    expect(res).toEqual({
      status: 200,
      body: { workflowVersion: workflowVersion(versioned(v2)), nextStep: 'Confirm' },
    });
    expect(await processRow(id)).toMatchObject({
      status: 'suspended',
      step_index: 2,
      workflow_version: workflowVersion(versioned(v2)),
    });
    const [audit] = await stack.sql<{ actor: string; details: Record<string, unknown> }>(
      `SELECT actor, details FROM audit_events WHERE action = 'process.migrate' AND target_id = $1`,
      [id],
    );
    expect(audit).toMatchObject({
      actor: 'admin',
      details: {
        fromWorkflowVersion: workflowVersion(v1),
        toWorkflowVersion: workflowVersion(versioned(v2)),
        mapping: { B: 'B2' },
        nextStep: 'Confirm',
      },
    });

    expect((await next.request('PUT', `/api/processes/${id}/resume`, { ok: true })).status).toBe(204);
    await waitFor(async () => (await processRow(id))?.status === 'completed', { what: 'the process to complete' });
    expect((await next.request('GET', `/api/processes/${id}`)).body.currentState.ran).toEqual(['A', 'B2', 'C']);
  });

  it('refuses invalid mappings with 400 and details, and a non-admin with 403, writing nothing', async () => {
    const id = await suspendedOnV1();
    const next = await deployed([[mark('A'), confirm(), mark('B2'), mark('C')]]);
    const before = await processRow(id);
    const migrate = (body: unknown, headers?: Record<string, string>) =>
      next.request('POST', `/api/processes/${id}/migrate`, body, headers);

    const unknownOld = await migrate({ mapping: { B: 'B2', Nope: null } });
    expectError(unknownOld, 400, 'VALIDATION_FAILED');
    expect(unknownOld.body.error.details).toEqual([{ path: 'mapping.Nope', message: expect.stringMatching(/Nope/) }]);
    const unknownNew = await migrate({ mapping: { B: 'Nowhere' } });
    expect(unknownNew.body.error.details).toEqual([{ path: 'mapping.B', message: expect.stringMatching(/Nowhere/) }]);
    const notCovering = await migrate({ mapping: {} });
    expectError(notCovering, 400, 'VALIDATION_FAILED');
    expect(notCovering.body.error.details).toEqual([{ path: 'mapping', message: expect.stringMatching(/"B"/) }]);
    expectError(await migrate({ mapping: { B: 7 } }), 400, 'VALIDATION_FAILED');
    expectError(await migrate({ mapping: { B: 'B2' } }, await stack.as('olga', 'operate')), 403, 'FORBIDDEN');

    expect(await processRow(id)).toEqual(before);
    // Only the refused attempt of the operator is on record (ENGINE.md 10.9).
    expect(await stack.sql(`SELECT actor, outcome FROM audit_events WHERE action = 'process.migrate'`)).toEqual([
      { actor: 'olga', outcome: 'denied' },
    ]);
  });

  it('fails a queued step safely (WORKFLOW_CHANGED recorded) when its version lacks the steps left to run', async () => {
    const id = await suspendedOnV1();
    const next = await deployed([[mark('A'), confirm(), mark('C')]]);
    // An API replica still on the old code takes the answer; a worker on the new code gets the next step.
    expect((await stack.request('PUT', `/api/processes/${id}/resume`, { ok: true })).status).toBe(204);
    const failed = await processWhen(stack, id, 'failed');
    expect(failed.failedReason).toMatch(/^WORKFLOW_CHANGED: .*\(B\)/);
    expect(failed.currentState.ran).toEqual(['A']);
    const last = failed.steps.filter((s: { status: string }) => s.status !== 'pending').at(-1);
    expect(last).toMatchObject({
      name: 'B',
      status: 'failed',
      error: { message: expect.stringMatching(/WORKFLOW_CHANGED/) },
    });

    // Dropping B moves the failed process on to C; the retry then completes it on the new version.
    expectError(await next.request('PUT', `/api/processes/${id}/resume`), 409, 'WORKFLOW_CHANGED');
    const migrated = await next.request('POST', `/api/processes/${id}/migrate`, { mapping: { B: null } });
    expect(migrated.body).toMatchObject({ nextStep: 'C' });
    expect((await next.request('PUT', `/api/processes/${id}/resume`)).status).toBe(204);
    const completed = await processWhen(stack, id, 'completed');
    expect(completed.currentState.ran).toEqual(['A', 'C']);
  });

  it('takes the callback of a pinned process at its step of its version, though the code moved that step', async () => {
    const id = await startedProcess(stack, 'called_back', {});
    const waiting = await processWhen(stack, id, 'awaiting_callback');
    const next = await deployed(
      [],
      [doomed, withCallback([step('Before', () => undefined), mark('A'), callMeBack(), mark('B')])],
    );
    const path = new URL(String(waiting.currentState.url)).pathname;
    expect((await next.request('POST', path, { answer: 42 })).status).toBe(200);
    const done = await processWhen(stack, id, 'completed');
    expect(done.currentState).toMatchObject({ ran: ['A', 'B'], callbackResult: { answer: 42 } });
  });

  it('keeps a process of a removed workflow readable; resume is 409 WORKFLOW_REMOVED', async () => {
    const id = await suspendedOnV1('doomed');
    const next = await deployed([v1.steps.slice(1, -1) as StepDefinition[]], []);
    const detail = await next.request('GET', `/api/processes/${id}`);
    expect(detail).toMatchObject({ status: 200, body: { id, workflowName: 'doomed', status: 'suspended' } });
    const listed = await next.request('GET', `/api/processes?workflowName=doomed`);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expectError(await next.request('PUT', `/api/processes/${id}/resume`, { ok: true }), 409, 'WORKFLOW_REMOVED');
    expectError(await next.request('POST', `/api/processes/${id}/migrate`, { mapping: {} }), 409, 'WORKFLOW_REMOVED');
  });

  it("lists each workflow's current version and how many unfinished processes run older ones", async () => {
    await suspendedOnV1();
    await suspendedOnV1();
    const finished = await suspendedOnV1();
    expect((await stack.request('PUT', `/api/processes/${finished}/abort`)).status).toBe(204);
    const v2 = [mark('A'), confirm(), mark('B'), mark('Added'), mark('C')];
    const next = await deployed([v2]);
    const listed = (await next.request('GET', '/api/workflows')).body as Record<string, unknown>[];
    expect(listed.find((w) => w.name === 'versioned')).toMatchObject({
      version: workflowVersion(versioned(v2)),
      processesOnOlderVersions: 2,
    });
    expect(listed.find((w) => w.name === 'doomed')).toMatchObject({
      version: workflowVersion(doomed),
      processesOnOlderVersions: 0,
    });
  });

  it('pins processes from before versions to the version registered at the next start-up', async () => {
    const id = await suspendedOnV1();
    await stack.sql(`UPDATE processes SET workflow_version = NULL WHERE process_id = $1`, [id]);
    await deployed([[mark('A'), confirm(), mark('B'), mark('Added'), mark('C')]]);
    expect((await processRow(id))?.workflow_version).toBe(
      workflowVersion(versioned([mark('A'), confirm(), mark('B'), mark('Added'), mark('C')])),
    );
  });
});
