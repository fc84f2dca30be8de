import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineWorkflow, step, type StepContext } from '@orchestrator/engine';

/**
 * Loaded through WORKFLOW_MODULES by the worker processes of step-lease.int.test.ts (and imported by it).
 * Every run of a step appends `<step> <pid>` to `runs-<processId>` in MARKER_DIR (how often it really ran)
 * and writes a `lease_effects` row through ctx.tx (how often it committed). A step told to hold does so on
 * its first run only, so that the worker that takes the process over finishes it.
 */

const markerDir = () => process.env.MARKER_DIR ?? '/tmp';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function recordRun(ctx: StepContext): Promise<void> {
  appendFileSync(path.join(markerDir(), `runs-${ctx.processId}`), `${ctx.stepName} ${process.pid}\n`);
  await ctx.tx.query('INSERT INTO lease_effects (process_id, step, pid) VALUES ($1, $2, $3)', [
    ctx.processId,
    ctx.stepName,
    process.pid,
  ]);
}

/** True once per process and step: the first run creates the marker `first-<step>-<processId>`. */
function firstRun(ctx: StepContext): boolean {
  try {
    const marker = `first-${ctx.stepName.replaceAll(' ', '_')}-${ctx.processId}`;
    writeFileSync(path.join(markerDir(), marker), String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

/** Holds for a few seconds on its first run (the test stops that worker meanwhile). */
export const leaseHeld = defineWorkflow({
  name: 'lease_held',
  target: 'SYSTEM',
  description: 'a step that holds on its first run',
  steps: [
    step('Before', () => ({ before: true })),
    step('Held', async (_state, ctx) => {
      await recordRun(ctx);
      if (firstRun(ctx)) await pause(3000);
      return { heldBy: process.pid };
    }),
    step('After', () => ({ after: true })),
  ],
});

/** Runs 4 s without touching the database, longer than the test's lease, and says so with timeoutMs. */
export const leaseDeclared = defineWorkflow({
  name: 'lease_declared',
  target: 'SYSTEM',
  description: 'a long step that declares its time-out',
  steps: [
    step(
      'Long',
      async (_state, ctx) => {
        await recordRun(ctx);
        await pause(4000);
        return { longBy: process.pid };
      },
      { timeoutMs: 8000 },
    ),
  ],
});

/** Runs 4 s without touching the database, heartbeating every 250 ms. */
export const leaseHeartbeat = defineWorkflow({
  name: 'lease_heartbeat',
  target: 'SYSTEM',
  description: 'a long step that heartbeats',
  steps: [
    step('Beating', async (_state, ctx) => {
      await recordRun(ctx);
      for (let waited = 0; waited < 4000; waited += 250) {
        await pause(250);
        await ctx.heartbeat();
      }
      return { beatingBy: process.pid };
    }),
  ],
});

/** Past its timeoutMs of 1 s on its first run (3 s, with a write done before); quick on a retry. */
export const timedOut = defineWorkflow({
  name: 'timed_out',
  target: 'SYSTEM',
  description: 'a step that times out once',
  steps: [
    step(
      'Timed',
      async (_state, ctx) => {
        await recordRun(ctx);
        if (firstRun(ctx)) {
          await pause(3000);
          // What a timed-out step does after its deadline changes nothing.
          try {
            await ctx.tx.query("INSERT INTO lease_effects (process_id, step, pid) VALUES ($1, 'late', $2)", [
              ctx.processId,
              process.pid,
            ]);
          } finally {
            appendFileSync(path.join(markerDir(), `runs-${ctx.processId}`), `late ${process.pid}\n`);
          }
        }
        return { timedBy: process.pid };
      },
      { timeoutMs: 1000 },
    ),
  ],
});

/** Blocks its worker's event loop for BUSY_LOOP_MS on its first run, far past its timeoutMs. */
export const busyLoop = defineWorkflow({
  name: 'busy_loop',
  target: 'SYSTEM',
  description: 'a step that blocks the event loop once',
  steps: [
    step(
      'Busy',
      async (_state, ctx) => {
        await recordRun(ctx);
        if (firstRun(ctx)) {
          const until = Date.now() + Number(process.env.BUSY_LOOP_MS ?? 8000);
          while (Date.now() < until) {
            // the event loop is blocked: no timer, no lock renewal, no statement
          }
          appendFileSync(path.join(markerDir(), `runs-${ctx.processId}`), `unblocked ${process.pid}\n`);
        }
        return { busyBy: process.pid };
      },
      { timeoutMs: 1500 },
    ),
  ],
});

/** Past its timeoutMs of 1 s inside a statement: the statement is cancelled. */
export const sqlTimedOut = defineWorkflow({
  name: 'sql_timed_out',
  target: 'SYSTEM',
  description: 'a step whose statement outlasts its time-out',
  steps: [
    step(
      'Sleeping statement',
      async (_state, ctx) => {
        await recordRun(ctx);
        await ctx.tx.query('SELECT pg_sleep(30)');
      },
      { timeoutMs: 1000 },
    ),
  ],
});

export default [leaseHeld, leaseDeclared, leaseHeartbeat, timedOut, busyLoop, sqlTimedOut];
