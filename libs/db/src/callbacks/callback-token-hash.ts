import { createHash } from 'node:crypto';

/**
 * Callback tokens are kept and looked up only as their SHA-256, computed here so that the token itself is
 * never a query parameter (which errors and PostgreSQL's statement log could expose).
 */
export function hashCallbackToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
