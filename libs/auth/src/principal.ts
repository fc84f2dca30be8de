import type { TokenRejection } from './oidc-verifier';
import type { Role } from './roles';

/** Who a request is: what routes authorize on and what `createdBy` and audit rows record. */
export interface Principal {
  /** The acting user (ENGINE.md section 10.5). */
  name: string;
  /** Null: authenticated, but no role maps (a JWT without a mapped role); the API answers 403. */
  role: Role | null;
  /** The verified JWT claims; empty for an API key. */
  claims: Readonly<Record<string, unknown>>;
  via: 'api-key' | 'admin-api-key' | 'oidc' | 'auth-disabled';
  /** The API key's id when `via` is `api-key`. */
  apiKeyId: string | null;
}

export type UnauthenticatedReason =
  | 'no-credential'
  | 'malformed-header'
  | 'unknown-api-key'
  /** A token that is neither an API key nor a JWT. */
  | 'unrecognised-token'
  /** A JWT while OIDC_ISSUER is not set. */
  | 'oidc-not-configured'
  | TokenRejection;

export type AuthenticationOutcome =
  | { kind: 'authenticated'; principal: Principal }
  | {
      kind: 'unauthenticated';
      reason: UnauthenticatedReason;
      /** A token was sent: the 401 carries `error="invalid_token"`. */
      tokenSent: boolean;
      /** Whom a refused JWT claims to be (unverified), for the audit of refused attempts; else null. */
      claimedUser: string | null;
    }
  /** The credential could not be checked (JWKS or key store unreachable): 503 AUTH_UNAVAILABLE. */
  | { kind: 'unavailable'; reason: string; cause?: unknown };

/** With AUTH_DISABLED (development only) every request acts as admin, named by `X-User` or SYSTEM. */
export function authDisabledPrincipal(xUser: string | undefined): Principal {
  const name = xUser?.trim() || 'SYSTEM';
  return { name, role: 'admin', claims: {}, via: 'auth-disabled', apiKeyId: null };
}

/** Whether an outcome counts towards the failed-authentication limit: a credential was sent and refused. */
export function isFailedAttempt(outcome: AuthenticationOutcome): boolean {
  return outcome.kind === 'unauthenticated' && outcome.reason !== 'no-credential';
}

/** A sentence for the 401 body or the log; it never contains the credential. */
export function describeUnauthenticated(reason: UnauthenticatedReason): string {
  switch (reason) {
    case 'no-credential':
      return 'authentication required: send Authorization: Bearer <API key or access token>';
    case 'malformed-header':
      return 'the Authorization header is not Bearer <token> or Basic with the token as password';
    case 'unknown-api-key':
      return 'the API key is unknown or revoked';
    case 'unrecognised-token':
      return 'the token is neither an API key nor a JWT';
    case 'oidc-not-configured':
      return 'access tokens are not accepted: no OIDC issuer is configured';
    case 'malformed':
      return 'the access token is malformed';
    case 'algorithm-not-allowed':
      return 'the access token is signed with an algorithm that is not allowed';
    case 'unknown-signing-key':
      return 'the access token is signed with a key the issuer does not publish';
    case 'bad-signature':
      return 'the access token signature is invalid';
    case 'expired':
      return 'the access token has expired';
    case 'not-yet-valid':
      return 'the access token is not valid yet';
    case 'wrong-issuer':
      return 'the access token comes from another issuer';
    case 'wrong-audience':
      return 'the access token is meant for another audience';
    case 'invalid-claims':
      return 'the access token claims are invalid (an expiry is required)';
    case 'names-no-user':
      return 'the access token names no user (no preferred_username, email or sub)';
  }
}
