import type { ProcessStatus } from './statuses';
import type { StepError } from './step-types';

const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND']);
const UNAVAILABLE_HTTP_STATUSES = new Set([502, 503, 504]);

/** Turns anything thrown by a step into the logged error shape `{ class, message, stack, details? }`. */
/**
 * Duck-typed rather than `instanceof Error`: errors from another realm (a VM context, a test sandbox)
 * are errors too.
 */
function isErrorLike(value: unknown): value is Error {
  return (
    value instanceof Error ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as Error).message === 'string' &&
      typeof (value as Error).name === 'string')
  );
}

export function toStepError(thrown: unknown): StepError {
  if (isErrorLike(thrown)) {
    const error: StepError = {
      class: thrown.name || thrown.constructor?.name || 'Error',
      message: thrown.message,
      stack: thrown.stack ?? null,
    };
    const details = httpDetails(thrown);
    if (details !== undefined) error.details = details;
    return error;
  }
  return { class: typeof thrown, message: safeString(thrown), stack: null };
}

/**
 * Status of a task whose step failed for good: an assertion means the data is inconsistent, an
 * unreachable or overloaded upstream means the API is unavailable (ENGINE.md 8.14).
 */
export function failedTaskStatus(thrown: unknown): ProcessStatus {
  if (isErrorLike(thrown) && thrown.name === 'AssertionError') return 'inconsistent_data';
  const status = httpStatusOf(thrown);
  if (status !== undefined && UNAVAILABLE_HTTP_STATUSES.has(status)) return 'api_unavailable';
  const code = (thrown as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return 'api_unavailable';
  return 'failed';
}

function httpStatusOf(thrown: unknown): number | undefined {
  if (thrown === null || typeof thrown !== 'object') return undefined;
  const candidate = thrown as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } };
  for (const value of [candidate.status, candidate.statusCode, candidate.response?.status]) {
    if (typeof value === 'number') return value;
  }
  return undefined;
}

function httpDetails(thrown: Error): unknown {
  const status = httpStatusOf(thrown);
  if (status === undefined) return undefined;
  const body = (thrown as { response?: { data?: unknown; body?: unknown } }).response;
  const responseBody = body?.data ?? body?.body;
  return responseBody === undefined ? { status } : { status, body: safeJson(responseBody) };
}

function safeJson(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return safeString(value);
  }
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
