import type { Request } from 'express';
import { z, type ZodError } from 'zod';
import { ApiError, type ErrorDetail } from './api-error';

export { isUuid } from '@orchestrator/engine';

const MAX_DEPTH = 64;

/**
 * The JSON body as an object; no body means `{}`; anything but an object is a 400, and so is a body
 * that PostgreSQL could not store (NUL characters, lone surrogates) or that nests deeper than 64 levels.
 */
export function bodyObject(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === undefined) {
    if (hasBody(req)) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `request body must be JSON (content-type: application/json)`);
    }
    return {};
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError('VALIDATION_FAILED', 'request body must be a JSON object', [
      {
        path: '',
        message: `expected an object, got ${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body}`,
      },
    ]);
  }
  checkStorable(body, '', 0);
  return body as Record<string, unknown>;
}

/** A 400 for a value PostgreSQL's jsonb could not store, or one nesting too deep. */
export function assertStorable(value: unknown): void {
  checkStorable(value, '', 0);
}

function hasBody(req: Request): boolean {
  const length = Number(req.get('content-length') ?? 0);
  return length > 0 || req.get('transfer-encoding') !== undefined;
}

function checkStorable(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) {
    throw new ApiError('VALIDATION_FAILED', `request body nests deeper than ${MAX_DEPTH} levels`, [
      { path, message: 'too deeply nested' },
    ]);
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000') || !value.isWellFormed()) {
      throw new ApiError('VALIDATION_FAILED', 'request body holds text that cannot be stored', [
        { path, message: 'contains a NUL character or a lone UTF-16 surrogate' },
      ]);
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path === '' ? key : `${path}.${key}`;
    checkStorable(key, itemPath, depth + 1);
    checkStorable(item, itemPath, depth + 1);
  }
}

export function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** A query parameter listing values of `values`, comma-separated (`status=failed,waiting`). */
export function commaSeparated<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(values)));
}
