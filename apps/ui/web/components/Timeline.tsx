import { DeltaView } from './DeltaView';
import { JsonView } from './JsonView';
import { formatDuration, isExecuted, stepBars, type TimelineStep } from './timeline';

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString() : '—');

/** The steps in order: status, who, start/end, a duration bar; pending steps greyed; details on opening. */
export function Timeline({ steps }: { steps: readonly TimelineStep[] }) {
  const bars = stepBars(steps, Date.now());
  return (
    <ol className="timeline" aria-label="Steps">
      {steps.map((step, index) => {
        const bar = bars[index];
        if (!isExecuted(step)) {
          return (
            <li key={`pending-${index}`} className="step pending" data-step-status="pending">
              <div className="step-line">
                <span className="step-name">{step.name}</span>
                <span className="badge status-pending">pending</span>
              </div>
            </li>
          );
        }
        const failed = step.status === 'failed';
        return (
          <li key={step.id} className={`step step-${step.status}`} data-step-status={step.status}>
            <details open={failed}>
              <summary className="step-line">
                <span className="step-name">{step.name}</span>
                <span className={`badge step-status-${step.status}`}>{step.status}</span>
                <span className="muted">
                  {step.createdBy} · {time(step.startedAt)} – {time(step.completedAt)}
                </span>
                <span className="bar-track" aria-hidden="true">
                  {bar && <span className="bar" style={{ marginLeft: `${bar.left}%`, width: `${bar.width}%` }} />}
                </span>
                <span className="duration">{formatDuration(bar?.durationMs ?? null)}</span>
              </summary>
              <div className="step-body">
                {failed && step.error && <StepError error={step.error} />}
                <h4>Changed</h4>
                <DeltaView delta={step.stateDelta} />
                <h4>State after the step</h4>
                <JsonView value={step.state} label={`State after ${step.name}`} />
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}

function StepError({ error }: { error: Record<string, unknown> }) {
  const message = typeof error.message === 'string' ? error.message : JSON.stringify(error);
  const traceback = typeof error.traceback === 'string' ? error.traceback : null;
  return (
    <div className="step-error" role="group" aria-label="Error">
      <p className="error">{message}</p>
      {traceback && <pre className="traceback">{traceback}</pre>}
    </div>
  );
}
