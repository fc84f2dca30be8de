import type { Request } from 'express';
import { ApiError } from '../api-error';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The content types a page of another site may send without asking first (no CORS preflight). */
const FORM_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * Cross-site requests (ENGINE.md 10, "cross-site requests"). A browser attaches Basic credentials (and
 * cookies) to a request any page sends, and a page of another site can send a POST with a form content
 * type or none at all without asking first. So, on every change (POST, PUT, PATCH, DELETE) of a route that
 * needs a credential:
 * 1. `text/plain`, `application/x-www-form-urlencoded` and `multipart/form-data` are refused (415), body or
 *    not, and so is a body of any other type than JSON;
 * 2. a change authenticated with Basic (the credential a browser sends on its own) must also carry the proof
 *    that a page of ours sent it, which another site's page cannot give without a CORS preflight we refuse:
 *    `Content-Type: application/json` (also for an empty body) or an `X-Requested-With` header; else 403.
 * Bearer credentials are never sent by a browser on its own, so rule 2 does not apply to them.
 */
export function crossSiteRefusal(req: Request, scheme: 'bearer' | 'basic' | null): ApiError | null {
  if (!CHANGES.has(req.method.toUpperCase())) return null;
  const type = mediaType(req.get('content-type'));
  if (type !== null && FORM_TYPES.has(type)) {
    return new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      `a change takes a JSON body (content-type: application/json) or none, not ${type}: pages of other sites can send that type`,
    );
  }
  if (hasBody(req) && !isJson(type)) {
    return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'request body must be JSON (content-type: application/json)');
  }
  if (scheme === 'basic' && !isJson(type) && req.get('x-requested-with') === undefined) {
    return new ApiError(
      'FORBIDDEN',
      'a change authenticated with Basic must send content-type: application/json or an X-Requested-With header (cross-site request protection)',
    );
  }
  return null;
}

function mediaType(header: string | undefined): string | null {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

function isJson(type: string | null): boolean {
  return type !== null && (type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json')));
}

function hasBody(req: Request): boolean {
  return Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
}
