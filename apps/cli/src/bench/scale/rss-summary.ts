const round = (mb: number) => Math.round(mb * 10) / 10;

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The samples from `from` to `to` (fractions of the run). */
function slice(samples: readonly number[], from: number, to: number): number[] {
  const start = Math.floor(samples.length * from);
  return samples.slice(start, Math.max(start + 1, Math.floor(samples.length * to)));
}

/**
 * Worker memory over a drain: the peak (VmHWM, which no sampling can miss), and growth: the median RSS
 * over the last fifth of the run minus the median between 10 % and 30 % of it (after start-up and the
 * first steps have loaded everything), for the worker that grew most.
 */
export function rssSummary(samplesPerWorker: readonly (readonly number[])[], peakPerWorkerMb: readonly number[]) {
  const perWorker = samplesPerWorker.map((samples) => {
    const warm = medianOf(slice(samples, 0.1, 0.3));
    const end = medianOf(slice(samples, 0.8, 1));
    return { warm, end, growth: end - warm, sampledPeak: Math.max(...samples) };
  });
  const worst = perWorker.reduce(
    (a, b) => (b.growth > a.growth ? b : a),
    perWorker[0] ?? { warm: 0, end: 0, growth: 0 },
  );
  return {
    peak_mb: round(Math.max(...peakPerWorkerMb)),
    peak_per_worker_mb: peakPerWorkerMb.map(round),
    after_warm_up_mb: round(worst.warm),
    at_end_mb: round(worst.end),
    growth_mb: round(worst.growth),
    samples_per_worker: samplesPerWorker[0]?.length ?? 0,
  };
}
