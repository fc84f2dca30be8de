import { z } from 'zod';
import { defineProduct, ProductRegistry } from '../products';
import { defineWorkflow, stepNames } from '../workflow';
import { step, stepGroup } from './steps';
import { createWorkflow, modifyWorkflow, task, terminateWorkflow, validateWorkflow } from './subscription-workflows';

const work = [step('Do the work', () => ({}))];

describe('subscription workflow wrappers', () => {
  it('reads like a sentence: lock, your steps, set status where relevant, unlock', () => {
    expect(stepNames(createWorkflow({ name: 'create_x', description: 'c', steps: work }))).toEqual([
      'Start',
      'Do the work',
      'Set subscription active',
      'Unlock subscription',
      'Done',
    ]);
    expect(stepNames(modifyWorkflow({ name: 'modify_x', description: 'm', steps: work }))).toEqual([
      'Start',
      'Lock subscription',
      'Do the work',
      'Unlock subscription',
      'Done',
    ]);
    expect(stepNames(terminateWorkflow({ name: 'terminate_x', description: 't', steps: work }))).toEqual([
      'Start',
      'Lock subscription',
      'Do the work',
      'Set subscription terminated',
      'Unlock subscription',
      'Done',
    ]);
    expect(stepNames(validateWorkflow({ name: 'validate_x', description: 'v', steps: work }))).toEqual([
      'Start',
      'Lock subscription',
      'Do the work',
      'Unlock subscription',
      'Done',
    ]);
  });

  it('sets the target, the product and the start-time lock', () => {
    const modify = modifyWorkflow({ name: 'modify_x', description: 'm', product: 'x', steps: work });
    expect(modify).toMatchObject({
      target: 'MODIFY',
      product: 'x',
      subscription: { lockOnStart: true, allowOutOfSync: false },
    });
    expect(modifyWorkflow({ name: 'reconcile_x', description: 'r', target: 'RECONCILE', steps: work }).target).toBe(
      'RECONCILE',
    );
    expect(terminateWorkflow({ name: 't_x', description: 't', allowOutOfSync: true, steps: work })).toMatchObject({
      target: 'TERMINATE',
      subscription: { allowOutOfSync: true },
    });
    expect(validateWorkflow({ name: 'v_x', description: 'v', steps: work }).target).toBe('VALIDATE');
    expect(createWorkflow({ name: 'c_x', description: 'c', steps: work }).subscription).toBeUndefined();
  });

  it('adds subscriptionId (and an optional version) to the input', () => {
    const input = modifyWorkflow({
      name: 'modify_x',
      description: 'm',
      input: z.object({ colour: z.string() }),
      steps: work,
    }).input!;
    const id = '6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(input.safeParse({ subscriptionId: id, colour: 'red', version: 3 }).success).toBe(true);
    expect(input.safeParse({ colour: 'red' }).success).toBe(false);
    expect(input.safeParse({ subscriptionId: 'nope', colour: 'red' }).success).toBe(false);
    expect(input.safeParse({ subscriptionId: id }).success).toBe(false);
    const free = modifyWorkflow({ name: 'modify_y', description: 'm', steps: work }).input!;
    expect(free.parse({ subscriptionId: id, anything: 1 })).toEqual({ subscriptionId: id, anything: 1 });
  });

  it('refuses an input schema that is not an object', () => {
    expect(() => modifyWorkflow({ name: 'modify_x', description: 'm', input: z.string(), steps: work })).toThrow(
      /must be a z.object/,
    );
  });

  it('makes a task a SYSTEM task unless told', () => {
    expect(task({ name: 'task_x', description: 't', steps: work })).toMatchObject({ isTask: true, target: 'SYSTEM' });
  });
});

describe('defineProduct', () => {
  const data = z.object({ a: z.string() });

  it('fills in defaults', () => {
    const product = defineProduct({
      name: 'x',
      productType: 'X',
      tag: 'X',
      description: 'x',
      data,
      workflows: ['a', 'a'],
    });
    expect(product).toMatchObject({ status: 'active', fixedInputs: {}, workflows: ['a'] });
  });

  it('refuses a name that is not snake_case, an empty field and a data that is not a schema', () => {
    const base = { productType: 'X', tag: 'X', description: 'x', data, workflows: [] };
    expect(() => defineProduct({ ...base, name: 'Not Snake' })).toThrow(/snake_case/);
    expect(() => defineProduct({ ...base, name: 'x', tag: ' ' })).toThrow(/tag/);
    expect(() => defineProduct({ ...base, name: 'x', data: {} as never })).toThrow(/zod schema/);
  });

  it('refuses two different products with one name in a registry', () => {
    const one = defineProduct({ name: 'x', productType: 'X', tag: 'X', description: 'x', data, workflows: [] });
    const two = defineProduct({ name: 'x', productType: 'X', tag: 'X', description: 'x', data, workflows: [] });
    expect(() => new ProductRegistry([one, two])).toThrow(/defined twice/);
    expect(new ProductRegistry([one, one]).all()).toEqual([one]);
  });
});

describe('author mistakes found when a workflow is defined', () => {
  it('refuses a step name used twice, naming the workflow and the step', () => {
    const twice = () =>
      defineWorkflow({
        name: 'twice',
        target: 'SYSTEM',
        description: 'd',
        steps: [step('Work', () => undefined), step('Work', () => undefined)],
      });
    expect(twice).toThrow('workflow "twice": step "Work" is used twice; give each step its own name');
  });

  it("refuses a step named like one of the wrapper's own steps", () => {
    expect(() =>
      modifyWorkflow({ name: 'modify_x', description: 'm', steps: [step('Lock subscription', () => undefined)] }),
    ).toThrow('workflow "modify_x": step "Lock subscription" is used twice');
  });

  it('refuses a step name used twice inside a group', () => {
    expect(() =>
      defineWorkflow({
        name: 'grouped',
        target: 'SYSTEM',
        description: 'd',
        steps: [stepGroup('Configure', [step('Push', () => undefined), step('Push', () => undefined)])],
      }),
    ).toThrow('workflow "grouped" group "Configure": step "Push" is used twice');
  });

  it.each([
    ['a string', z.string(), '"string"'],
    ['an array', z.array(z.object({ a: z.string() })), '"array"'],
    ['a union with a number', z.union([z.object({ a: z.string() }), z.number()]), '"number"'],
  ])('refuses an input schema of %s, naming the workflow', (_what, input, type) => {
    expect(() => defineWorkflow({ name: 'typed_input', target: 'SYSTEM', description: 'd', input, steps: [] })).toThrow(
      `workflow "typed_input": input must be an object schema such as z.object({...}), not one of type ${type}`,
    );
  });

  it('accepts object schemas however they are built', () => {
    const inputs = [
      z.object({ a: z.string() }).refine((v) => v.a !== ''),
      z.object({ a: z.string() }).transform((v) => ({ ...v, b: 1 })),
      z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]),
      z.record(z.string(), z.number()),
    ];
    for (const input of inputs) {
      expect(() => defineWorkflow({ name: 'ok', target: 'SYSTEM', description: 'd', input, steps: [] })).not.toThrow();
    }
  });
});
