export interface JwksLoaderOptions {
  issuer: string;
  /** OIDC_JWKS_URL; null: the `jwks_uri` of the issuer's discovery document. */
  jwksUrl: string | null;
  /** Per HTTP request (default 5 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The URL of an issuer's OpenID Connect discovery document. */
export function discoveryUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
}

/**
 * A function that fetches the issuer's current JWK set (the JSON, unchecked) and throws an Error with a
 * message fit for the log when it cannot. A `jwks_uri` found by discovery is kept until a fetch fails.
 */
export function createJwksLoader(options: JwksLoaderOptions): () => Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const fetchImpl = options.fetch ?? fetch;
  const configured = options.jwksUrl === null ? null : new URL(options.jwksUrl);
  let discovered: URL | null = null;

  const getJson = async (url: URL, what: string): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
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
  };

  const discover = async (): Promise<URL> => {
    const url = discoveryUrl(options.issuer);
    const document = await getJson(url, 'discovery document');
    const { issuer, jwks_uri: jwksUri } = (typeof document === 'object' && document !== null ? document : {}) as {
      issuer?: unknown;
      jwks_uri?: unknown;
    };
    if (issuer !== options.issuer) {
      throw new Error(`the discovery document at ${printable(url)} names another issuer than OIDC_ISSUER`);
    }
    if (typeof jwksUri !== 'string' || !/^https?:\/\//.test(jwksUri)) {
      throw new Error(`the discovery document at ${printable(url)} has no http(s) jwks_uri`);
    }
    return new URL(jwksUri);
  };

  return async () => {
    const url = configured ?? (discovered ??= await discover());
    try {
      return await getJson(url, 'JWKS');
    } catch (error) {
      discovered = null;
      throw error;
    }
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
