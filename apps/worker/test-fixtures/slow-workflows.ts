import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineWorkflow, step } from '@orchestrator/engine';

/**
 * The slow step writes a side effect in its transaction, drops a marker file (`slow-{processId}-{pid}`) so
 * the test knows it is running, then sleeps long enough for the test to kill or stop the worker.
 */
export const slowStep = step('Slow', async (_state, ctx) => {
  await ctx.tx.query('INSERT INTO side_effects (process_id, note) VALUES ($1, $2)', [
    ctx.processId,
    `pid ${process.pid}`,
  ]);
  const markerDir = process.env.MARKER_DIR;
  if (markerDir) writeFileSync(path.join(markerDir, `slow-${ctx.processId}-${process.pid}`), String(process.pid));
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.SLOW_STEP_MS ?? 3000)));
  return { slowDoneBy: process.pid };
});

/** Loaded through WORKFLOW_MODULES by worker processes that tests spawn (and imported by the tests). */
export const slowSideEffect = defineWorkflow({
  name: 'slow_side_effect',
  target: 'SYSTEM',
  description: 'a fast step, a slow step with a database side effect, a fast step',
  steps: [step('Before', () => ({ before: true })), slowStep, step('After', () => ({ after: true }))],
});

export default [slowSideEffect];
