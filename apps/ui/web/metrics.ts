/** The sums of a Prometheus text exposition's samples by metric name and one label's value. */
export function sumSamples(text: string, metric: string, label?: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== metric) continue;
    const value = Number(match[3]);
    if (!Number.isFinite(value)) continue;
    const labelValue = label ? (new RegExp(`${label}="([^"]*)"`).exec(match[2] ?? '')?.[1] ?? '') : '';
    sums.set(labelValue, (sums.get(labelValue) ?? 0) + value);
  }
  return sums;
}

export interface RateSample {
  at: number;
  steps: number;
  failures: number;
}

const SAMPLES_KEY = 'orchestrator.step-samples';
const KEEP_MS = 3 * 60 * 60 * 1000;

/**
 * The step counters as seen by this tab over time (the API keeps no history; Prometheus does): kept in
 * sessionStorage for up to 3 hours, so that a reload keeps the chart.
 */
export function recordSample(sample: RateSample): RateSample[] {
  let samples: RateSample[] = [];
  try {
    samples = JSON.parse(sessionStorage.getItem(SAMPLES_KEY) ?? '[]') as RateSample[];
  } catch {
    samples = [];
  }
  const last = samples.at(-1);
  // A counter that went down is a restarted cluster: start over.
  if (last && (sample.steps < last.steps || sample.failures < last.failures)) samples = [];
  samples = [...samples.filter((old) => sample.at - old.at < KEEP_MS), sample];
  sessionStorage.setItem(SAMPLES_KEY, JSON.stringify(samples));
  return samples;
}

export interface RatePoint {
  at: number;
  stepsPerMinute: number;
  failuresPerMinute: number;
}

export function perMinute(samples: readonly RateSample[]): RatePoint[] {
  const points: RatePoint[] = [];
  for (let i = 1; i < samples.length; i += 1) {
    const previous = samples[i - 1] as RateSample;
    const current = samples[i] as RateSample;
    const minutes = (current.at - previous.at) / 60_000;
    if (minutes <= 0) continue;
    points.push({
      at: current.at,
      stepsPerMinute: (current.steps - previous.steps) / minutes,
      failuresPerMinute: (current.failures - previous.failures) / minutes,
    });
  }
  return points;
}
