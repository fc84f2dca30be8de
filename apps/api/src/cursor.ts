import { ApiError } from './api-error';
import { isUuid } from './request-input';

export interface CursorPosition {
  startedAt: Date;
  processId: string;
}

/** An opaque keyset cursor: the (startedAt, processId) of the last item of the previous page. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.startedAt.toISOString(), position.processId])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [startedAt, processId] = decoded as unknown[];
      const date = typeof startedAt === 'string' ? new Date(startedAt) : undefined;
      const year = date?.getUTCFullYear() ?? Number.NaN;
      if (date && year >= 1970 && year <= 9999 && typeof processId === 'string' && isUuid(processId)) {
        return { startedAt: date, processId };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError('INVALID_CURSOR', 'cursor is not one this API handed out', [
    { path: 'cursor', message: 'invalid cursor' },
  ]);
}
