import type { ProcessStatus } from '@orchestrator/client';

// Typed by the API's ProcessStatus union: a status the API adds fails to compile here until it is placed.
const KIND: Record<ProcessStatus, 'open' | 'final'> = {
  created: 'open',
  running: 'open',
  suspended: 'open',
  waiting: 'open',
  awaiting_callback: 'open',
  failed: 'open',
  api_unavailable: 'open',
  inconsistent_data: 'open',
  resumed: 'open',
  aborted: 'final',
  completed: 'final',
};
const statuses = Object.keys(KIND) as ProcessStatus[];

/** A process in one of these never changes again (ENGINE.md 2). */
export const FINAL_STATUSES = statuses.filter((status) => KIND[status] === 'final');
/** Every other status: the process still has work or waits for someone. */
export const OPEN_STATUSES = statuses.filter((status) => KIND[status] === 'open');
/** What Retry resumes without a form; a suspended process is answered with its form instead. */
export const RETRYABLE_STATUSES: readonly ProcessStatus[] = [
  'failed',
  'waiting',
  'api_unavailable',
  'inconsistent_data',
];
