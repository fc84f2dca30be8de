import { percentile } from '../latency';
import { processFigures, unfinishedCount, waitAllCompleted } from '../process-figures';
import { range, startProcesses } from '../process-starts';
import { processFailures, seconds, type Scenario, type ScenarioReport } from '../scenario-report';

/** Concurrent readers of the operator's views while processes run: latencies of every read. */
export const readers: Scenario = {
  name: 'readers',
  title: 'concurrent readers (lists, details, counts, workflows) while processes run',
  async run({ stack, settings }): Promise<ScenarioReport> {
    const scenario = this.name;
    const startedAt = Date.now();
    const starting = startProcesses(stack, {
      scenario,
      indexes: range(0, settings.readerProcesses),
      concurrency: 8,
      input: () => ({ stepMs: 20 }),
    });
    const ids: string[] = [];
    const latencies: number[] = [];
    const errors: Record<string, number> = {};
    let running = true;
    const reads = [
      () => '/api/processes?limit=20',
      () => '/api/processes?status=running,created&limit=20',
      () => '/api/processes/status-counts',
      () => '/api/workflows',
      () =>
        ids.length > 0 ? `/api/processes/${ids[Math.floor(Math.random() * ids.length)]}` : '/api/processes?limit=1',
    ];
    const reader = async (n: number) => {
      for (let i = n; running; i++) {
        const path = reads[i % reads.length]?.() ?? '/api/workflows';
        const sent = performance.now();
        try {
          const res = await fetch(`${stack.baseUrl}${path}`, {
            headers: stack.authorization,
            signal: AbortSignal.timeout(30000),
          });
          const body = await res.text();
          latencies.push(performance.now() - sent);
          if (res.status !== 200) errors[res.status] = (errors[res.status] ?? 0) + 1;
          else if (path.startsWith('/api/processes?')) {
            for (const item of (JSON.parse(body) as { items: { id: string }[] }).items.slice(0, 3)) ids.push(item.id);
          }
        } catch {
          errors.error = (errors.error ?? 0) + 1;
        }
      }
    };
    const readersDone = Promise.all(Array.from({ length: settings.readers }, (_, n) => reader(n)));
    const starts = await starting;
    const completedAt = await waitAllCompleted(stack, scenario, settings.settleMs);
    running = false;
    await readersDone;
    const figures = await processFigures(stack, scenario, starts.acknowledged);
    const failures = processFailures(figures);
    const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
    if (errorCount > 0) failures.push(`reads that failed: ${JSON.stringify(errors)}`);
    if ((await unfinishedCount(stack, scenario)) > 0) failures.push('processes still running when the readers stopped');
    return {
      name: scenario,
      processes: figures,
      other: {
        readers: settings.readers,
        reads: latencies.length,
        read_p50_ms: percentile(latencies, 0.5),
        read_p95_ms: percentile(latencies, 0.95),
        read_p99_ms: percentile(latencies, 0.99),
        run_s: seconds((completedAt ?? Date.now()) - startedAt),
      },
      failures,
    };
  },
};
