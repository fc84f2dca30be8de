import { expectOk, type ExecutedStep, type ProcessDetail } from '@orchestrator/client';
import { authorizationOf, type ApiConnection } from './api-connection';

/** Where `processes wait` stops: the process no longer moves by itself. `waiting` (a retry's backoff) moves on. */
const SETTLED = new Set([
  'completed',
  'aborted',
  'failed',
  'suspended',
  'awaiting_callback',
  'api_unavailable',
  'inconsistent_data',
]);
const POLL_MS = 500;

export interface FollowOptions {
  /** Each executed step once, as it appears in the log. */
  onStep(step: ExecutedStep): void;
  /** Polled (no live events on this API) or live. */
  onMode?(mode: 'live' | 'polling'): void;
  timeoutMs?: number;
}

/**
 * Follows a process until it settles and returns its detail. It listens to the live events
 * (`GET /api/events?processId=`, ENGINE.md 11.4) and reads the detail after each; an API without them (404)
 * is polled every half second instead. Either way every step is shown once, in order.
 */
export async function followProcess(
  connection: ApiConnection,
  id: string,
  options: FollowOptions,
): Promise<ProcessDetail> {
  const deadline = Date.now() + (options.timeoutMs ?? 24 * 3_600_000);
  let shown = 0;
  const refresh = async (): Promise<ProcessDetail> => {
    const detail = expectOk(await connection.client.GET('/api/processes/{id}', { params: { path: { id } } }));
    const executed = detail.steps.filter((step): step is ExecutedStep => step.status !== 'pending');
    for (const step of executed.slice(shown)) options.onStep(step);
    shown = Math.max(shown, executed.length);
    return detail;
  };
  let detail = await refresh();
  if (SETTLED.has(detail.status)) return detail;
  const events = new AbortController();
  const response = await fetch(`${connection.baseUrl}/api/events?processId=${encodeURIComponent(id)}`, {
    headers: { ...authorizationOf(connection), accept: 'text/event-stream' },
    signal: events.signal,
  }).catch(() => null);
  try {
    if (response?.ok && response.body) {
      options.onMode?.('live');
      // The detail again after every event of this process (and after a reset), until it settles.
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      detail = await refresh(); // a change between the first read and the subscription
      while (!SETTLED.has(detail.status)) {
        if (Date.now() > deadline) throw new Error(`process ${id} did not settle in time`);
        const { value, done } = await reader.read();
        if (done) return await poll();
        buffer += value;
        const messages = buffer.split('\n\n');
        buffer = messages.pop() ?? '';
        if (messages.some((message) => /^(data|event):/m.test(message))) detail = await refresh();
      }
      return detail;
    }
    options.onMode?.('polling');
    return await poll();
  } finally {
    events.abort();
  }

  async function poll(): Promise<ProcessDetail> {
    while (!SETTLED.has(detail.status)) {
      if (Date.now() > deadline) throw new Error(`process ${id} did not settle in time`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      detail = await refresh();
    }
    return detail;
  }
}
