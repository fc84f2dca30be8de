import { ApiRequestError, type ApiErrorBody } from '@orchestrator/client';

/** An answer's data, or an ApiRequestError carrying the status and the standard error body. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ApiRequestError(result.response.status, result.error as ApiErrorBody | undefined);
}

/** What to tell a person about a failed call. */
export function errorText(error: unknown): string {
  if (error instanceof ApiRequestError) return error.body?.error?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The next page of a multi-page form (510 FORM_NOT_COMPLETE), if that is what the API answered. */
export function nextFormPage(error: unknown): { form: Record<string, unknown>; page: number } | null {
  if (!(error instanceof ApiRequestError) || error.status !== 510) return null;
  const body = error.body as { form?: Record<string, unknown>; page?: number } | undefined;
  return body?.form ? { form: body.form, page: body.page ?? 0 } : null;
}

export interface FieldErrors {
  [field: string]: FieldErrors | string[] | undefined;
  __errors?: string[];
}

/**
 * The API's VALIDATION_FAILED details (`path` dotted, a multi-page answer's starting with the page index) as
 * react-jsonschema-form's extraErrors, so that each message shows at its field.
 */
export function fieldErrors(error: unknown, multiPage: boolean): FieldErrors | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'VALIDATION_FAILED') return null;
  const errors: FieldErrors = {};
  for (const detail of error.body?.error.details ?? []) {
    const path = detail.path.split('.').filter((part) => part !== '');
    if (multiPage && /^\d+$/.test(path[0] ?? '')) path.shift();
    let node = errors;
    for (const part of path) node = (node[part] ??= {}) as FieldErrors;
    (node.__errors ??= []).push(detail.message);
  }
  return errors;
}
