import { z } from 'zod';
import { workflowsHarness } from '../testing';
import { typeOf } from '../testing/type-assertions';
import type { StartPredicate } from '../start-predicate';
import type { Subscription } from '../subscriptions';
import { stepNames } from '../workflow';
import { workflow } from './typed-workflow';

// Type tests of the typed builder's subscription wrappers and start predicates; see
// typed-workflow-types.test.ts for how they are checked.

const customer = z.object({ customerId: z.string() });

describe('the typed subscription wrappers', () => {
  it('add subscriptionId and an optional version to the input of the locking workflows', () => {
    const renumber = z.object({ number: z.number().int() });
    const locking = [
      workflow.modify({ name: 'modify_port', description: 'm', input: renumber }),
      workflow.terminate({ name: 'terminate_port', description: 't', input: renumber }),
      workflow.validate({ name: 'validate_port', description: 'v', input: renumber }),
    ].map((chain) =>
      chain
        .step('Work', (s) => {
          typeOf(s).is<Readonly<{ number: number; subscriptionId: string; version?: number }>>(true);
        })
        .build(),
    );
    expect(locking.map((definition) => definition.input?.safeParse({ number: 1 }).success)).toEqual([
      false,
      false,
      false,
    ]);
    const bare = workflow.modify({ name: 'modify_bare', description: 'm' }).step('Work', (s) => {
      typeOf(s).is<Readonly<{ subscriptionId: string; version?: number }>>(true);
    });
    expect(stepNames(bare.build())).toEqual(['Start', 'Lock subscription', 'Work', 'Unlock subscription', 'Done']);
  });

  it('refuses an input of a locking workflow that is not a z.object, as the wrapper does at run time', () => {
    expect(() =>
      // @ts-expect-error the wrapper extends the input with subscriptionId, which needs a z.object
      workflow.modify({ name: 'modify_any', description: 'm', input: z.record(z.string(), z.string()) }).build(),
    ).toThrow(/must be a z.object/);
  });

  it("makes a create workflow's build a compile error until its steps return subscriptionId", async () => {
    const forgotten = workflow
      .create({ name: 'create_port', description: 'c', input: customer })
      .step('Create subscription', (s) => ({ customer: s.customerId }));
    // @ts-expect-error the steps do not return subscriptionId
    const built = forgotten.build();
    const h = workflowsHarness([built]);
    await h.start('create_port', { customerId: 'c1' });
    await h.runScheduledSteps();
    expect(h.store.process('p-1')).toMatchObject({
      status: 'failed',
      failedReason: expect.stringContaining('no subscriptionId in the state'),
    });
  });

  it('counts a subscriptionId set only in a conditional, or of another type, as missing', () => {
    const maybe = workflow.create({ name: 'create_maybe', description: 'c' }).conditional(
      () => true,
      (steps) => steps.step('Create subscription', () => ({ subscriptionId: 'id' })),
    );
    // @ts-expect-error subscriptionId may be missing after the conditional
    expect(stepNames(maybe.build())).toContain('Set subscription active');
    const numbered = workflow.create({ name: 'create_numbered', description: 'c' }).step('Create', () => ({
      subscriptionId: 7,
    }));
    // @ts-expect-error subscriptionId must be a string
    expect(stepNames(numbered.build())).toContain('Unlock subscription');
  });

  it('builds a create workflow whose steps return subscriptionId, then adds the closing steps', () => {
    const built = workflow
      .create({ name: 'create_port', product: 'port', description: 'c', input: customer })
      .step('Create subscription', (s) => ({ subscriptionId: `sub-of-${s.customerId}` }))
      .step('Configure', (s) => {
        typeOf(s).is<Readonly<{ customerId: string; subscriptionId: string }>>(true);
      })
      .build();
    expect(built).toMatchObject({ target: 'CREATE', product: 'port' });
    expect(stepNames(built)).toEqual([
      'Start',
      'Create subscription',
      'Configure',
      'Set subscription active',
      'Unlock subscription',
      'Done',
    ]);
  });

  it('types a task on its input', () => {
    const built = workflow
      .task({ name: 'task_count', description: 'counts', input: z.object({ olderThanDays: z.number().default(7) }) })
      .step('Count', (s) => {
        typeOf(s).is<Readonly<{ olderThanDays: number }>>(true);
      })
      .build();
    expect(built).toMatchObject({ isTask: true, target: 'SYSTEM' });
  });
});

describe('a typed start predicate', () => {
  const subscription = { data: { number: 7 } } as unknown as Subscription;
  // Who starts is not what these predicates look at.
  const startedOn = (on: Subscription | null) => ({ subscription: on }) as Parameters<StartPredicate>[1];

  it('sees the validated input, with subscriptionId for a locking workflow', async () => {
    const built = workflow
      .modify({
        name: 'modify_port',
        description: 'm',
        input: z.object({ number: z.number() }),
        startPredicate: (input, context) => {
          typeOf(input).is<Readonly<{ number: number; subscriptionId: string; version?: number }>>(true);
          return input.number !== context.subscription?.data.number || 'same number';
        },
      })
      .build();
    expect(await built.startPredicate?.({ number: 7 }, startedOn(subscription))).toBe('same number');
  });

  it('makes a misspelt input key a compile error', async () => {
    const built = workflow({
      name: 'greet',
      target: 'SYSTEM',
      description: 'g',
      input: z.object({ name: z.string() }),
      // @ts-expect-error nmae is not in the input
      startPredicate: (input) => input.nmae !== 'nobody',
    }).build();
    expect(await built.startPredicate?.({ name: 'nobody' }, startedOn(null))).toBe(true);
  });
});

describe('the place of a chain', () => {
  it('makes building the steps of a conditional a compile error (and a TypeError at run time)', () => {
    const chain = workflow({ name: 'nested_build', target: 'SYSTEM', description: 'x' });
    expect(() =>
      chain.conditional(
        () => true,
        // @ts-expect-error only the workflow itself is built
        (steps) => steps.build(),
      ),
    ).toThrow(/only the workflow itself is built/);
  });

  it('makes a steps function that returns something else than its chain a TypeError at definition', () => {
    const chain = workflow({ name: 'lost_chain', target: 'SYSTEM', description: 'x' });
    // @ts-expect-error the steps function must return the chain
    expect(() => chain.stepGroup('Group', () => [])).toThrow(/must return the chain it was given/);
  });
});
