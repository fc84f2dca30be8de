/** Longer credentials are refused unread: no token of ours or of an OIDC provider comes near this. */
const MAX_TOKEN_LENGTH = 8192;
/** RFC 6750 b64token: what a Bearer token (a JWT or an API key) may consist of. */
const TOKEN_SHAPE = /^[A-Za-z0-9\-._~+/]+=*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type CredentialFromHeader =
  | { kind: 'none' }
  /** An Authorization header this library does not accept (unknown scheme, empty or broken credential). */
  | { kind: 'malformed'; scheme: string | null }
  /** `basicUser`: the user name of a Basic credential; any name is accepted, it is not the acting user. */
  | { kind: 'token'; scheme: 'bearer' | 'basic'; token: string; basicUser: string | null };

/**
 * Reads the credential of an Authorization header (ENGINE.md section 10.2): `Bearer <token>`, or `Basic`
 * with any user name and the token as password (for browsers, which cannot set a Bearer header).
 */
export function credentialFromHeader(header: string | undefined): CredentialFromHeader {
  if (header === undefined || header.trim() === '') return { kind: 'none' };
  const match = /^\s*([A-Za-z]+)(?: +(\S+))?\s*$/.exec(header);
  const scheme = match?.[1]?.toLowerCase() ?? null;
  const value = match?.[2];
  if (value === undefined || value.length > MAX_TOKEN_LENGTH * 2) return { kind: 'malformed', scheme };
  if (scheme === 'bearer') {
    return TOKEN_SHAPE.test(value) && value.length <= MAX_TOKEN_LENGTH
      ? { kind: 'token', scheme: 'bearer', token: value, basicUser: null }
      : { kind: 'malformed', scheme };
  }
  if (scheme === 'basic') {
    if (!BASE64.test(value)) return { kind: 'malformed', scheme };
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const token = decoded.slice(colon + 1);
    if (colon < 0 || token === '' || token.length > MAX_TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) {
      return { kind: 'malformed', scheme };
    }
    return { kind: 'token', scheme: 'basic', token, basicUser: decoded.slice(0, colon) };
  }
  return { kind: 'malformed', scheme };
}
