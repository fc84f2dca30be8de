import type { ChainableCommander, Redis } from 'ioredis';
import type { ClusterMetricSpec } from './metric-catalog';

// Each series is stored in one Redis hash (telemetryKeys().metrics) under a field that is the JSON array
// [name, labels] for a counter and [name, labels, part, le?] for a histogram's parts; cluster-metrics.ts
// reads them back.

interface CounterSeries {
  readonly field: string;
  pending: number;
}

interface HistogramSeries {
  readonly bucketFields: readonly string[];
  readonly sumField: string;
  readonly countField: string;
  readonly pending: number[];
  pendingSum: number;
  pendingCount: number;
}

/** A counter of this process whose increments are flushed to Redis. */
export class CounterDeltas {
  private readonly series = new Map<string, CounterSeries>();

  constructor(readonly spec: ClusterMetricSpec) {}

  inc(labelValues: readonly string[], by = 1): void {
    const key = labelValues.join('\u0000');
    let series = this.series.get(key);
    if (!series) {
      series = { field: JSON.stringify([this.spec.name, labelsOf(this.spec, labelValues)]), pending: 0 };
      this.series.set(key, series);
    }
    series.pending += by;
  }

  /** @internal */
  drainInto(commands: FlushCommand[]): void {
    for (const series of this.series.values()) {
      if (series.pending === 0) continue;
      const by = series.pending;
      series.pending = 0;
      commands.push({ kind: 'int', field: series.field, by, undo: () => (series.pending += by) });
    }
  }
}

/** A histogram of this process whose observations are flushed to Redis (per-bucket counts, sum, count). */
export class HistogramDeltas {
  private readonly series = new Map<string, HistogramSeries>();
  private readonly bounds: readonly number[];

  constructor(readonly spec: ClusterMetricSpec) {
    this.bounds = spec.buckets ?? [];
  }

  observe(labelValues: readonly string[], value: number): void {
    const key = labelValues.join('\u0000');
    let series = this.series.get(key);
    if (!series) {
      const labels = labelsOf(this.spec, labelValues);
      const field = (...rest: string[]) => JSON.stringify([this.spec.name, labels, ...rest]);
      series = {
        bucketFields: [...this.bounds.map((bound) => field('bucket', String(bound))), field('bucket', '+Inf')],
        sumField: field('sum'),
        countField: field('count'),
        pending: new Array<number>(this.bounds.length + 1).fill(0),
        pendingSum: 0,
        pendingCount: 0,
      };
      this.series.set(key, series);
    }
    let index = 0;
    while (index < this.bounds.length && value > (this.bounds[index] as number)) index += 1;
    series.pending[index] = (series.pending[index] as number) + 1;
    series.pendingSum += value;
    series.pendingCount += 1;
  }

  /** @internal */
  drainInto(commands: FlushCommand[]): void {
    for (const series of this.series.values()) {
      if (series.pendingCount === 0) continue;
      series.pending.forEach((by, index) => {
        if (by === 0) return;
        series.pending[index] = 0;
        const field = series.bucketFields[index] as string;
        commands.push({
          kind: 'int',
          field,
          by,
          undo: () => (series.pending[index] = (series.pending[index] ?? 0) + by),
        });
      });
      const sum = series.pendingSum;
      const count = series.pendingCount;
      series.pendingSum = 0;
      series.pendingCount = 0;
      commands.push({ kind: 'float', field: series.sumField, by: sum, undo: () => (series.pendingSum += sum) });
      commands.push({ kind: 'int', field: series.countField, by: count, undo: () => (series.pendingCount += count) });
    }
  }
}

interface FlushCommand {
  kind: 'int' | 'float';
  field: string;
  by: number;
  undo(): void;
}

/**
 * The counters and histograms of this process. Recording is a map update (nothing on the hot path touches
 * Redis); `flush` adds the increments since the last flush to the cluster-wide hash in one pipeline, and
 * puts back whatever Redis did not take, so nothing is lost while Redis is away.
 */
export class MetricDeltas {
  private readonly metrics: (CounterDeltas | HistogramDeltas)[] = [];

  constructor(private readonly key: string) {}

  counter(spec: ClusterMetricSpec): CounterDeltas {
    const counter = new CounterDeltas(spec);
    this.metrics.push(counter);
    return counter;
  }

  histogram(spec: ClusterMetricSpec): HistogramDeltas {
    const histogram = new HistogramDeltas(spec);
    this.metrics.push(histogram);
    return histogram;
  }

  /** Queues the pending increments on `pipeline`; the returned function takes back what Redis did not take. */
  addTo(pipeline: ChainableCommander): (results: [Error | null, unknown][] | null, offset: number) => void {
    const commands: FlushCommand[] = [];
    for (const metric of this.metrics) metric.drainInto(commands);
    for (const command of commands) {
      if (command.kind === 'int') pipeline.hincrby(this.key, command.field, command.by);
      else pipeline.hincrbyfloat(this.key, command.field, command.by);
    }
    return (results, offset) => {
      commands.forEach((command, index) => {
        if (!results || results[offset + index]?.[0]) command.undo();
      });
    };
  }

  /** Flushes on a pipeline of its own. */
  async flush(redis: Redis): Promise<void> {
    const pipeline = redis.pipeline();
    const settle = this.addTo(pipeline);
    let results: [Error | null, unknown][] | null = null;
    try {
      results = await pipeline.exec();
    } finally {
      settle(results, 0);
    }
  }
}

function labelsOf(spec: ClusterMetricSpec, values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  spec.labelNames.forEach((name, index) => (labels[name] = values[index] ?? ''));
  return labels;
}
