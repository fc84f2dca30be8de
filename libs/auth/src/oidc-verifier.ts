import { decodeJwt, decodeProtectedHeader, type JWSHeaderParameters, type JWTPayload, jwtVerify } from 'jose';
import { actingUserFromClaims } from './acting-user';
import { JwksCache } from './jwks-cache';
import { createJwksLoader } from './jwks-loader';
import { type RoleMapping, roleFromClaims } from './role-claims';
import type { Role } from './roles';

/** Asymmetric algorithms only: `none` and HMAC (which a public key could forge) are refused. */
export const ALLOWED_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;
export const CLOCK_TOLERANCE_SECONDS = 60;

export type TokenRejection =
  | 'malformed'
  | 'algorithm-not-allowed'
  | 'unknown-signing-key'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'invalid-claims'
  | 'names-no-user';

export type TokenVerification =
  | { kind: 'verified'; name: string; role: Role | null; claims: JWTPayload }
  /** `claimedUser`: whom the (unverified) token names, for the audit of refused attempts. */
  | { kind: 'rejected'; reason: TokenRejection; claimedUser: string | null }
  | { kind: 'unavailable'; reason: string };

export interface OidcSettings extends RoleMapping {
  issuer: string;
  audience: string;
  /** Null: from the issuer's discovery document. */
  jwksUrl: string | null;
}

export interface OidcVerifierOptions {
  /** Per JWKS or discovery request (default 5 s). */
  timeoutMs?: number;
  refetchCooldownMs?: number;
  maxAgeMs?: number;
  onJwksRefreshFailed?: (reason: string) => void;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Verifies OIDC access tokens (JWTs) against the issuer's JWKS (ENGINE.md section 10.4). */
export class OidcVerifier {
  private readonly keys: JwksCache;
  private readonly now: () => number;

  constructor(
    private readonly settings: OidcSettings,
    options: OidcVerifierOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    const load = createJwksLoader({
      issuer: settings.issuer,
      jwksUrl: settings.jwksUrl,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
    });
    this.keys = new JwksCache({
      load,
      refetchCooldownMs: options.refetchCooldownMs,
      maxAgeMs: options.maxAgeMs,
      onRefreshFailed: options.onJwksRefreshFailed,
      now: this.now,
    });
  }

  async verify(token: string): Promise<TokenVerification> {
    let header: JWSHeaderParameters;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return rejected('malformed', token);
    }
    if (typeof header.alg !== 'string' || !(ALLOWED_ALGORITHMS as readonly string[]).includes(header.alg)) {
      return rejected('algorithm-not-allowed', token);
    }
    const selection = await this.keys.select(header);
    if (selection.kind === 'unavailable') return selection;
    if (selection.kind === 'no-key') return rejected('unknown-signing-key', token);

    let reason: TokenRejection = 'bad-signature';
    for (const key of selection.keys) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: this.settings.issuer,
          audience: this.settings.audience,
          algorithms: [...ALLOWED_ALGORITHMS],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp'],
          currentDate: new Date(this.now()),
        });
        const name = actingUserFromClaims(payload);
        if (name === null) return rejected('names-no-user', token);
        return { kind: 'verified', name, role: roleFromClaims(payload, this.settings), claims: payload };
      } catch (error) {
        reason = rejectionOf(error);
        // Another key may fit when the token names no kid; any other failure is the token's.
        if (reason !== 'bad-signature') break;
      }
    }
    return rejected(reason, token);
  }

  /** Resolves once no JWKS fetch is under way. */
  settled(): Promise<void> {
    return this.keys.settled();
  }
}

function rejected(reason: TokenRejection, token: string): TokenVerification {
  let claimedUser: string | null = null;
  try {
    claimedUser = actingUserFromClaims(decodeJwt(token));
  } catch {
    claimedUser = null;
  }
  return { kind: 'rejected', reason, claimedUser };
}

/** jose's errors by their stable `code` (and `claim`), never by message. */
function rejectionOf(error: unknown): TokenRejection {
  const { code, claim } = (error ?? {}) as { code?: unknown; claim?: unknown };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'nbf') return 'not-yet-valid';
      if (claim === 'iss') return 'wrong-issuer';
      if (claim === 'aud') return 'wrong-audience';
      return 'invalid-claims';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'algorithm-not-allowed';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'malformed';
    default:
      return 'bad-signature';
  }
}
