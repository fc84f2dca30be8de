import { OrchestratorError } from '@orchestrator/engine';

/** Every error code the API answers with, and its HTTP status. */
export const HTTP_STATUS_BY_CODE = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  INVALID_CURSOR: 400,
  NOT_A_TASK: 400,
  STALE_DATA: 400,
  WORKFLOW_NOT_ALLOWED: 400,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  SUBSCRIPTION_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  WORKFLOW_NOT_FOUND: 404,
  PROCESS_NOT_FOUND: 404,
  INVALID_CALLBACK_TOKEN: 404,
  INVALID_PROCESS_STATUS: 409,
  RESUME_ALL_IN_PROGRESS: 409,
  SUBSCRIPTION_NOT_IN_SYNC: 409,
  SUBSCRIPTION_LIFECYCLE: 409,
  SUBSCRIPTION_HAS_OPEN_PROCESSES: 409,
  CONCURRENT_CHANGE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  START_PREDICATE_FAILED: 412,
  ENGINE_PAUSED: 503,
  CALLBACK_NOT_READY: 503,
  NOT_READY: 503,
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

/** An error the API answers with its code's HTTP status and the standard `{"error": {...}}` body. */
export class ApiError extends OrchestratorError {
  declare readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string, details?: ErrorDetail[]) {
    super(code, message, details);
    this.name = 'ApiError';
  }
}

export const processNotFound = (id: string) => new ApiError('PROCESS_NOT_FOUND', `process ${id} not found`);

export const subscriptionNotFound = (id: string) =>
  new ApiError('SUBSCRIPTION_NOT_FOUND', `subscription ${id} not found`);
