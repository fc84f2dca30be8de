import { renderToStaticMarkup } from 'react-dom/server';
import type { ExecutedStep } from '@orchestrator/client';
import { Timeline } from './Timeline';
import { formatDuration, stepBars, type TimelineStep } from './timeline';

const executed = (
  name: string,
  status: ExecutedStep['status'],
  from: string,
  to: string | null,
  extra: Partial<ExecutedStep> = {},
): ExecutedStep => ({
  id: `id-${name}`,
  name,
  status,
  state: { vlan: 7 },
  stateDelta: { added: {}, changed: {}, removed: {} },
  error: null,
  createdBy: 'olga',
  startedAt: from,
  completedAt: to,
  retries: 0,
  branch: null,
  ...extra,
});

const steps: TimelineStep[] = [
  executed('Plan', 'success', '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:01.000Z', {
    stateDelta: { added: { planned: true }, changed: { vlan: { before: 5, after: 7 } }, removed: { old: 1 } },
  }),
  executed('Reach device', 'failed', '2026-01-01T10:00:01.000Z', '2026-01-01T10:00:04.000Z', {
    error: { message: 'device refused', traceback: 'Error: device refused\n    at reach (steps.ts:3)' },
  }),
  { name: 'Done', status: 'pending' },
];

describe('the step timeline', () => {
  it('draws each executed step as a bar on one time axis, and none for a pending step', () => {
    const bars = stepBars(steps, Date.parse('2026-01-01T10:00:10.000Z'));
    expect(bars[0]).toEqual({ left: 0, width: 25, durationMs: 1000 });
    expect(bars[1]).toEqual({ left: 25, width: 75, durationMs: 3000 });
    expect(bars[2]).toBeNull();
  });

  it('runs a step without an end up to now', () => {
    const running = [executed('Wait', 'success', '2026-01-01T10:00:00.000Z', null)];
    expect(stepBars(running, Date.parse('2026-01-01T10:00:02.000Z'))[0]).toEqual({
      left: 0,
      width: 100,
      durationMs: null,
    });
    expect(formatDuration(null)).toBe('running');
    expect([formatDuration(250), formatDuration(1500), formatDuration(125_000)]).toEqual([
      '250 ms',
      '1.5 s',
      '2 min 5 s',
    ]);
  });

  it('shows status, who and duration, greys pending steps, highlights the delta and opens a failed step on its error', () => {
    const html = renderToStaticMarkup(<Timeline steps={steps} />);
    expect(html).toContain('data-step-status="pending"');
    expect(html).toMatch(/class="step pending"[^>]*>.*Done/);
    expect(html).toContain('olga');
    expect(html).toContain('1.0 s');
    expect(html).toMatch(/class="added">\+ <code>planned<\/code>: true/);
    expect(html).toMatch(/class="changed">~ <code>vlan<\/code>: 5 → 7/);
    expect(html).toMatch(/class="removed">− <code>old<\/code>: 1/);
    // The failed step is open and shows its error and traceback; the successful one is closed.
    expect(html).toMatch(/data-step-status="failed"><details open="">/);
    expect(html).toMatch(/data-step-status="success"><details>/);
    expect(html).toContain('<p class="error">device refused</p>');
    expect(html).toContain('at reach (steps.ts:3)');
  });
});
