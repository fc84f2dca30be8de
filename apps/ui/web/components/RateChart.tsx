import type { RatePoint } from '../metrics';

const WIDTH = 600;
const HEIGHT = 160;

/** Steps and failures per minute as two lines (SVG, no chart library). */
export function RateChart({ points }: { points: readonly RatePoint[] }) {
  if (points.length < 2) return <p className="muted">Collecting samples (one every 10 s)…</p>;
  const first = (points[0] as RatePoint).at;
  const span = Math.max((points.at(-1) as RatePoint).at - first, 1);
  const top = Math.max(1, ...points.map((point) => point.stepsPerMinute));
  const line = (value: (point: RatePoint) => number) =>
    points
      .map(
        (point) =>
          `${(((point.at - first) / span) * WIDTH).toFixed(1)},${(HEIGHT - (value(point) / top) * HEIGHT).toFixed(1)}`,
      )
      .join(' ');
  const latest = points.at(-1) as RatePoint;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Steps and failures per minute">
        <polyline points={line((point) => point.stepsPerMinute)} className="line-steps" />
        <polyline points={line((point) => point.failuresPerMinute)} className="line-failures" />
      </svg>
      <figcaption>
        <span className="legend-steps">steps/min {latest.stepsPerMinute.toFixed(1)}</span> ·{' '}
        <span className="legend-failures">failures/min {latest.failuresPerMinute.toFixed(1)}</span> · peak{' '}
        {top.toFixed(0)} · since {new Date(first).toLocaleTimeString()}
      </figcaption>
    </figure>
  );
}
