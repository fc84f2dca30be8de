import type { RequestHandler } from 'express';

/**
 * Headers on every answer (ENGINE.md 10.11), written here rather than by helmet: the few that matter for a
 * JSON API and Bull Board's page, without helmet's Content-Security-Policy, which Bull Board's page would
 * break (the UI brings its own CSP). No `Strict-Transport-Security`: TLS ends at the proxy in front, which
 * sets it.
 */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  next();
};

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Request-Id, Last-Event-ID';

/**
 * CORS, off unless CORS_ORIGINS lists origins. A listed origin may call with a Bearer credential (the
 * Authorization header is allowed, a preflight is answered 204 without a credential); credentials a browser
 * adds on its own (cookies, Basic) are never allowed cross-origin (no Allow-Credentials), and an origin not
 * listed gets no CORS header at all, so the browser keeps the answer from its page.
 */
export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (allowed.size === 0 || origin === undefined) return next();
    res.vary('Origin');
    if (!allowed.has(origin)) return next();
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Expose-Headers', 'Retry-After, WWW-Authenticate, X-Request-Id');
    if (req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined) {
      res.set({
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      res.status(204).end();
      return;
    }
    next();
  };
}
