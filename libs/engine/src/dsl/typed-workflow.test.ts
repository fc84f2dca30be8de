import { z } from 'zod';
import { formJsonSchema } from '../interaction';
import type { State } from '../state';
import type { StepDefinition, StepFunction } from '../step-types';
import { workflowsHarness } from '../testing';
import { defineWorkflow, type WorkflowDefinition } from '../workflow';
import { callbackStep, inputStep } from './interaction-steps';
import { abortStep, conditional, focusSteps, retryStep, step, stepGroup } from './steps';
import { createWorkflow, modifyWorkflow, task, terminateWorkflow, validateWorkflow } from './subscription-workflows';
import { workflow } from './typed-workflow';

// The typed builder builds the very WorkflowDefinition the array DSL builds: each workflow here has an
// array-DSL twin, compared step by step, condition by condition and run by run.

/** A definition as data: everything but the functions, which are compared by what they do. */
function shapeOf(definition: WorkflowDefinition) {
  const { steps, input, startPredicate, ...rest } = definition;
  return {
    ...rest,
    input: input ? z.toJSONSchema(input) : undefined,
    startPredicate: typeof startPredicate,
    steps: steps.map(stepShape),
  };
}

function stepShape(definition: StepDefinition): unknown {
  const shape = Object.fromEntries(
    Object.entries(definition).map(([key, value]) => [key, typeof value === 'function' ? 'function' : value]),
  );
  return definition.kind === 'group' ? { ...shape, steps: definition.steps.map(stepShape) } : shape;
}

/** Which steps (and sub-steps) would run on each state. */
function conditionsOn(definition: WorkflowDefinition, states: State[]): boolean[][] {
  const flat = definition.steps.flatMap((s) => (s.kind === 'group' ? [s, ...s.steps] : [s]));
  return states.map((state) => flat.map((s) => s.when?.(state) ?? true));
}

async function runOf(definition: WorkflowDefinition, input: State) {
  const h = workflowsHarness([definition]);
  await h.start(definition.name, input);
  await h.runScheduledSteps();
  return { steps: h.steps(), process: h.store.process('p-1') };
}

const portInput = z.object({ device: z.string(), dryRun: z.boolean(), speed: z.enum(['1G', '10G']) });
const options = { name: 'provision_port', target: 'SYSTEM', description: 'Reserve a port', input: portInput } as const;
const reserve = (s: { device: string }) => ({ port: { device: s.device, number: 7 } });
const namePort = (p: { device: string; number: number }) => ({ name: `${p.device}/${p.number}` });
const report: StepFunction = (s) => ({ report: `${String(s.port?.name)} mtu ${String(s.mtu ?? 1500)}` });

const typedPort = workflow(options)
  .step('Reserve port', reserve)
  .retryStep('Call inventory', () => ({ registered: true }), { maxAttempts: 3, backoffMs: 10 })
  .conditional(
    (s) => s.speed === '10G',
    (steps) => steps.step('Enable jumbo frames', () => ({ mtu: 9000 })),
  )
  .focusSteps('port', (port) =>
    port.step('Name port', namePort).conditional(
      (p) => p.number > 5,
      (high) => high.step('Mark high', () => ({ high: true })),
    ),
  )
  .conditional(
    (s) => !s.dryRun,
    (steps) => steps.focusSteps('port', (port) => port.step('Enable port', () => ({ enabled: true }))),
  )
  .stepGroup('Configure', (group) =>
    group
      .step('Push config', () => ({ pushed: true }))
      .conditional(
        (s) => s.speed === '1G',
        (slow) => slow.step('Limit rate', () => ({ limited: true })),
      ),
  )
  .step('Report', report)
  .conditional(
    (s) => s.dryRun,
    (steps) => steps.abortStep('Stop after dry run'),
  )
  .step('Finish', () => ({ finished: true }))
  .build();

const arrayPort = defineWorkflow({
  ...options,
  steps: [
    step('Reserve port', (s) => reserve({ device: String(s.device) })),
    retryStep('Call inventory', () => ({ registered: true }), { maxAttempts: 3, backoffMs: 10 }),
    ...conditional((s) => s.speed === '10G', [step('Enable jumbo frames', () => ({ mtu: 9000 }))]),
    ...focusSteps('port', [
      step('Name port', (p) => namePort({ device: String(p.device), number: Number(p.number) })),
      ...conditional((p) => Number(p.number) > 5, [step('Mark high', () => ({ high: true }))]),
    ]),
    ...conditional((s) => !s.dryRun, focusSteps('port', [step('Enable port', () => ({ enabled: true }))])),
    stepGroup('Configure', [
      step('Push config', () => ({ pushed: true })),
      ...conditional((s) => s.speed === '1G', [step('Limit rate', () => ({ limited: true }))]),
    ]),
    step('Report', report),
    ...conditional((s) => s.dryRun === true, [abortStep('Stop after dry run')]),
    step('Finish', () => ({ finished: true })),
  ],
});

const sampleStates: State[] = [
  { device: 'r1', dryRun: true, speed: '10G', port: { device: 'r1', number: 7 } },
  { device: 'r1', dryRun: false, speed: '1G', port: { device: 'r1', number: 3 } },
  { device: 'r1', dryRun: false, speed: '10G' },
];

describe('a workflow of the typed builder', () => {
  it('has the same steps as its array-DSL twin: names, kinds, focus, retry policy', () => {
    expect(shapeOf(typedPort)).toEqual(shapeOf(arrayPort));
    expect(typedPort.steps.map((s) => [s.name, s.kind, s.focus])).toContainEqual(['Enable port', 'step', ['port']]);
  });

  it('has conditions that decide the same as its twin, also inside focus and groups', () => {
    expect(conditionsOn(typedPort, sampleStates)).toEqual(conditionsOn(arrayPort, sampleStates));
    expect(conditionsOn(typedPort, sampleStates)).not.toEqual(sampleStates.map(() => typedPort.steps.map(() => true)));
  });

  it.each([
    { device: 'r1', dryRun: true, speed: '10G' },
    { device: 'r2', dryRun: false, speed: '1G' },
  ])('runs like its twin on %p: the same rows and the same state', async (input) => {
    const typed = await runOf(typedPort, input);
    expect(typed).toEqual(await runOf(arrayPort, input));
    expect(typed.process.status).toBe(input.dryRun ? 'aborted' : 'completed');
  });

  it('builds input and callback steps as the array DSL does, validation step included', () => {
    const form = z.object({ ok: z.boolean() });
    const order = async () => ({ ordered: true });
    const check = () => ({ checked: true });
    const typed = workflow({ name: 'order_circuit', target: 'SYSTEM', description: 'x' })
      .step('Plan', () => ({ circuit: { speeds: ['1G'] } }))
      .inputStep('Confirm', { form, assignee: 'NOC' })
      .focusSteps('circuit', (circuit) =>
        circuit
          .inputStep('Speed', { form: (c) => z.object({ speed: z.enum(c.speeds as [string]) }) })
          .callbackStep('Order', { action: order, validate: check, resultKey: 'provider', timeoutMs: 60000 }),
      )
      .build();
    const twin = defineWorkflow({
      name: 'order_circuit',
      target: 'SYSTEM',
      description: 'x',
      steps: [
        step('Plan', () => ({ circuit: { speeds: ['1G'] } })),
        inputStep('Confirm', { form, assignee: 'NOC' }),
        ...focusSteps('circuit', [
          inputStep('Speed', { form: (c) => z.object({ speed: z.enum(c.speeds as [string]) }) }),
          callbackStep('Order', { action: order, validate: check, resultKey: 'provider', timeoutMs: 60000 }),
        ]),
      ],
    });
    expect(shapeOf(typed)).toEqual(shapeOf(twin));
    const forms = (definition: WorkflowDefinition) =>
      definition.steps.flatMap((s) => (s.kind === 'input' ? [formJsonSchema(s, { circuit: { speeds: ['1G'] } })] : []));
    expect(forms(typed)).toEqual(forms(twin));
  });
});

describe('time-outs in the typed builder', () => {
  it('declares timeoutMs on step, retryStep and stepGroup as the array DSL does', () => {
    const work: StepFunction = () => ({ done: true });
    const typed = workflow({ name: 'timed', target: 'SYSTEM', description: 'x' })
      .step('Push', () => ({ pushed: true }), { timeoutMs: 60000 })
      .retryStep('Poll', work, { maxAttempts: 3, timeoutMs: 5000 })
      .stepGroup('Both', (group) => group.step('A', work).step('B', work), { timeoutMs: 9000 })
      .build();
    const twin = defineWorkflow({
      name: 'timed',
      target: 'SYSTEM',
      description: 'x',
      steps: [
        step('Push', work, { timeoutMs: 60000 }),
        retryStep('Poll', work, { maxAttempts: 3, timeoutMs: 5000 }),
        stepGroup('Both', [step('A', work), step('B', work)], { timeoutMs: 9000 }),
      ],
    });
    expect(shapeOf(typed)).toEqual(shapeOf(twin));
    expect(typed.steps.map((s) => ('timeoutMs' in s ? s.timeoutMs : undefined))).toEqual([
      undefined,
      60000,
      5000,
      9000,
      undefined,
    ]);
  });
});

describe('the typed subscription wrappers', () => {
  const input = z.object({ number: z.number().int() });
  const work = () => ({ worked: true });

  const common = { name: 'change_port', description: 'x', product: 'port', input, allowOutOfSync: true };
  it.each([
    ['modify', (options: typeof common) => workflow.modify(options), modifyWorkflow],
    ['terminate', (options: typeof common) => workflow.terminate(options), terminateWorkflow],
    ['validate', (options: typeof common) => workflow.validate(options), validateWorkflow],
  ] as const)('build a %s workflow as its array-DSL wrapper does', (_kind, typed, wrapper) => {
    expect(shapeOf(typed(common).step('Work', work).build())).toEqual(
      shapeOf(wrapper({ ...common, steps: [step('Work', work)] })),
    );
  });

  it('builds a modify workflow with another target, and without an input, as modifyWorkflow does', () => {
    const common = { name: 'reconcile_port', description: 'x', target: 'RECONCILE' } as const;
    expect(shapeOf(workflow.modify(common).step('Work', work).build())).toEqual(
      shapeOf(modifyWorkflow({ ...common, steps: [step('Work', work)] })),
    );
  });

  it('builds a create workflow and a task as createWorkflow and task do', () => {
    const created = { name: 'create_port', description: 'x', product: 'port', input };
    expect(
      shapeOf(
        workflow
          .create(created)
          .step('Create', () => ({ subscriptionId: 'id' }))
          .build(),
      ),
    ).toEqual(shapeOf(createWorkflow({ ...created, steps: [step('Create', () => ({ subscriptionId: 'id' }))] })));
    const counted = { name: 'task_count', description: 'x', input, target: 'RECONCILE' } as const;
    expect(shapeOf(workflow.task(counted).step('Work', work).build())).toEqual(
      shapeOf(task({ ...counted, steps: [step('Work', work)] })),
    );
  });

  it('keeps the start predicate, which the API calls with the validated input', async () => {
    const built = workflow
      .modify({ name: 'modify_port', description: 'x', input, startPredicate: (i) => i.number > 0 || 'no port 0' })
      .build();
    const context = { subscription: null } as unknown as Parameters<NonNullable<typeof built.startPredicate>>[1];
    expect(await built.startPredicate?.({ number: 0 }, context)).toBe('no port 0');
    expect(await built.startPredicate?.({ number: 3 }, context)).toBe(true);
  });

  it('builds a fresh definition each time, so a chain can be shared as the start of several workflows', () => {
    const shared = workflow({ name: 'shared_start', target: 'SYSTEM', description: 'x' }).step('Common', work);
    const one = shared.step('One', work).build();
    const two = shared.step('Two', work).build();
    expect(one.steps.map((s) => s.name)).toEqual(['Start', 'Common', 'One', 'Done']);
    expect(two.steps.map((s) => s.name)).toEqual(['Start', 'Common', 'Two', 'Done']);
  });
});
