import type { Redis } from 'ioredis';
import type { ClusterMetricSpec } from './metric-catalog';

/** One sample as prom-client renders it: `metricName{labels} value`. */
export interface MetricSample {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/** The cluster-wide samples of each family, by family name, as summed in Redis. */
export type ClusterSamples = Map<string, MetricSample[]>;

/** Reads the hash every process flushes into and turns it back into samples (histogram buckets cumulative). */
export async function readClusterSamples(
  redis: Redis,
  key: string,
  specs: readonly ClusterMetricSpec[],
): Promise<ClusterSamples> {
  return clusterSamples(await redis.hgetall(key), specs);
}

export function clusterSamples(hash: Record<string, string>, specs: readonly ClusterMetricSpec[]): ClusterSamples {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const samples: ClusterSamples = new Map(specs.map((spec) => [spec.name, []]));
  const histograms = new Map<string, HistogramParts>();
  for (const [field, raw] of Object.entries(hash)) {
    const parsed = parseField(field);
    const spec = parsed && byName.get(parsed.name);
    if (!parsed || !spec) continue;
    const value = Number(raw);
    if (spec.type === 'counter') {
      samples.get(spec.name)?.push({ metricName: spec.name, labels: parsed.labels, value });
      continue;
    }
    const seriesKey = `${spec.name}\u0000${JSON.stringify(parsed.labels)}`;
    let parts = histograms.get(seriesKey);
    if (!parts) {
      parts = { spec, labels: parsed.labels, buckets: new Map(), sum: 0, count: 0 };
      histograms.set(seriesKey, parts);
    }
    if (parsed.part === 'bucket' && parsed.le !== undefined) parts.buckets.set(parsed.le, value);
    else if (parsed.part === 'sum') parts.sum = value;
    else if (parsed.part === 'count') parts.count = value;
  }
  for (const parts of histograms.values()) samples.get(parts.spec.name)?.push(...histogramSamples(parts));
  return samples;
}

interface HistogramParts {
  spec: ClusterMetricSpec;
  labels: Record<string, string>;
  buckets: Map<string, number>;
  sum: number;
  count: number;
}

function histogramSamples(parts: HistogramParts): MetricSample[] {
  const { spec, labels } = parts;
  const out: MetricSample[] = [];
  let cumulative = 0;
  for (const bound of [...(spec.buckets ?? []).map(String), '+Inf']) {
    cumulative += parts.buckets.get(bound) ?? 0;
    out.push({ metricName: `${spec.name}_bucket`, labels: { ...labels, le: bound }, value: cumulative });
  }
  out.push({ metricName: `${spec.name}_sum`, labels, value: parts.sum });
  out.push({ metricName: `${spec.name}_count`, labels, value: parts.count });
  return out;
}

function parseField(
  field: string,
): { name: string; labels: Record<string, string>; part?: string; le?: string } | undefined {
  try {
    const [name, labels, part, le] = JSON.parse(field) as [unknown, unknown, unknown, unknown];
    if (typeof name !== 'string' || labels === null || typeof labels !== 'object') return undefined;
    return {
      name,
      labels: labels as Record<string, string>,
      part: typeof part === 'string' ? part : undefined,
      le: typeof le === 'string' ? le : undefined,
    };
  } catch {
    return undefined;
  }
}
