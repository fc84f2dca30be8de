import { z } from 'zod';
import { workflowsHarness } from '../testing';
import { typeOf } from '../testing/type-assertions';
import type { State } from '../state';
import type { WorkflowDefinition } from '../workflow';
import { workflow } from './typed-workflow';

// Type tests of the typed builder. `npm run typecheck` checks them: every `@ts-expect-error` line must be
// a compile error (an unused one is an error itself), and every `typeOf(...).is<...>` must hold. Jest runs the same
// workflows, showing what each compile error saves an author from at run time.

const portInput = z.object({ device: z.string(), dryRun: z.boolean() });
const base = () => workflow({ name: 'typed_port', target: 'SYSTEM', description: 'x', input: portInput });

async function run(definition: WorkflowDefinition, input: State) {
  const h = workflowsHarness([definition]);
  await h.start(definition.name, input);
  await h.runScheduledSteps();
  return h.store.process('p-1');
}
const finalState = async (definition: WorkflowDefinition, input: State) => (await run(definition, input)).state;

describe('the state type of the typed builder', () => {
  it('starts as the input schema output and grows by what each step returns', async () => {
    const built = base()
      .step('Reserve port', (s) => {
        typeOf(s).is<Readonly<{ device: string; dryRun: boolean }>>(true);
        return { port: 7 };
      })
      .step('Name port', async (s) => {
        typeOf(s).is<Readonly<{ device: string; dryRun: boolean; port: number }>>(true);
        return Promise.resolve({ name: `${s.device}/${s.port}` });
      })
      .step('Nothing returned', (s) => {
        typeOf(s.name).is<string>(true);
      })
      .step('Replace port', (s) => ({ port: String(s.port) }))
      .step('Read port', (s) => {
        typeOf(s.port).is<string>(true);
      })
      .build();
    expect(await finalState(built, { device: 'r1', dryRun: false })).toEqual({
      device: 'r1',
      dryRun: false,
      port: '7',
      name: 'r1/7',
    });
  });

  it('makes a misspelt key a compile error (at run time it would read undefined)', async () => {
    const built = base()
      // @ts-expect-error devcie is not in the state
      .step('Name port', (s) => ({ name: `${s.devcie}/7` }))
      .build();
    expect(await finalState(built, { device: 'r1', dryRun: false })).toMatchObject({ name: 'undefined/7' });
  });

  it('makes a value of the wrong type a compile error', async () => {
    const built = base()
      .step('Reserve port', () => ({ port: 7 }))
      .step('Shout', (s) => {
        // @ts-expect-error port is a number, which has no toUpperCase
        const shouted: unknown = s.port.toUpperCase?.();
        return { shouted: shouted ?? null };
      })
      .build();
    expect(await finalState(built, { device: 'r1', dryRun: false })).toMatchObject({ shouted: null });
  });

  it('makes using a key before the step that sets it a compile error', async () => {
    const built = base()
      // @ts-expect-error port is set by the next step
      .step('Name port', (s) => ({ name: `${s.device}/${s.port}` }))
      .step('Reserve port', () => ({ port: 7 }))
      .build();
    expect(await finalState(built, { device: 'r1', dryRun: false })).toMatchObject({ name: 'r1/undefined', port: 7 });
  });

  it('types what a conditional adds as optional after it, and as set inside it', async () => {
    const built = base()
      .conditional(
        (s) => !s.dryRun,
        (steps) =>
          steps
            .step('Reserve port', () => ({ port: 7 }))
            .step('Name port', (s) => {
              typeOf(s.port).is<number>(true);
              return { name: `${s.device}/${s.port}` };
            }),
      )
      .step('Report', (s) => {
        typeOf(s.port).is<number | undefined>(true);
        // @ts-expect-error port may be missing: the conditional's steps may have been skipped
        const next: number = s.port + 1;
        return { next, report: s.name ?? 'dry run' };
      })
      .build();
    expect(await run(built, { device: 'r1', dryRun: true })).toMatchObject({
      status: 'failed',
      failedReason: expect.stringContaining('state.next is NaN'),
    });
    expect(await run(built, { device: 'r1', dryRun: false })).toMatchObject({
      status: 'completed',
      state: { port: 7, next: 8, report: 'r1/7' },
    });
  });

  it('types nested conditionals the same way, each level in order inside and optional after', async () => {
    const built = base()
      .conditional(
        (s) => !s.dryRun,
        (steps) =>
          steps
            .step('Reserve port', () => ({ port: 7 }))
            .conditional(
              (s) => s.port > 5,
              (inner) => inner.step('High port', (s) => ({ high: s.port })),
            )
            .step('Inside', (s) => {
              typeOf(s).is<Readonly<{ device: string; dryRun: boolean; port: number; high?: number }>>(true);
            }),
      )
      .step('After', (s) => {
        typeOf(s).is<Readonly<{ device: string; dryRun: boolean; port?: number; high?: number }>>(true);
      })
      .build();
    expect(await finalState(built, { device: 'r1', dryRun: false })).toMatchObject({ port: 7, high: 7 });
    expect(await finalState(built, { device: 'r1', dryRun: true })).toEqual({ device: 'r1', dryRun: true });
  });

  it('types a key a conditional replaces as either its old or its new type', async () => {
    const built = base()
      .step('Reserve port', () => ({ port: 7 }))
      .conditional(
        (s) => s.dryRun,
        (steps) => steps.step('Describe port', (s) => ({ port: `port ${s.port}` })),
      )
      .step('After', (s) => {
        typeOf(s.port).is<number | string>(true);
      })
      .build();
    expect(await finalState(built, { device: 'r1', dryRun: true })).toMatchObject({ port: 'port 7' });
    expect(await finalState(built, { device: 'r1', dryRun: false })).toMatchObject({ port: 7 });
  });

  it('types a step that may return nothing like a skipped one', async () => {
    const built = base()
      .step('Maybe reserve', (s) => (s.dryRun ? undefined : { port: 7 }))
      .step('After', (s) => {
        typeOf(s.port).is<number | undefined>(true);
      })
      .build();
    expect(await finalState(built, { device: 'r1', dryRun: true })).toEqual({ device: 'r1', dryRun: true });
  });

  it('types focused steps on state[key], and puts what they return there', async () => {
    const built = base()
      .step('Reserve port', (s) => ({ port: { device: s.device, number: 7 } }))
      .focusSteps('port', (port) =>
        port
          .step('Name port', (p) => {
            typeOf(p).is<Readonly<{ device: string; number: number }>>(true);
            // @ts-expect-error dryRun is outside the focus: the focused steps see state.port only
            const _dryRun: unknown = p.dryRun;
            return { name: `${p.device}/${p.number}` };
          })
          .conditional(
            (p) => p.number > 5,
            (high) => high.step('Mark high', () => ({ high: true })),
          ),
      )
      .step('After', (s) => {
        typeOf(s.port).is<{ device: string; number: number; name: string; high?: boolean }>(true);
      })
      .build();
    expect(await finalState(built, { device: 'r1', dryRun: false })).toMatchObject({
      port: { device: 'r1', number: 7, name: 'r1/7', high: true },
    });
  });

  it('focuses only on keys holding an object, each of its keys optional when the object may be missing', async () => {
    const chain = base().step('Maybe port', (s) => (s.dryRun ? {} : { port: { number: 7 } }));
    // @ts-expect-error device holds a string, not an object to focus on
    chain.focusSteps('device', (steps) => steps);
    // @ts-expect-error prot is not in the state at all
    chain.focusSteps('prot', (steps) => steps);
    const built = chain
      .focusSteps('port', (port) =>
        port.step('Read', (p) => {
          typeOf(p).is<Readonly<{ number?: number }>>(true);
          return { seen: p.number ?? null };
        }),
      )
      .build();
    expect(await finalState(built, { device: 'r1', dryRun: true })).toMatchObject({ port: { seen: null } });
  });

  it('types the steps of a group in order and the state after it with all they returned', async () => {
    const built = base()
      .stepGroup('Configure', (group) =>
        group.step('Push config', () => ({ pushed: true })).step('Verify config', (s) => ({ verified: s.pushed })),
      )
      .retryStep('Call inventory', (s) => ({ registered: s.verified }), { maxAttempts: 2, backoffMs: 10 })
      .abortStep('Stop')
      .step('After', (s) => {
        typeOf(s).is<
          Readonly<{ device: string; dryRun: boolean; pushed: boolean; verified: boolean; registered: boolean }>
        >(true);
      })
      .build();
    expect(await run(built, { device: 'r1', dryRun: false })).toMatchObject({
      status: 'aborted',
      state: { pushed: true, verified: true, registered: true },
    });
  });

  it('refuses retry options the policy does not have (at run time they would be ignored)', () => {
    const built = base()
      .retryStep('Call', () => undefined, {
        // @ts-expect-error attempts is not a retry option (maxAttempts is)
        attempts: 2,
      })
      .build();
    expect(built.steps[1]).toMatchObject({ kind: 'retry', retry: { maxAttempts: 5 } });
  });

  it('makes changing the state in place a compile error: changes are returned, not made', async () => {
    const built = base()
      .step('Mutate, then fail', (s) => {
        // @ts-expect-error the state a step receives is read-only
        s.device = 'changed';
        throw new Error('device unreachable');
      })
      .build();
    expect(await run(built, { device: 'r1', dryRun: false })).toMatchObject({
      status: 'failed',
      state: { device: 'r1' },
    });
  });

  it('keeps the known keys after a step returning an untyped record, and adds the others as unknown', async () => {
    const untyped = (): Record<string, unknown> => ({ port: 7 });
    const built = base()
      .step('Untyped', untyped)
      .step('After', (s) => {
        typeOf(s.device).is<string>(true);
        typeOf(s.port).is<unknown>(true);
        return { next: Number(s.port) + 1 };
      })
      .build();
    expect(await finalState(built, { device: 'r1', dryRun: false })).toMatchObject({ port: 7, next: 8 });
  });

  it('lets a step reuse a function typed on part of the state, and refuses one needing more', async () => {
    const nameOf = (state: { device: string }) => ({ name: state.device.toUpperCase() });
    expect(await finalState(base().step('Name', nameOf).build(), { device: 'r1', dryRun: false })).toMatchObject({
      name: 'R1',
    });
    // @ts-expect-error this function needs a port the state does not have yet
    base().step('Port', (state: { port: number }) => ({ next: state.port + 1 }));
  });
});
