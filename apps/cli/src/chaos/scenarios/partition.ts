import { processFigures, unfinishedCount, waitAllCompleted } from '../process-figures';
import { range, startProcesses } from '../process-starts';
import { processFailures, seconds, type Scenario, type ScenarioReport } from '../scenario-report';
import { sleep } from '../shell';
import { takeoverWindowMs, waitForHeldStep, waitProcessCompleted } from './held-step';

/**
 * The worker host (a network namespace) loses its link while its worker is in the middle of a step:
 * another worker must run that process within the lease plus one recovery interval (ENGINE.md 15.1);
 * once the link is back, the partitioned worker's late commit must change nothing.
 */
export const partition: Scenario = {
  name: 'partition',
  title: 'the worker host (ip netns + veth) cut off mid-step, past the lease and the outage time, then restored',
  async run({ stack, settings }): Promise<ScenarioReport> {
    const scenario = this.name;
    const host = stack.workerHost;
    if (!host) return { name: scenario, other: {}, failures: [`not run: no worker host (${stack.workerHostMissing})`] };
    const starting = startProcesses(stack, {
      scenario,
      indexes: range(0, Math.min(settings.processes, 100)),
      concurrency: 8,
      input: () => ({ stepMs: 30, hold: { step: 'Configure', ms: 2000, onHost: 'netns' } }),
    });
    const holding = await waitForHeldStep(stack, scenario, 60000, 'netns');
    if (!holding) {
      await starting;
      return { name: scenario, other: {}, failures: ['the worker on the worker host was never seen holding a step'] };
    }
    await host.cut();
    const cutAt = Date.now();
    const window = takeoverWindowMs(settings.stepLeaseMs, settings.recoveryIntervalMs);
    const takenOverAt = await waitProcessCompleted(stack, holding.processId, window);
    const starts = await starting;
    await sleep(Math.max(0, cutAt + Math.max(settings.outageMs, window) - Date.now()));
    const heldPastLease = await unfinishedCount(stack, scenario);
    await host.restore();
    const restoredAt = Date.now();
    const completedAt = await waitAllCompleted(stack, scenario, settings.settleMs);
    const netnsWorker = stack.workers.find((worker) => worker.name === 'worker-3');
    const exited = netnsWorker?.running === false;
    await stack.restartStopped();

    const figures = await processFigures(stack, scenario, starts.acknowledged);
    const failures = processFailures(figures);
    if (takenOverAt === undefined) {
      failures.unshift(
        `the partitioned worker's process was not run by another worker within ${seconds(window)} s ` +
          `(${heldPastLease} processes held while cut off; ENGINE.md 15.1)`,
      );
    }
    return {
      name: scenario,
      processes: { ...figures, stuck: Math.max(figures.stuck, heldPastLease) },
      recoverS:
        takenOverAt !== undefined
          ? seconds(takenOverAt - cutAt)
          : completedAt === undefined
            ? null
            : seconds(completedAt - restoredAt),
      other: {
        cut_s: seconds(restoredAt - cutAt),
        held_while_cut: heldPastLease,
        ...(exited ? { exited: 'worker-3' } : {}),
      },
      failures,
    };
  },
};
