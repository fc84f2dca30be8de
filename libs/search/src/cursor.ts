import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalidCursor } from './errors';
import { readNumber, readUuid } from './field-values';
import type { Sort, SortKeyKind } from './sort';

/** Where a page ended: the sort key of its last row as text (NULL as null) and that row's id. */
export interface CursorPosition {
  key: string | null;
  id: string;
}

export interface CursorOptions {
  /** When set, cursors carry an HMAC of their content and a cursor without a valid one is refused. */
  secret?: string;
}

const VERSION = 1;
const MAX_CURSOR_LENGTH = 4096;

/** base64url of `{"v":1,"list","sort","key","id"}` (and `"sig"` with a secret). */
export function encodeCursor(sort: Sort, position: CursorPosition, options: CursorOptions = {}): string {
  const body = { v: VERSION, list: sort.list, sort: sort.text, key: position.key, id: position.id };
  const signed = options.secret ? { ...body, sig: signature(options.secret, body) } : body;
  return Buffer.from(JSON.stringify(signed)).toString('base64url');
}

/**
 * Reads a cursor back, refusing (400 INVALID_CURSOR) one that is not base64url JSON of that shape, belongs to
 * another list or another sort, carries a key or id that is not of the sort's type, or (with a secret) was
 * altered.
 */
export function decodeCursor(sort: Sort, cursor: string, options: CursorOptions = {}): CursorPosition {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor('not base64url');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw invalidCursor('not JSON', error);
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalidCursor('not an object');
  const { v, list, sort: sortText, key, id, sig, ...rest } = decoded as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || v !== VERSION) throw invalidCursor('unknown format');
  if (options.secret) {
    const expected = signature(options.secret, { v, list, sort: sortText, key, id });
    if (typeof sig !== 'string' || !sameText(sig, expected)) throw invalidCursor('altered');
  }
  if (list !== sort.list) throw invalidCursor(`it belongs to another list, not ${sort.list}`);
  if (sortText !== sort.text) {
    throw invalidCursor(
      `it was made for sort=${String(sortText)}, not sort=${sort.text}: start again without a cursor`,
    );
  }
  if (key === null) {
    if (!sort.key.nullable) throw invalidCursor(`${sort.field} is never empty`);
  } else if (typeof key !== 'string' || !fitsKind(sort.key.kind, key)) {
    throw invalidCursor(`its ${sort.field} is not a ${sort.key.kind}`);
  }
  if (typeof id !== 'string' || !fitsKind(sort.id.kind, id)) throw invalidCursor('its id is not an id');
  return { key, id };
}

// What `to_char(... 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` gives, or an infinite timestamp.
const SORT_TIMESTAMP = /^(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z|-?infinity)$/;

function fitsKind(kind: SortKeyKind, text: string): boolean {
  switch (kind) {
    case 'date':
      return SORT_TIMESTAMP.test(text) && (text.endsWith('infinity') || isRealInstant(text));
    case 'number':
      return readNumber(text) !== undefined || /^-?Infinity$|^NaN$/.test(text);
    case 'uuid':
      return readUuid(text) === text;
    case 'text':
      return true;
  }
}

/** `2024-02-30T...` matches the pattern but names no day: its round trip through Date differs. */
function isRealInstant(text: string): boolean {
  const ms = Date.parse(text);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 23) === text.slice(0, 23);
}

function signature(secret: string, body: Record<string, unknown>): string {
  return createHmac('sha256', secret).update(JSON.stringify(body)).digest('base64url').slice(0, 22);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
