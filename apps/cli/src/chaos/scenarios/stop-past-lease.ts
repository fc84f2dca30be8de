import { processFigures, unfinishedCount, waitAllCompleted } from '../process-figures';
import { range, startProcesses } from '../process-starts';
import { processFailures, seconds, type Scenario, type ScenarioReport } from '../scenario-report';
import { takeoverWindowMs, waitForHeldStep, waitProcessCompleted } from './held-step';

/**
 * SIGSTOP of the worker that is in the middle of a step, for longer than STEP_LEASE_MS: another worker
 * must run the process within the lease plus one recovery interval, and the stopped worker's late commit,
 * once it is continued, must change nothing (ENGINE.md 15.1).
 */
export const stopPastLease: Scenario = {
  name: 'stop-past-lease',
  title: 'SIGSTOP of a worker mid-step past STEP_LEASE_MS, then SIGCONT',
  async run({ stack, settings }): Promise<ScenarioReport> {
    const scenario = this.name;
    const held = await startProcesses(stack, {
      scenario,
      indexes: [0],
      concurrency: 1,
      input: () => ({ hold: { step: 'Configure', ms: 3000 } }),
    });
    const background = startProcesses(stack, {
      scenario,
      indexes: range(1, Math.min(settings.processes, 100)),
      concurrency: 4,
      input: () => ({ stepMs: 50 }),
    });
    const holding = await waitForHeldStep(stack, scenario, 30000);
    const victim = holding && stack.workers.find((worker) => worker.owns(holding.pid));
    if (!holding || !victim) {
      await background;
      return { name: scenario, other: {}, failures: ['no worker was seen holding the step'] };
    }
    victim.signal('SIGSTOP');
    const stoppedAt = Date.now();
    const window = takeoverWindowMs(settings.stepLeaseMs, settings.recoveryIntervalMs);
    const takenOverAt = await waitProcessCompleted(stack, holding.processId, window);
    const starts = await background;
    // What the stopped worker still holds once the window has passed: nobody took it over.
    const heldPastLease = await unfinishedCount(stack, scenario);
    victim.signal('SIGCONT');
    const continuedAt = Date.now();
    const completedAt = await waitAllCompleted(stack, scenario, settings.settleMs);
    const figures = await processFigures(stack, scenario, [...held.acknowledged, ...starts.acknowledged]);
    const failures = processFailures(figures);
    if (takenOverAt === undefined) {
      failures.unshift(
        `the stopped worker's process was not run by another worker within ${seconds(window)} s ` +
          `(${heldPastLease} processes held past the lease; ENGINE.md 15.1)`,
      );
    }
    return {
      name: scenario,
      processes: { ...figures, stuck: Math.max(figures.stuck, heldPastLease) },
      recoverS:
        takenOverAt !== undefined
          ? seconds(takenOverAt - stoppedAt)
          : completedAt === undefined
            ? null
            : seconds(completedAt - continuedAt),
      other: { stopped_s: seconds(continuedAt - stoppedAt), held_past_lease: heldPastLease },
      failures,
    };
  },
};
