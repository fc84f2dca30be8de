import { API_KEY_PREFIX } from './api-key';

export const REDACTED = '[redacted]';

// What a credential looks like wherever it ends up in text: an Authorization header value, an API key (or a
// part of one long enough to matter), a JWT (its header is base64url JSON, so it starts with `eyJ`), and the
// token of a callback URL. Each is replaced, the words around it are kept.
const CREDENTIALS: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]{16,}/gi, `$1$2${REDACTED}`],
  [new RegExp(`${API_KEY_PREFIX}[0-9A-Za-z]{8,}`, 'g'), `${API_KEY_PREFIX}${REDACTED}`],
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/(\/callback\/)[A-Za-z0-9_-]{16,}/g, `$1${REDACTED}`],
];

/**
 * The text with every credential it contains masked: for log lines (the logger runs every line through it),
 * error messages and anything else that may be shown or stored. A cheap pass when there is nothing to mask.
 */
export function redactCredentials(text: string): string {
  let redacted = text;
  for (const [pattern, replacement] of CREDENTIALS) redacted = redacted.replace(pattern, replacement);
  return redacted;
}
