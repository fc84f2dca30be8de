import { hashApiKey, secretsEqual } from './api-key';
import type { ApiKeyLookup, ApiKeyRecord } from './api-key-lookup';

/** The record ADMIN_API_KEY stands for. */
export const ADMIN_KEY_RECORD: ApiKeyRecord = Object.freeze({ id: 'admin', name: 'admin', role: 'admin' });

export type ApiKeyVerification =
  | { kind: 'verified'; record: ApiKeyRecord; via: 'api-key' | 'admin-api-key' }
  /** Unknown or revoked: the two are not told apart. */
  | { kind: 'rejected' }
  /** The key store could not be read; `cause` is its error (it may carry the key's hash, never the key). */
  | { kind: 'unavailable'; reason: string; cause: unknown };

export interface ApiKeyVerifierOptions {
  lookup: ApiKeyLookup;
  /** ADMIN_API_KEY: accepted as an admin key named `admin`. */
  adminApiKey: string | null;
  /** How often one process reports a key's use at most (default 60 s): `lastUsedAt` is that precise. */
  useReportIntervalMs?: number;
  /** A failed use report does not refuse the request; it is handed here (for the log). */
  onUseReportFailed?: (error: unknown) => void;
  now?: () => number;
}

/** Checks an API key (already known to have the key shape) against ADMIN_API_KEY and the key store. */
export class ApiKeyVerifier {
  private readonly lastReported = new Map<string, number>();
  private readonly useReportIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: ApiKeyVerifierOptions) {
    this.useReportIntervalMs = options.useReportIntervalMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async verify(key: string): Promise<ApiKeyVerification> {
    const { adminApiKey, lookup } = this.options;
    if (adminApiKey !== null && secretsEqual(key, adminApiKey)) {
      return { kind: 'verified', record: ADMIN_KEY_RECORD, via: 'admin-api-key' };
    }
    let record: ApiKeyRecord | null;
    try {
      record = await lookup.findActiveByHash(hashApiKey(key));
    } catch (cause) {
      return { kind: 'unavailable', reason: 'the API key store could not be read', cause };
    }
    if (record === null) return { kind: 'rejected' };
    await this.reportUse(record.id);
    return { kind: 'verified', record, via: 'api-key' };
  }

  private async reportUse(id: string): Promise<void> {
    const now = this.now();
    const last = this.lastReported.get(id);
    if (last !== undefined && now - last < this.useReportIntervalMs) return;
    this.lastReported.set(id, now);
    try {
      await this.options.lookup.recordUse(id, new Date(now));
    } catch (error) {
      this.lastReported.delete(id);
      this.options.onUseReportFailed?.(error);
    }
  }
}
