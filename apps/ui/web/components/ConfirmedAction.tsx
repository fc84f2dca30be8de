import { useState } from 'react';

/**
 * A button whose action asks first: `label` opens the question, `confirmLabel` does it, Cancel backs out.
 */
export function ConfirmedAction({
  label,
  question,
  confirmLabel,
  busy,
  danger,
  onConfirm,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm(): void;
}) {
  const [asking, setAsking] = useState(false);
  const style = danger ? 'danger' : undefined;
  if (!asking) {
    return (
      <button type="button" className={style} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span role="group" aria-label={`Confirm ${label.toLowerCase()}`} className="confirm">
      {question}
      <button type="button" className={style} onClick={onConfirm} disabled={busy}>
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
