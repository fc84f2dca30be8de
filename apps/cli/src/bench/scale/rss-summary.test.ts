import { rssSummary } from './rss-summary';

describe('rssSummary', () => {
  it('reports no growth for memory that is flat after start-up', () => {
    const flat = [40, 90, 120, ...Array.from({ length: 17 }, () => 130)];
    const summary = rssSummary([flat, flat], [135, 131]);
    expect(summary.peak_mb).toBe(135);
    expect(summary.growth_mb).toBe(0);
  });

  it('reports the growth of the worker that grew most', () => {
    const flat = Array.from({ length: 20 }, () => 100);
    const leaking = Array.from({ length: 20 }, (_, i) => 100 + i * 5);
    const summary = rssSummary([flat, leaking], [100, 195]);
    expect(summary.growth_mb).toBeGreaterThan(50);
    expect(summary.at_end_mb).toBeGreaterThan(summary.after_warm_up_mb);
  });
});
