import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { OrchestratorError } from '@orchestrator/engine';
import { ApiError, HTTP_STATUS_BY_CODE } from './api-error';

/** Maps body-parser failures and our error codes to the standard error body; anything else is a 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = toApiError(error);
    const status = known ? (HTTP_STATUS_BY_CODE[known.code] ?? 500) : 500;
    if (!known) logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    const body = known
      ? { code: known.code, message: known.message, details: known.details ?? [] }
      : { code: 'INTERNAL_ERROR', message: 'internal error; see the server log', details: [] };
    res.status(status).json({ error: body });
  };
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
    default:
      return undefined;
  }
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ApiError('NOT_FOUND', `no route for ${req.method} ${req.path}`));
};
