/** Nearest-rank percentile of unsorted numbers, rounded to 0.1. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? Number.NaN;
  return Math.round(value * 10) / 10;
}

export function ratio(ours: number, floor: number): number {
  return Math.round((ours / floor) * 100) / 100;
}

/** The middle element by `key` (the upper middle for an even count). */
export function median<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('median of nothing');
  return middle;
}
