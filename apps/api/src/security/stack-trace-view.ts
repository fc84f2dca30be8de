import { roleIncludes, type Role } from '@orchestrator/auth';

interface WithFailure {
  traceback: string | null;
  steps?: ({ error?: unknown } | object)[];
}

/**
 * What a failure shows to whom (ENGINE.md 10, "what a read role sees"): a stack trace names the server's
 * files and paths, which a reader (a NOC dashboard, an auditor) has no use for. The read role sees each
 * failed step's error class and message (and `failedReason`); `traceback` and every `error.stack` are null
 * for it. Operate and admin, who retry and fix, see them whole.
 */
export function withStackTracesFor<T extends WithFailure>(role: Role | null, process: T): T {
  if (roleIncludes(role, 'operate')) return process;
  return {
    ...process,
    traceback: null,
    ...(process.steps ? { steps: process.steps.map(withoutStack) } : {}),
  };
}

function withoutStack<S extends { error?: unknown } | object>(step: S): S {
  if (!('error' in step) || step.error === null || typeof step.error !== 'object') return step;
  return { ...step, error: { ...step.error, stack: null } };
}
