/** Base of every error the orchestrator raises on purpose; `code` is stable and mapped to HTTP by the API. */
export class OrchestratorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OrchestratorError';
  }
}

/**
 * A step ran longer than its `timeoutMs` (ENGINE.md 14.4). Recorded as the step's failure like any other
 * (a retryStep waits and retries); the step's writes are rolled back and whatever it returns later is ignored.
 */
export class StepTimeoutError extends OrchestratorError {
  constructor(
    readonly stepName: string,
    readonly timeoutMs: number,
  ) {
    super('STEP_TIMEOUT', `step "${stepName}" did not finish within its timeoutMs of ${timeoutMs} ms`);
    this.name = 'StepTimeoutError';
  }
}
