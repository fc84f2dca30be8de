import { processFigures, waitAllCompleted } from '../process-figures';
import { range, startProcesses } from '../process-starts';
import { processFailures, seconds, type Scenario, type ScenarioReport } from '../scenario-report';
import { sleep } from '../shell';

/** SIGKILL of a random worker every 2 s while the processes run; a supervisor restarts it at once. */
export const killWorkers: Scenario = {
  name: 'kill-workers',
  title: 'SIGKILL of a random worker every 2 s, restarted at once, until every process completed',
  async run({ stack, settings }): Promise<ScenarioReport> {
    const scenario = this.name;
    let done = false;
    let kills = 0;
    let lastKillAt = Date.now();
    const killer = (async () => {
      while (!done) {
        await sleep(2000);
        const running = stack.workers.filter((worker) => worker.running);
        const victim = running[Math.floor(Math.random() * running.length)];
        if (done || !victim) continue;
        await victim.kill();
        kills += 1;
        lastKillAt = Date.now();
        victim.start();
      }
    })();
    const starts = await startProcesses(stack, {
      scenario,
      indexes: range(0, settings.killProcesses),
      concurrency: 16,
      input: () => ({ stepMs: 20 }),
    });
    const completedAt = await waitAllCompleted(stack, scenario, Math.max(settings.settleMs, 600000));
    done = true;
    await killer;
    await stack.restartStopped();
    await stack.waitWorkers(stack.workers);
    const figures = await processFigures(stack, scenario, starts.acknowledged);
    const failures = processFailures(figures);
    if (starts.unanswered.length > 0)
      failures.push(`${starts.unanswered.length} starts refused: ${JSON.stringify(starts.refused)}`);
    return {
      name: scenario,
      processes: figures,
      recoverS: completedAt === undefined ? null : seconds(Math.max(0, completedAt - lastKillAt)),
      other: { kills },
      failures,
    };
  },
};
