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
