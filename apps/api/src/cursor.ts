import { ApiError } from './api-error';
import { isUuid } from './request-input';

export interface CursorPosition {
  startedAt: Date;
  processId: string;
}

/** A keyset position: the (timestamp, id) of the last item of the previous page. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

/** An opaque keyset cursor: the (startedAt, processId) of the last item of the previous page. */
export function encodeCursor(position: CursorPosition): string {
  return encodeKeyset({ at: position.startedAt, id: position.processId });
}

export function decodeCursor(cursor: string): CursorPosition {
  const { at, id } = decodeKeyset(cursor);
  return { startedAt: at, processId: id };
}

/** An opaque keyset cursor for any list ordered by (timestamp DESC, uuid DESC). */
export function encodeKeyset(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

export function decodeKeyset(cursor: string): KeysetPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [at, id] = decoded as unknown[];
      const date = typeof at === 'string' ? new Date(at) : undefined;
      const year = date?.getUTCFullYear() ?? Number.NaN;
      if (date && year >= 1970 && year <= 9999 && typeof id === 'string' && isUuid(id)) {
        return { at: date, id };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError('INVALID_CURSOR', 'cursor is not one this API handed out', [
    { path: 'cursor', message: 'invalid cursor' },
  ]);
}
