import { AsyncLocalStorage } from 'node:async_hooks';
import { outsideTrace, traceLogFields } from '@orchestrator/telemetry';

const fields = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs `fn` with `context` (a request id, say) added to every log line written while it runs, awaits included. */
export function withLogContext<T>(context: Record<string, unknown>, fn: () => T): T {
  return fields.run({ ...fields.getStore(), ...context }, fn);
}

/**
 * pino's mixin: the fields of the current log context, and `trace_id`/`span_id` of the active span when
 * tracing is on (ENGINE.md 12.3).
 */
export function logContextMixin(): Record<string, unknown> {
  const store = fields.getStore();
  const trace = traceLogFields();
  return store ? { ...store, ...trace } : trace;
}

/** Runs `fn` outside the current request: its log lines and spans no longer belong to that request. */
export function detachedFromRequest<T>(fn: () => T): T {
  return fields.exit(() => outsideTrace(fn));
}
