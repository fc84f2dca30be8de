import type { StateDelta } from '@orchestrator/client';

const text = (value: unknown) => JSON.stringify(value);

/** What a step changed in the state: added keys green, changed yellow (before → after), removed red. */
export function DeltaView({ delta }: { delta: StateDelta }) {
  const added = Object.entries(delta.added);
  const changed = Object.entries(delta.changed);
  const removed = Object.entries(delta.removed);
  if (added.length + changed.length + removed.length === 0) return <p className="muted">No change to the state.</p>;
  return (
    <ul className="delta" aria-label="State changes">
      {added.map(([key, value]) => (
        <li key={`a-${key}`} className="added">
          + <code>{key}</code>: {text(value)}
        </li>
      ))}
      {changed.map(([key, value]) => (
        <li key={`c-${key}`} className="changed">
          ~ <code>{key}</code>: {text(value.before)} → {text(value.after)}
        </li>
      ))}
      {removed.map(([key, value]) => (
        <li key={`r-${key}`} className="removed">
          − <code>{key}</code>: {text(value)}
        </li>
      ))}
    </ul>
  );
}
