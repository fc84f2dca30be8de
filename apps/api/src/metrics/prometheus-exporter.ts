import { Gauge, Registry } from 'prom-client';
import type { EngineStatus, ProcessCountRow, SubscriptionCountRow } from '@orchestrator/db';
import type { QueueFigures } from '@orchestrator/queue';
import { CLUSTER_METRICS, type ClusterSamples, type MetricSample } from '@orchestrator/telemetry';

/** Where a scrape reads its figures; every one is cluster-wide, so any replica answers the same. */
export interface MetricsSources {
  /** The counters and histograms every worker and replica flushed to Redis (this replica's own flushed first). */
  cluster(): Promise<ClusterSamples>;
  subscriptionCounts(): Promise<SubscriptionCountRow[]>;
  processCounts(): Promise<ProcessCountRow[]>;
  engineStatus(): Promise<EngineStatus>;
  queue(): Promise<QueueFigures>;
  liveWorkers(): Promise<number>;
}

interface Snapshot {
  cluster: ClusterSamples;
  subscriptions: SubscriptionCountRow[];
  processes: ProcessCountRow[];
  engine: EngineStatus;
  queue: QueueFigures;
  workers: number;
}

const GLOBAL_STATUSES = ['RUNNING', 'PAUSING', 'PAUSED'] as const;
// orchestrator-core renders booleans as Python does; its Grafana dashboard filters on insync="True".
const pythonBool = (value: boolean) => (value ? 'True' : 'False');

/**
 * `GET /api/metrics` in the Prometheus text format (ENGINE.md 12.1), rendered by prom-client: orchestrator-core's
 * `wfo_*` families with its names and labels (typed `untyped`: promtool refuses a gauge named `_count`), and
 * ours. Each scrape reads its sources once, concurrent scrapes share one reading.
 */
export class PrometheusExporter {
  private readonly registry = new Registry();
  private snapshot: Snapshot | undefined;
  private rendering: Promise<string> | undefined;

  constructor(private readonly sources: MetricsSources) {
    for (const spec of CLUSTER_METRICS) {
      this.family(spec.name, spec.help, spec.type, (s) => s.cluster.get(spec.name) ?? []);
    }
    this.wfoFamilies();
    this.gauges();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    this.rendering ??= this.renderOnce().finally(() => (this.rendering = undefined));
    return this.rendering;
  }

  private async renderOnce(): Promise<string> {
    const [cluster, subscriptions, processes, engine, queue, workers] = await Promise.all([
      this.sources.cluster(),
      this.sources.subscriptionCounts(),
      this.sources.processCounts(),
      this.sources.engineStatus(),
      this.sources.queue(),
      this.sources.liveWorkers(),
    ]);
    this.snapshot = { cluster, subscriptions, processes, engine, queue, workers };
    return this.registry.metrics();
  }

  /** A family whose samples come from the snapshot as they are (prom-client only formats them). */
  private family(name: string, help: string, type: string, samples: (snapshot: Snapshot) => MetricSample[]): void {
    const read = () => (this.snapshot ? samples(this.snapshot) : []);
    this.registry.registerMetric({
      name,
      help,
      type,
      get: () => Promise.resolve({ name, help, type, values: read(), aggregator: 'sum' }),
    } as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  private wfoFamilies(): void {
    this.family(
      'wfo_subscriptions_count',
      'Number of subscriptions per product, lifecycle state, customer, and in sync state.',
      'untyped',
      (s) =>
        s.subscriptions.map((row) => ({
          metricName: 'wfo_subscriptions_count',
          labels: {
            product_name: row.productName,
            lifecycle_state: row.lifecycleState,
            customer_id: row.customerId,
            insync: pythonBool(row.insync),
          },
          value: row.count,
        })),
    );
    const processLabels = (row: ProcessCountRow) => ({
      last_status: row.lastStatus,
      created_by: row.createdBy,
      is_task: pythonBool(row.isTask),
      product_name: row.productName,
      workflow_name: row.workflowName,
      customer_id: row.customerId,
      workflow_target: row.workflowTarget,
    });
    this.family(
      'wfo_process_count',
      'Number of processes per status, creator, task, product, workflow, customer, and target.',
      'untyped',
      (s) =>
        s.processes.map((row) => ({ metricName: 'wfo_process_count', labels: processLabels(row), value: row.count })),
    );
    this.family('wfo_process_seconds_total_count', 'Total time spent on processes in seconds.', 'untyped', (s) =>
      s.processes.map((row) => ({
        metricName: 'wfo_process_seconds_total_count',
        labels: processLabels(row),
        value: row.totalSeconds,
      })),
    );
    this.family('wfo_engine_status', 'Current workflow engine status.', 'untyped', (s) =>
      GLOBAL_STATUSES.map((status) => ({
        metricName: 'wfo_engine_status',
        labels: { wfo_engine_status: status },
        value: s.engine.globalStatus === status ? 1 : 0,
      })),
    );
    this.family(
      'wfo_active_process_count',
      'Number of currently running processes in the workflow engine.',
      'untyped',
      (s) => [{ metricName: 'wfo_active_process_count', labels: {}, value: s.engine.runningProcesses }],
    );
  }

  private gauges(): void {
    const snapshot = () => this.snapshot;
    new Gauge({
      name: 'orchestrator_queue_jobs',
      help: 'Step jobs in the queue by state (waiting, active, delayed, prioritized, failed).',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const jobs = snapshot()?.queue.jobs;
        if (!jobs) return;
        for (const [state, count] of Object.entries(jobs)) this.set({ state }, count);
      },
    });
    new Gauge({
      name: 'orchestrator_queue_oldest_job_age_seconds',
      help: 'How long the oldest waiting step job has waited for a worker (0 when none waits).',
      registers: [this.registry],
      collect() {
        const queue = snapshot()?.queue;
        if (queue) this.set(queue.oldestWaitingAgeSeconds);
      },
    });
    new Gauge({
      name: 'orchestrator_workers',
      help: 'Workers seen within their last three heartbeats.',
      registers: [this.registry],
      collect() {
        const workers = snapshot()?.workers;
        if (workers !== undefined) this.set(workers);
      },
    });
  }
}
