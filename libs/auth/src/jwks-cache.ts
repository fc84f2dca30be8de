import { createLocalJWKSet, type CryptoKey, errors, type JSONWebKeySet, type JWSHeaderParameters } from 'jose';

export type KeySelection =
  /** The keys that fit the token's header (usually one; several when it names no `kid`). */
  | { kind: 'keys'; keys: CryptoKey[] }
  /** The JWK set is current and no key in it fits. */
  | { kind: 'no-key' }
  /** No key fits and the JWK set could not be fetched: the API answers 503, not 401. */
  | { kind: 'unavailable'; reason: string };

export interface JwksCacheOptions {
  /** Fetches the current JWK set; throws an Error whose message says why it could not. */
  load: () => Promise<unknown>;
  /** Fetches, successful or not, are at least this far apart (default 30 s): an unknown `kid` waits. */
  refetchCooldownMs?: number;
  /** A set older than this is refreshed in the background while it keeps serving (default 10 min). */
  maxAgeMs?: number;
  /** Told why a fetch failed (the message names a URL, never a token). */
  onRefreshFailed?: (reason: string) => void;
  now?: () => number;
}

type LocalKeySet = ReturnType<typeof createLocalJWKSet>;

/**
 * The issuer's signing keys. jose's remote JWK set refuses every token once its cache is older than
 * `cacheMaxAge` and the server is down; this one keeps serving the last set it fetched (a key that fits
 * keeps working during an outage) and refreshes it in the background once it is old, while an unknown `kid`
 * waits for a refetch, at most one per cooldown. A fetched set replaces the previous one entirely, so a key
 * the issuer removed stops working at the next successful fetch.
 */
export class JwksCache {
  private keySet: LocalKeySet | null = null;
  private fetchedAt = -Infinity;
  private attemptedAt = -Infinity;
  private lastFailure: string | null = null;
  private pending: Promise<void> | null = null;
  private readonly cooldownMs: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: JwksCacheOptions) {
    this.cooldownMs = options.refetchCooldownMs ?? 30_000;
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.now = options.now ?? Date.now;
  }

  async select(header: JWSHeaderParameters): Promise<KeySelection> {
    if (this.keySet !== null && this.now() - this.fetchedAt >= this.maxAgeMs && this.mayFetch()) {
      void this.refresh();
    }
    const cached = await this.match(header);
    if (cached.kind === 'keys') return cached;
    if (await this.refreshIfAllowed()) {
      const fresh = await this.match(header);
      if (fresh.kind === 'keys') return fresh;
    }
    if (this.lastFailure !== null) return { kind: 'unavailable', reason: this.lastFailure };
    return { kind: 'no-key' };
  }

  /** Resolves once no fetch is under way (tests and shutdown wait on it). */
  async settled(): Promise<void> {
    await this.pending;
  }

  private mayFetch(): boolean {
    return this.now() - this.attemptedAt >= this.cooldownMs;
  }

  /** Waits for the fetch under way, or starts one if the cooldown allows; false when neither. */
  private async refreshIfAllowed(): Promise<boolean> {
    if (this.pending === null && !this.mayFetch()) return false;
    await this.refresh();
    return true;
  }

  private refresh(): Promise<void> {
    if (this.pending !== null) return this.pending;
    this.attemptedAt = this.now();
    const done = this.options
      .load()
      .then((json) => {
        this.keySet = createLocalJWKSet(json as JSONWebKeySet);
        this.fetchedAt = this.now();
        this.lastFailure = null;
      })
      .catch((error: unknown) => {
        this.lastFailure =
          error instanceof errors.JWKSInvalid
            ? 'the JWKS is not a JSON Web Key Set'
            : error instanceof Error
              ? error.message
              : String(error);
        this.options.onRefreshFailed?.(this.lastFailure);
      })
      .finally(() => {
        this.pending = null;
      });
    this.pending = done;
    return done;
  }

  private async match(header: JWSHeaderParameters): Promise<KeySelection> {
    if (this.keySet === null) return { kind: 'no-key' };
    try {
      return { kind: 'keys', keys: [await this.keySet(header)] };
    } catch (error) {
      if (error instanceof errors.JWKSMultipleMatchingKeys) {
        const keys: CryptoKey[] = [];
        for await (const key of error as errors.JWKSMultipleMatchingKeys & AsyncIterable<CryptoKey>) keys.push(key);
        return keys.length > 0 ? { kind: 'keys', keys } : { kind: 'no-key' };
      }
      // No key with this kid, or keys of another type, or one that does not import as a public key.
      return { kind: 'no-key' };
    }
  }
}
