import type { Request } from 'express';
import type { ZodError } from 'zod';
import { ApiError, type ErrorDetail } from './api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The acting user, from `X-User` until authentication exists (ENGINE.md 8.9). */
export function actingUser(req: Request): string {
  const header = req.get('x-user')?.trim();
  if (!header) return 'SYSTEM';
  if (header.length > 200) throw new ApiError('VALIDATION_FAILED', 'X-User header is longer than 200 characters');
  return header;
}

/** The JSON body as an object; no body means `{}`; anything but an object is a 400. */
export function bodyObject(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError('VALIDATION_FAILED', 'request body must be a JSON object', [
      { path: '', message: `expected an object, got ${Array.isArray(body) ? 'an array' : typeof body}` },
    ]);
  }
  return body as Record<string, unknown>;
}

export function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
