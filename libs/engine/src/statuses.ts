export const PROCESS_STATUSES = [
  'created',
  'running',
  'suspended',
  'waiting',
  'awaiting_callback',
  'failed',
  'api_unavailable',
  'inconsistent_data',
  'aborted',
  'completed',
  'resumed',
] as const;
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];

export const STEP_STATUSES = [
  'success',
  'skipped',
  'suspend',
  'waiting',
  'awaiting_callback',
  'failed',
  'abort',
  'complete',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** A process in one of these statuses never changes again. */
export const FINAL_STATUSES: readonly ProcessStatus[] = ['completed', 'aborted'];

/** Statuses from which `resume` (retry) is allowed. */
export const RESUMABLE_STATUSES: readonly ProcessStatus[] = [
  'suspended',
  'waiting',
  'awaiting_callback',
  'failed',
  'api_unavailable',
  'inconsistent_data',
  'resumed',
];

/** Statuses in which a worker may execute the next step when it is requested. */
export const EXECUTABLE_STATUSES: readonly ProcessStatus[] = ['created', 'running', 'resumed', 'waiting'];

export function isFinalStatus(status: ProcessStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function isExecutableStatus(status: ProcessStatus): boolean {
  return EXECUTABLE_STATUSES.includes(status);
}
