import IORedis, { type Redis } from 'ioredis';
import { z } from 'zod';
import { callbackStep, defineWorkflow, inputStep, step } from '@orchestrator/engine';

/**
 * The chaos run's workflow module (WORKFLOW_MODULES), loaded by its API and workers. Every step makes a
 * transactional effect (a `chaos_effects` row written through ctx.tx) and a non-transactional one (a
 * counter in the effects Redis, a stand-in for an external system, keyed by process and step), so that
 * the end state shows how often each step really ran and how often it committed.
 */

let client: Redis | undefined;
// User code reads its own settings; the API never runs a step, so it never connects.
const effects = (): Redis => (client ??= new IORedis(process.env.CHAOS_EFFECTS_REDIS_URL ?? 'redis://127.0.0.1:1'));

const input = z.object({
  scenario: z.string().min(1),
  seq: z.number().int().optional(),
  stepMs: z.number().int().min(0).max(60000).default(0),
  // The first execution of this step of this process sleeps `ms` after its effects (announced in the
  // effects Redis with the worker's pid), so that the chaos run can stop or cut off a worker mid-step.
  // `onHost` limits that to the worker started with CHAOS_HOST set to it.
  hold: z.object({ step: z.string(), ms: z.number().int().min(0), onHost: z.string().optional() }).optional(),
});
type ChaosState = z.infer<typeof input>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function effectStep(name: string) {
  return step(name, async (raw, ctx) => {
    const state = raw as ChaosState;
    await ctx.tx.query('INSERT INTO chaos_effects (scenario, process_id, step, pid) VALUES ($1, $2, $3, $4)', [
      state.scenario,
      ctx.processId,
      ctx.stepName,
      process.pid,
    ]);
    await effects().hincrby(`chaos:effects:${state.scenario}`, `${ctx.processId}/${ctx.stepName}`, 1);
    const hold = state.hold;
    const holdsHere = hold?.step === ctx.stepName && (!hold.onHost || hold.onHost === process.env.CHAOS_HOST);
    if (hold && holdsHere && (await effects().set(`chaos:held:${ctx.processId}`, String(process.pid), 'NX'))) {
      const announcement = { processId: ctx.processId, pid: process.pid, host: process.env.CHAOS_HOST ?? '' };
      await effects().rpush(`chaos:holding:${state.scenario}`, JSON.stringify(announcement));
      await pause(hold.ms);
    } else if (state.stepMs > 0) {
      await pause(state.stepMs);
    }
    return { [`${name.toLowerCase()}By`]: process.pid };
  });
}

export const CHAOS_STEPS = ['Reserve', 'Configure', 'Activate'];

export const chaosSteps = defineWorkflow({
  name: 'chaos_steps',
  target: 'SYSTEM',
  description: 'three steps, each with a transactional and a non-transactional effect',
  input,
  steps: CHAOS_STEPS.map(effectStep),
});

/** For the fuzzer: a process that waits for a form answer, and one that waits for a callback. */
export const chaosForm = defineWorkflow({
  name: 'chaos_form',
  target: 'SYSTEM',
  description: 'suspends on a form',
  input: z.object({ scenario: z.string() }),
  steps: [
    inputStep('Confirm', { form: z.object({ confirmed: z.literal(true), note: z.string().max(50).optional() }) }),
  ],
});

export const chaosCallback = defineWorkflow({
  name: 'chaos_callback',
  target: 'SYSTEM',
  description: 'waits for a callback',
  input: z.object({ scenario: z.string() }),
  steps: [callbackStep('Order', { action: (_state, ctx) => ({ url: ctx.callbackUrl }) })],
});

export default [chaosSteps, chaosForm, chaosCallback];
