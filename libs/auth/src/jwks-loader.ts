import { discoveredUrl, fetchDiscoveryDocument, fetchJson } from './oidc-discovery';

export interface JwksLoaderOptions {
  issuer: string;
  /** OIDC_JWKS_URL; null: the `jwks_uri` of the issuer's discovery document. */
  jwksUrl: string | null;
  /** Per HTTP request (default 5 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * A function that fetches the issuer's current JWK set (the JSON, unchecked) and throws an Error with a
 * message fit for the log when it cannot. A `jwks_uri` found by discovery is kept until a fetch fails.
 */
export function createJwksLoader(options: JwksLoaderOptions): () => Promise<unknown> {
  const configured = options.jwksUrl === null ? null : new URL(options.jwksUrl);
  let discovered: URL | null = null;

  const discover = async (): Promise<URL> =>
    discoveredUrl(await fetchDiscoveryDocument(options.issuer, options), 'jwks_uri', options.issuer);

  return async () => {
    const url = configured ?? (discovered ??= await discover());
    try {
      return await fetchJson(url, 'JWKS', options);
    } catch (error) {
      discovered = null;
      throw error;
    }
  };
}
