import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { OrchestratorError } from '@orchestrator/engine';
import { ApiError, httpStatusOf } from './api-error';
import type { HealthChecks } from './routes/health';
import { recordRefusal, type RefusalTrail } from './security/refusal-audit';
import { outageBehind, RETRY_AFTER_SECONDS, serviceUnavailable } from './service-outage';

/**
 * Maps body-parser failures and our error codes to the standard error body (never a stack trace). An error no
 * route expected is a 503 SERVICE_UNAVAILABLE naming the service when PostgreSQL or Redis is out (ENGINE.md
 * 15.2), and only otherwise a 500. A refusal (401 naming a user, 403) gets its audit row before the answer
 * goes out.
 */
export function errorHandler(logger: Logger, health: HealthChecks, trail: RefusalTrail): ErrorRequestHandler {
  const answer = async (error: unknown, req: Request, res: Response): Promise<void> => {
    let known = toApiError(error);
    if (!known) {
      const service = await outageBehind(error, health);
      const where = { method: req.method, path: loggablePath(req.path) };
      if (service) {
        known = serviceUnavailable(service);
        logger.warn({ ...where, service, reason: (error as Error)?.message }, 'request failed: dependency unavailable');
      } else logger.error({ err: error, ...where }, 'request failed');
    } else {
      await recordRefusal(trail, req, known, logger);
    }
    if (res.headersSent) return;
    const status = known ? httpStatusOf(known.code) : 500;
    if (known?.code === 'SERVICE_UNAVAILABLE') res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    if (known instanceof ApiError) res.set(known.headers);
    const body = known
      ? { code: known.code, message: known.message, details: known.details ?? [] }
      : { code: 'INTERNAL_ERROR', message: 'internal error; see the server log', details: [] };
    res.status(status).json({ error: body, ...(known instanceof ApiError ? known.extra : undefined) });
  };
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    answer(error, req, res).catch(next);
  };
}

/** Callback tokens are secrets: they never reach the log. */
function loggablePath(path: string): string {
  return path.replace(/\/callback\/[^/]+/, '/callback/[redacted]');
}

function toApiError(error: unknown): OrchestratorError | undefined {
  if (error instanceof OrchestratorError) return error;
  const parserError = error as { type?: string; status?: number; message?: string };
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return new ApiError('MALFORMED_JSON', `request body is not valid JSON: ${parserError.message ?? ''}`.trim());
    case 'entity.too.large':
      return new ApiError('PAYLOAD_TOO_LARGE', 'request body is larger than 1 MB');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError('UNSUPPORTED_MEDIA_TYPE', parserError.message ?? 'unsupported encoding');
  }
  // Anything else Express or its body parser marks as the client's fault (an aborted or mis-sized body,
  // a broken gzip stream, a malformed URI) is a 400, never a 500.
  if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return new ApiError('BAD_REQUEST', parserError.message ?? 'bad request');
  }
  // A value PostgreSQL refuses (SQLSTATE class 22, data exception) came from the request.
  const sqlState = (error as { code?: unknown })?.code;
  if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
    return new ApiError(
      'VALIDATION_FAILED',
      `a value in the request cannot be stored: ${parserError.message ?? sqlState}`,
    );
  }
  return undefined;
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ApiError('NOT_FOUND', `no route for ${req.method} ${req.path}`));
};
