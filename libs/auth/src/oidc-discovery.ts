export interface OidcFetchOptions {
  /** Per HTTP request (default 5 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The URL of an issuer's OpenID Connect discovery document. */
export function discoveryUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
}

/** GETs a JSON document; throws an Error with a message fit for the log (naming `what`) when it cannot. */
export async function fetchJson(url: URL, what: string, options: OidcFetchOptions = {}): Promise<unknown> {
  const fetchImpl = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
  } catch (error) {
    throw new Error(`the ${what} at ${printable(url)} could not be fetched: ${describeFetchError(error)}`, {
      cause: error,
    });
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new Error(`the ${what} at ${printable(url)} answered HTTP ${response.status}`);
  }
  try {
    return await response.json();
  } catch (error) {
    throw new Error(`the ${what} at ${printable(url)} is not JSON`, { cause: error });
  }
}

/** The issuer's discovery document, checked to name that issuer; its other fields unchecked. */
export async function fetchDiscoveryDocument(
  issuer: string,
  options: OidcFetchOptions = {},
): Promise<Record<string, unknown>> {
  const url = discoveryUrl(issuer);
  const document = await fetchJson(url, 'discovery document', options);
  const fields = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
  if (fields.issuer !== issuer) {
    throw new Error(`the discovery document at ${printable(url)} names another issuer than OIDC_ISSUER`);
  }
  return fields;
}

/** An http(s) URL field of a discovery document, or an Error naming it. */
export function discoveredUrl(document: Record<string, unknown>, field: string, issuer: string): URL {
  const value = document[field];
  if (typeof value !== 'string' || !/^https?:\/\//.test(value)) {
    throw new Error(`the discovery document at ${printable(discoveryUrl(issuer))} has no http(s) ${field}`);
  }
  return new URL(value);
}

/** Where a browser signs in with the authorization code flow (the UI's "Sign in with OIDC"). */
export interface OidcSignInEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** RP-initiated logout, when the issuer has one. */
  endSessionEndpoint: string | null;
}

/**
 * A function that reads the sign-in endpoints from the issuer's discovery document, kept once read; a failed
 * read is tried again at the next call.
 */
export function createSignInEndpointsLoader(
  issuer: string,
  options: OidcFetchOptions = {},
): () => Promise<OidcSignInEndpoints> {
  let known: Promise<OidcSignInEndpoints> | null = null;
  const load = async (): Promise<OidcSignInEndpoints> => {
    const document = await fetchDiscoveryDocument(issuer, options);
    const endSession = document.end_session_endpoint;
    return {
      authorizationEndpoint: discoveredUrl(document, 'authorization_endpoint', issuer).href,
      tokenEndpoint: discoveredUrl(document, 'token_endpoint', issuer).href,
      endSessionEndpoint:
        endSession === undefined ? null : discoveredUrl(document, 'end_session_endpoint', issuer).href,
    };
  };
  return () => {
    known ??= load().catch((error: unknown) => {
      known = null;
      throw error;
    });
    return known;
  };
}

/** A URL without user information or query, for messages. */
function printable(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
