import { step } from '../dsl/steps';
import { createStepHarness, runScheduledSteps } from '../testing/step-harness';
import { defineWorkflow } from '../workflow';
import { workflowOutline, workflowVersion, type StepOutline } from './step-outline';

const wf = (steps: Parameters<typeof defineWorkflow>[0]['steps']) =>
  defineWorkflow({ name: 'versioned', target: 'SYSTEM', description: 'd', steps });
const mark = (name: string) => step(name, (state) => ({ ran: [...((state.ran as string[]) ?? []), name] }));

// The process started on v1 (Start, A, B, C, Done); the code is now v2.
const v1 = wf([mark('A'), mark('B'), mark('C')]);

function harnessOn(code: ReturnType<typeof wf>, stepIndex: number) {
  const h = createStepHarness([code]);
  const recorded = new Map<string, readonly StepOutline[]>([[workflowVersion(v1), workflowOutline(v1)]]);
  const deps = { ...h.deps, versions: { outlineOf: async (_name: string, version: string) => recorded.get(version) } };
  h.store.seedProcess({
    processId: 'p',
    workflowName: 'versioned',
    workflowVersion: workflowVersion(v1),
    status: 'running',
    stepIndex,
    state: { ran: [] },
  });
  return { h, deps };
}

describe('executing a step of a process pinned to an older version', () => {
  it("runs the version's remaining steps with the code's functions, not a step added since", async () => {
    const v2 = wf([mark('A'), mark('B'), mark('Added'), mark('C')]);
    const { h, deps } = harnessOn(v2, 2);
    await h.deps.scheduler.schedule({ processId: 'p', version: 0 }, 0);
    await runScheduledSteps(deps);
    expect(h.store.process('p')).toMatchObject({ status: 'completed', state: { ran: ['B', 'C'] } });
    expect(h.store.rowsOf('p').map((r) => r.name)).toEqual(['B', 'C', 'Done']);
  });

  it('fails the step with WORKFLOW_CHANGED, naming the missing steps, instead of running a wrong one', async () => {
    const v2 = wf([mark('A'), mark('C')]);
    const { h, deps } = harnessOn(v2, 2);
    await h.deps.scheduler.schedule({ processId: 'p', version: 0 }, 0);
    const [execution] = await runScheduledSteps(deps);
    expect(execution).toMatchObject({ kind: 'committed', status: 'failed' });
    const [row] = h.store.rowsOf('p');
    expect(row).toMatchObject({ name: 'B', status: 'failed', state: { ran: [] } });
    expect(row?.error?.message).toMatch(/^WORKFLOW_CHANGED: .*\(B\)/);
    expect(h.store.process('p').failedReason).toMatch(/WORKFLOW_CHANGED/);
  });
});
