import type { ProcessStatus } from './statuses';
import type { StepError } from './step-types';

const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND']);
const UNAVAILABLE_HTTP_STATUSES = new Set([502, 503, 504]);

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

const MAX_MESSAGE = 10_000;
const MAX_STACK = 20_000;

/**
 * Text as the audit log can store it: no NUL characters and no lone surrogates (PostgreSQL refuses
 * both, and a failure that cannot be recorded would be retried forever), and bounded in length.
 */
export function storableText(text: string, maxLength = MAX_MESSAGE): string {
  const clean = text.replaceAll('\u0000', '\uFFFD').toWellFormed();
  return clean.length > maxLength
    ? `${clean.slice(0, maxLength)}... (${clean.length - maxLength} more characters)`
    : clean;
}

/** Turns anything thrown by a step into the logged error shape `{ class, message, stack, details? }`. */
export function toStepError(thrown: unknown): StepError {
  try {
    if (isErrorLike(thrown)) {
      const error: StepError = {
        class: storableText(String(thrown.name || thrown.constructor?.name || 'Error'), 200),
        message: storableText(String(thrown.message)),
        stack: typeof thrown.stack === 'string' ? storableText(thrown.stack, MAX_STACK) : null,
      };
      const details = httpDetails(thrown);
      if (details !== undefined) error.details = details;
      return error;
    }
    return { class: typeof thrown, message: storableText(safeString(thrown)), stack: null };
  } catch {
    // A thrown value with throwing getters, a revoked proxy: still a failure to record.
    return { class: 'Unknown', message: 'the step threw a value that could not be inspected', stack: null };
  }
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
    const text = JSON.stringify(value);
    if (text === undefined) return null;
    return text.length > MAX_STACK
      ? storableText(text, MAX_STACK)
      : (JSON.parse(text, (_key, item: unknown) => (typeof item === 'string' ? storableText(item) : item)) as unknown);
  } catch {
    return storableText(safeString(value));
  }
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
