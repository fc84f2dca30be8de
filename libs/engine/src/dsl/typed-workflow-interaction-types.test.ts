import { z } from 'zod';
import { OrchestratorError } from '../errors';
import { acceptCallback, answerInput } from '../interaction';
import { runStep } from '../run-step';
import type { State } from '../state';
import type { StepContext, StepDefinition } from '../step-types';
import type { WorkflowDefinition } from '../workflow';
import { typeOf } from '../testing/type-assertions';
import { workflow } from './typed-workflow';

// Type tests of the typed builder's input and callback steps; see typed-workflow-types.test.ts for how
// they are checked. At run time the answer or the callback's body is applied as the API applies it.

const base = () =>
  workflow({ name: 'typed_port', target: 'SYSTEM', description: 'x', input: z.object({ device: z.string() }) });

function stepNamed(definition: WorkflowDefinition, name: string): StepDefinition {
  const found = definition.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step ${name}`);
  return found;
}

async function runNamed(definition: WorkflowDefinition, name: string, state: State) {
  return runStep(stepNamed(definition, name), state, {} as StepContext);
}

describe('a typed input step', () => {
  it("adds the form's output to the state, and gives a form function the typed state", async () => {
    const built = base()
      .step('Find ports', () => ({ maxPort: 48 }))
      .inputStep('Pick port', {
        form: (s) => {
          typeOf(s).is<Readonly<{ device: string; maxPort: number }>>(true);
          return z.object({ port: z.number().int().max(s.maxPort), note: z.string().default('') });
        },
        assignee: 'NOC',
      })
      .step('Configure', (s) => {
        typeOf(s).is<Readonly<{ device: string; maxPort: number; port: number; note: string }>>(true);
        // @ts-expect-error the form asks for port, not prot
        return { target: `${s.device}/${s.prot}` };
      })
      .build();
    const pick = stepNamed(built, 'Pick port');
    if (pick.kind !== 'input') throw new Error('expected an input step');
    expect(await answerInput(pick, { device: 'r1', maxPort: 48 }, { port: 7 })).toMatchObject({
      kind: 'accepted',
      state: { device: 'r1', maxPort: 48, port: 7, note: '' },
    });
    expect(await answerInput(pick, { device: 'r1', maxPort: 48 }, { port: 49 })).toMatchObject({ kind: 'invalid' });
  });

  it('types a static form the same way', async () => {
    const built = base()
      .inputStep('Confirm', { form: z.object({ ok: z.boolean() }) })
      .step('After', (s) => {
        typeOf(s).is<Readonly<{ device: string; ok: boolean }>>(true);
      })
      .build();
    const confirm = stepNamed(built, 'Confirm');
    if (confirm.kind !== 'input') throw new Error('expected an input step');
    expect(await answerInput(confirm, { device: 'r1' }, { ok: true })).toMatchObject({
      state: { device: 'r1', ok: true },
    });
  });

  it('builds a focused form on the focused state and puts the answer there', async () => {
    const built = base()
      .step('Reserve port', () => ({ port: { speeds: ['1G', '10G'] } }))
      .focusSteps('port', (port) =>
        port.inputStep('Port speed', {
          form: (p) => {
            typeOf(p).is<Readonly<{ speeds: string[] }>>(true);
            return z.object({ speed: z.enum(p.speeds as [string, ...string[]]) });
          },
        }),
      )
      .step('After', (s) => {
        typeOf(s.port).is<{ speeds: string[]; speed: string }>(true);
      })
      .build();
    const speed = stepNamed(built, 'Port speed');
    if (speed.kind !== 'input') throw new Error('expected an input step');
    expect(await answerInput(speed, { port: { speeds: ['1G', '10G'] } }, { speed: '10G' })).toMatchObject({
      state: { port: { speeds: ['1G', '10G'], speed: '10G' } },
    });
  });

  it('makes an input step inside a stepGroup a compile error (and a TypeError at definition)', () => {
    expect(() =>
      base().stepGroup('Group', (group) =>
        // @ts-expect-error input and callback steps cannot be part of a stepGroup
        group.inputStep('Confirm', { form: z.object({ ok: z.boolean() }) }),
      ),
    ).toThrow(/cannot be part of a group/);
  });
});

describe('a typed callback step', () => {
  it('puts the body at resultKey as unknown, adding what the action returned', async () => {
    const built = base()
      .callbackStep('Order circuit', {
        action: (s, ctx) => ({ orderedFor: s.device, url: ctx.callbackUrl ?? null }),
        resultKey: 'order',
        validate: (s) => {
          typeOf(s).is<Readonly<{ device: string; orderedFor: string; url: string | null; order: unknown }>>(true);
          // @ts-expect-error without a body schema the body is unknown
          return { vlan: s.order.vlan };
        },
      })
      .step('After', (s) => {
        typeOf(s.order).is<unknown>(true);
      })
      .build();
    const validated = await runNamed(built, 'Validate Order circuit', { device: 'r1', order: { vlan: 3 } });
    expect(validated).toMatchObject({ kind: 'success', state: { vlan: 3 } });
  });

  it('names the body callbackResult unless told otherwise', () => {
    const built = base()
      .callbackStep('Order circuit', { action: () => undefined })
      .step('After', (s) => {
        typeOf(s).is<Readonly<{ device: string; callbackResult: unknown }>>(true);
      })
      .build();
    const callback = stepNamed(built, 'Order circuit');
    if (callback.kind !== 'callback') throw new Error('expected a callback step');
    expect(acceptCallback(callback, { device: 'r1' }, { ok: 1 })).toEqual({ device: 'r1', callbackResult: { ok: 1 } });
  });

  it('types the body by its schema, and checks it in the step Validate {name}', async () => {
    const built = base()
      .callbackStep('Order circuit', {
        action: () => undefined,
        resultKey: 'order',
        body: z.object({ vlan: z.number().int(), status: z.enum(['up', 'down']).default('up') }),
        validate: (s) => {
          typeOf(s.order).is<{ vlan: number; status: 'up' | 'down' }>(true);
          return { vlan: s.order.vlan };
        },
      })
      .step('After', (s) => {
        typeOf(s.vlan).is<number>(true);
        // @ts-expect-error the schema has no circuitId
        return { circuit: s.order.circuitId };
      })
      .build();
    const callback = stepNamed(built, 'Order circuit');
    if (callback.kind !== 'callback') throw new Error('expected a callback step');
    const arrived = acceptCallback(callback, { device: 'r1' }, { vlan: 3 });
    expect(await runNamed(built, 'Validate Order circuit', arrived)).toMatchObject({
      kind: 'success',
      state: { device: 'r1', order: { vlan: 3, status: 'up' }, vlan: 3 },
    });
    const wrong = await runNamed(built, 'Validate Order circuit', acceptCallback(callback, {}, { vlan: 'three' }));
    if (wrong.kind !== 'failed') throw new Error('expected the validation to fail');
    expect(wrong.cause).toBeInstanceOf(OrchestratorError);
    expect(wrong.cause).toMatchObject({ code: 'CALLBACK_BODY_INVALID', details: [{ path: 'order.vlan' }] });
    expect(wrong.error.message).toMatch(/callback of "Order circuit" does not match its body schema: order\.vlan: /);
  });

  it('adds the step Validate {name} for a body schema even without validate', () => {
    const built = base()
      .callbackStep('Order circuit', { action: () => undefined, body: z.object({ vlan: z.number() }) })
      .build();
    expect(built.steps.map((s) => s.name)).toEqual(['Start', 'Order circuit', 'Validate Order circuit', 'Done']);
  });

  it('makes a callback step inside a stepGroup a compile error (and a TypeError at definition)', () => {
    expect(() =>
      base().stepGroup('Group', (group) =>
        // @ts-expect-error input and callback steps cannot be part of a stepGroup
        group.callbackStep('Order', { action: () => undefined }),
      ),
    ).toThrow(/cannot be part of a group/);
  });
});
