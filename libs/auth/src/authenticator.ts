import { looksLikeApiKey } from './api-key';
import type { ApiKeyLookup } from './api-key-lookup';
import { ApiKeyVerifier } from './api-key-verifier';
import { credentialFromHeader } from './authorization-header';
import { type OidcSettings, OidcVerifier, type OidcVerifierOptions } from './oidc-verifier';
import type { AuthenticationOutcome, Principal } from './principal';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface AuthenticatorParts {
  apiKeys: ApiKeyVerifier;
  /** Null when OIDC_ISSUER is not set: JWTs are refused. */
  oidc: OidcVerifier | null;
}

/** The authentication settings, in the shape of `config.auth` from `@orchestrator/config`. */
export interface AuthSettings {
  adminApiKey: string | null;
  oidc: OidcSettings | null;
}

export interface AuthenticatorDependencies extends OidcVerifierOptions {
  apiKeys: ApiKeyLookup;
  onApiKeyUseReportFailed?: (error: unknown) => void;
}

/** Verifies who a request is from its Authorization header: an API key or an OIDC access token. */
export class Authenticator {
  constructor(private readonly parts: AuthenticatorParts) {}

  async authenticate(authorizationHeader: string | undefined): Promise<AuthenticationOutcome> {
    const credential = credentialFromHeader(authorizationHeader);
    if (credential.kind === 'none') return refused('no-credential', false);
    if (credential.kind === 'malformed') return refused('malformed-header', false);
    const { token } = credential;

    if (token.startsWith('ork_')) {
      if (!looksLikeApiKey(token)) return refused('unknown-api-key', true);
      const verification = await this.parts.apiKeys.verify(token);
      switch (verification.kind) {
        case 'verified': {
          const { record, via } = verification;
          const apiKeyId = via === 'api-key' ? record.id : null;
          return authenticated({ name: record.name, role: record.role, claims: {}, via, apiKeyId });
        }
        case 'rejected':
          return refused('unknown-api-key', true);
        case 'unavailable':
          return { kind: 'unavailable', reason: verification.reason, cause: verification.cause };
      }
    }

    if (!JWT_SHAPE.test(token)) return refused('unrecognised-token', true);
    if (this.parts.oidc === null) return refused('oidc-not-configured', true);
    const verification = await this.parts.oidc.verify(token);
    switch (verification.kind) {
      case 'verified': {
        const { name, role, claims } = verification;
        return authenticated({ name, role, claims, via: 'oidc', apiKeyId: null });
      }
      case 'rejected':
        return refused(verification.reason, true, verification.claimedUser);
      case 'unavailable':
        return verification;
    }
  }

  /** Resolves once no background JWKS fetch is under way. */
  async settled(): Promise<void> {
    await this.parts.oidc?.settled();
  }
}

/** An Authenticator from `config.auth` and the key store (the database's ApiKeyLookup). */
export function createAuthenticator(settings: AuthSettings, dependencies: AuthenticatorDependencies): Authenticator {
  const { apiKeys, onApiKeyUseReportFailed, ...oidcOptions } = dependencies;
  return new Authenticator({
    apiKeys: new ApiKeyVerifier({
      lookup: apiKeys,
      adminApiKey: settings.adminApiKey,
      onUseReportFailed: onApiKeyUseReportFailed,
      now: oidcOptions.now,
    }),
    oidc: settings.oidc === null ? null : new OidcVerifier(settings.oidc, oidcOptions),
  });
}

function authenticated(principal: Principal): AuthenticationOutcome {
  return { kind: 'authenticated', principal };
}

function refused(
  reason: Extract<AuthenticationOutcome, { kind: 'unauthenticated' }>['reason'],
  tokenSent: boolean,
  claimedUser: string | null = null,
): AuthenticationOutcome {
  return { kind: 'unauthenticated', reason, tokenSent, claimedUser };
}
