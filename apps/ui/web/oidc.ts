import type { Session } from './session';

/** What `GET /ui/sign-in.json` says (apps/api/src/routes/ui-sign-in.ts). */
export interface SignInSettings {
  oidc: {
    clientId: string;
    scope: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
    endSessionEndpoint: string | null;
  } | null;
  oidcUnavailable?: string;
}
export type OidcSettings = NonNullable<SignInSettings['oidc']>;

/** The tokens of an OIDC sign-in, kept in the session (sessionStorage) with the role. */
export interface OidcTokens {
  refreshToken: string | null;
  /** For the provider's logout (`id_token_hint`), when it gave one. */
  idToken: string | null;
  /** Epoch ms when the access token expires, and how long it was valid. */
  expiresAt: number;
  lifetimeMs: number;
  settings: OidcSettings;
}

/** What the provider sent back to the callback path, taken out of the address bar. */
export interface OidcCallback {
  code: string | null;
  state: string | null;
  error: string | null;
  pending: { verifier: string; state: string } | null;
}

/** The path the identity provider sends the browser back to (the SPA handles it; index.html is served). */
export const CALLBACK_PATH = '/ui/signed-in';
const PENDING_KEY = 'orchestrator.oidc-pending';

export class OidcError extends Error {
  /** The provider refused the grant (`invalid_grant`): trying again will not help. */
  constructor(
    message: string,
    readonly refused = false,
  ) {
    super(message);
  }
}

export async function loadSignInSettings(): Promise<SignInSettings> {
  const response = await fetch('/ui/sign-in.json');
  if (!response.ok) return { oidc: null };
  return (await response.json()) as SignInSettings;
}

const redirectUri = () => `${window.location.origin}${CALLBACK_PATH}`;

/**
 * Leaves for the identity provider (authorization code flow with PKCE, RFC 7636): the code verifier and the
 * state stay in this tab's sessionStorage until the provider sends the browser back.
 */
export async function startOidcSignIn(settings: OidcSettings): Promise<void> {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(settings.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', settings.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await sha256(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  window.location.assign(url.href);
}

export const isOidcCallback = () => window.location.pathname === CALLBACK_PATH;

/**
 * Back from the identity provider, before anything else happens: the code leaves the address bar (and the
 * history) and the verifier leaves storage, whatever follows.
 */
export function takeOidcCallback(): OidcCallback {
  const params = new URLSearchParams(window.location.search);
  const pending = readPending();
  sessionStorage.removeItem(PENDING_KEY);
  window.history.replaceState(null, '', '/ui/');
  return { code: params.get('code'), state: params.get('state'), error: params.get('error'), pending };
}

let taken: OidcCallback | null | undefined;

/** The callback of this page load, taken once (React may render and run effects twice). */
export function oidcCallbackOfThisLoad(): OidcCallback | null {
  if (taken === undefined) taken = isOidcCallback() ? takeOidcCallback() : null;
  return taken;
}

/** Once the page has used it: a code is good for one exchange only. */
export function forgetOidcCallback(): void {
  taken = null;
}

/**
 * Checks the state, then trades the code (with the verifier) for tokens. Returns the access token and what the
 * session keeps of the rest.
 */
export async function completeOidcSignIn(
  settings: OidcSettings,
  { code, state, error, pending }: OidcCallback,
): Promise<{ accessToken: string; oidc: OidcTokens }> {
  if (!pending || state !== pending.state) {
    throw new OidcError('This sign-in was not started in this tab; please sign in again.');
  }
  // Only the error code, never the provider's free text from the URL (anybody can craft that link).
  if (error) throw new OidcError(`The identity provider refused the sign-in (${error.slice(0, 40)}).`);
  if (!code) throw new OidcError('The identity provider sent no code; please sign in again.');
  return tokenRequest(settings, null, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
}

/** A new access token for the refresh token (the provider may rotate it). */
export function refreshOidc(tokens: OidcTokens): Promise<{ accessToken: string; oidc: OidcTokens }> {
  if (!tokens.refreshToken) return Promise.reject(new OidcError('No refresh token.', true));
  return tokenRequest(tokens.settings, tokens, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
}

/** Where Log out sends an OIDC session: the provider's logout, which comes back to the login page. */
export function oidcLogoutUrl(session: Session): string | null {
  const endpoint = session.oidc?.settings.endSessionEndpoint;
  if (!endpoint) return null;
  const url = new URL(endpoint);
  url.searchParams.set('client_id', session.oidc!.settings.clientId);
  if (session.oidc?.idToken) url.searchParams.set('id_token_hint', session.oidc.idToken);
  url.searchParams.set('post_logout_redirect_uri', `${window.location.origin}/ui/`);
  return url.href;
}

/** `previous`: the tokens a refresh renews (a provider that does not rotate them sends no new refresh token). */
async function tokenRequest(
  settings: OidcSettings,
  previous: OidcTokens | null,
  grant: Record<string, string>,
): Promise<{ accessToken: string; oidc: OidcTokens }> {
  let response: Response;
  try {
    response = await fetch(settings.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...grant, client_id: settings.clientId }),
    });
  } catch {
    throw new OidcError('The identity provider cannot be reached.');
  }
  const body = (await response.json().catch(() => ({}))) as {
    access_token?: string;
    refresh_token?: string;
    id_token?: string;
    expires_in?: number;
    error?: string;
  };
  if (!response.ok || typeof body.access_token !== 'string') {
    const refused = body.error === 'invalid_grant' || body.error === 'invalid_client';
    throw new OidcError(`The identity provider gave no token (${body.error ?? `HTTP ${response.status}`}).`, refused);
  }
  const lifetimeMs = (body.expires_in ?? 300) * 1000;
  return {
    accessToken: body.access_token,
    oidc: {
      refreshToken: body.refresh_token ?? previous?.refreshToken ?? null,
      idToken: body.id_token ?? previous?.idToken ?? null,
      expiresAt: Date.now() + lifetimeMs,
      lifetimeMs,
      settings,
    },
  };
}

function readPending(): { verifier: string; state: string } | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier?: unknown; state?: unknown };
    return typeof parsed?.verifier === 'string' && typeof parsed.state === 'string'
      ? { verifier: parsed.verifier, state: parsed.state }
      : null;
  } catch {
    return null;
  }
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function sha256(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** When a session's access token should be renewed: a minute before it expires, or a quarter of its life. */
export function renewalDueAt(tokens: OidcTokens): number {
  return tokens.expiresAt - Math.min(60_000, tokens.lifetimeMs / 4);
}
