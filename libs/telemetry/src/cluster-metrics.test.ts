import type { ChainableCommander } from 'ioredis';
import { clusterSamples } from './cluster-metrics';
import { STEP_DURATION, STEPS_TOTAL } from './metric-catalog';
import { MetricDeltas } from './metric-deltas';

/** A pipeline that applies HINCRBY/HINCRBYFLOAT to a plain object, as Redis would. */
function fakePipeline(hash: Record<string, string>) {
  const queued: (() => void)[] = [];
  const add = (field: string, by: number) => queued.push(() => (hash[field] = String(Number(hash[field] ?? 0) + by)));
  const pipeline = {
    get length() {
      return queued.length;
    },
    hincrby: (_key: string, field: string, by: number) => add(field, by),
    hincrbyfloat: (_key: string, field: string, by: number) => add(field, by),
  } as unknown as ChainableCommander;
  return { pipeline, exec: () => queued.map((apply) => (apply(), [null, 1] as [null, number])) };
}

describe('cluster-wide metrics', () => {
  it('sum what every process flushed and read it back as Prometheus samples, buckets cumulative', () => {
    const hash: Record<string, string> = {};
    for (const observations of [[0.003, 0.2], [0.004]]) {
      const deltas = new MetricDeltas('m');
      const steps = deltas.counter(STEPS_TOTAL);
      const durations = deltas.histogram(STEP_DURATION);
      for (const seconds of observations) {
        steps.inc(['wf', 'Step', 'success']);
        durations.observe(['wf'], seconds);
      }
      const { pipeline, exec } = fakePipeline(hash);
      deltas.addTo(pipeline)(exec(), 0);
    }
    const samples = clusterSamples(hash, [STEPS_TOTAL, STEP_DURATION]);
    expect(samples.get('orchestrator_steps_total')).toEqual([
      { metricName: 'orchestrator_steps_total', labels: { workflow: 'wf', step: 'Step', status: 'success' }, value: 3 },
    ]);
    const histogram = samples.get('orchestrator_step_duration_seconds') ?? [];
    const bucket = (le: string) => histogram.find((s) => s.labels.le === le)?.value;
    expect([bucket('0.0025'), bucket('0.005'), bucket('0.1'), bucket('0.25'), bucket('+Inf')]).toEqual([0, 2, 2, 3, 3]);
    expect(histogram.find((s) => s.metricName.endsWith('_count'))?.value).toBe(3);
    expect(histogram.find((s) => s.metricName.endsWith('_sum'))?.value).toBeCloseTo(0.207);
  });

  it('keep the increments Redis did not take, for the next flush', () => {
    const deltas = new MetricDeltas('m');
    deltas.counter(STEPS_TOTAL).inc(['wf', 'Step', 'failed'], 2);
    const hash: Record<string, string> = {};
    const failing = fakePipeline(hash);
    deltas.addTo(failing.pipeline)(null, 0);
    expect(hash).toEqual({});
    const { pipeline, exec } = fakePipeline(hash);
    deltas.addTo(pipeline)(exec(), 0);
    expect(Object.values(hash)).toEqual(['2']);
  });
});
