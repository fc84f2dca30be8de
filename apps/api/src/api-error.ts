import { OrchestratorError } from '@orchestrator/engine';

/** Every error code the API answers with, and its HTTP status. */
export const HTTP_STATUS_BY_CODE = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  INVALID_CURSOR: 400,
  INVALID_QUERY: 400,
  BULK_TOO_LARGE: 400,
  NOT_A_TASK: 400,
  STALE_DATA: 400,
  WORKFLOW_NOT_ALLOWED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SUBSCRIPTION_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  WORKFLOW_NOT_FOUND: 404,
  PROCESS_NOT_FOUND: 404,
  SCHEDULE_NOT_FOUND: 404,
  INVALID_CALLBACK_TOKEN: 404,
  API_KEY_NOT_FOUND: 404,
  API_KEY_NAME_TAKEN: 409,
  INVALID_PROCESS_STATUS: 409,
  RESUME_ALL_IN_PROGRESS: 409,
  SUBSCRIPTION_NOT_IN_SYNC: 409,
  SUBSCRIPTION_LIFECYCLE: 409,
  SUBSCRIPTION_HAS_OPEN_PROCESSES: 409,
  CONCURRENT_CHANGE: 409,
  PRODUCT_IN_USE: 409,
  PRODUCT_NOT_ORDERABLE: 409,
  WORKFLOW_CHANGED: 409,
  WORKFLOW_REMOVED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  START_PREDICATE_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
  FORM_NOT_COMPLETE: 510,
  ENGINE_PAUSED: 503,
  AUTH_UNAVAILABLE: 503,
  CALLBACK_NOT_READY: 503,
  NOT_READY: 503,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof HTTP_STATUS_BY_CODE;

/** The HTTP status of an error code; a code the API does not know is an internal error. */
export function httpStatusOf(code: string): number {
  return Object.hasOwn(HTTP_STATUS_BY_CODE, code) ? HTTP_STATUS_BY_CODE[code as ApiErrorCode] : 500;
}

export interface ErrorDetail {
  path: string;
  message: string;
}

/** What a refused request was aimed at, for its audit row (a process, a workflow). */
export interface RefusedTarget {
  readonly targetType: string;
  readonly targetId: string | null;
}

/**
 * An error the API answers with its code's HTTP status and the standard `{"error": {...}}` body, and
 * `headers` (a 401's `WWW-Authenticate`, a 429's `Retry-After`).
 */
export class ApiError extends OrchestratorError {
  declare readonly code: ApiErrorCode;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly target: RefusedTarget | null;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ApiErrorCode,
    message: string,
    details?: ErrorDetail[],
    options: {
      headers?: Record<string, string | string[]>;
      target?: RefusedTarget;
      cause?: unknown;
      /** Fields of the answer beside `error` (a 510's `form` and `page`, ENGINE.md 13.7). */
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(code, message, details, { cause: options.cause });
    this.name = 'ApiError';
    this.headers = options.headers ?? {};
    this.target = options.target ?? null;
    this.extra = options.extra;
  }
}

/** 403 FORBIDDEN for a per-workflow rule's refusal (ENGINE.md 10.7); its audit row names `target`. */
export const forbidden = (reason: string, target: RefusedTarget) => new ApiError('FORBIDDEN', reason, [], { target });

export const processNotFound = (id: string) => new ApiError('PROCESS_NOT_FOUND', `process ${id} not found`);

export const subscriptionNotFound = (id: string) =>
  new ApiError('SUBSCRIPTION_NOT_FOUND', `subscription ${id} not found`);
