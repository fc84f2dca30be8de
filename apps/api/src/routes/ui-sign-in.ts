import { createSignInEndpointsLoader, type OidcSignInEndpoints } from '@orchestrator/auth';
import type { OidcConfig } from '@orchestrator/config';
import type { Logger } from 'pino';

/**
 * How the login page offers to sign in (`GET /ui/sign-in.json`, public: nothing in it is secret). With
 * `OIDC_ISSUER` and `OIDC_CLIENT_ID` set, the page offers "Sign in with OIDC" (authorization code flow with
 * PKCE, the browser being the public client) at the endpoints of the issuer's discovery document.
 */
export interface UiSignInSettings {
  oidc: (OidcSignInEndpoints & { clientId: string; scope: string }) | null;
  /** Set when OIDC sign-in is configured but the issuer's discovery document cannot be read now. */
  oidcUnavailable?: string;
}

/** After a failed discovery, the next attempt waits this long (the login page must not hang on a dead issuer). */
const RETRY_AFTER_MS = 30_000;

export function uiSignInSettings(
  oidc: OidcConfig | null,
  logger: Logger,
  options: { fetch?: typeof fetch } = {},
): () => Promise<UiSignInSettings> {
  if (!oidc?.clientId) return () => Promise.resolve({ oidc: null });
  const { clientId, scope } = oidc;
  const endpoints = createSignInEndpointsLoader(oidc.issuer, { timeoutMs: 3000, ...options });
  let failed: { at: number; settings: UiSignInSettings } | null = null;
  return async () => {
    if (failed && Date.now() - failed.at < RETRY_AFTER_MS) return failed.settings;
    try {
      const found = await endpoints();
      failed = null;
      return { oidc: { ...found, clientId, scope } };
    } catch (error) {
      logger.warn({ err: error }, 'OIDC sign-in is not offered on the login page: discovery failed');
      failed = {
        at: Date.now(),
        settings: { oidc: null, oidcUnavailable: 'The identity provider cannot be reached; sign in with an API key.' },
      };
      return failed.settings;
    }
  };
}

/** The token endpoint's origin, which the UI's Content-Security-Policy lets the page POST to. */
export function signInConnectSources(settings: UiSignInSettings): string[] {
  return settings.oidc ? [new URL(settings.oidc.tokenEndpoint).origin] : [];
}
