import { randomUUID, timingSafeEqual } from 'node:crypto';
import { hashApiKey } from './api-key';
import type { Role } from './roles';

export interface ApiKeyRecord {
  id: string;
  /** Unique; the acting user of requests made with the key. */
  name: string;
  role: Role;
}

/**
 * Storage of API keys as authentication needs it; the database implements it (the `api_keys` table).
 * Only hashes cross this port, never a key.
 */
export interface ApiKeyLookup {
  /** The key with this SHA-256 hex hash, unless it is revoked; null when there is none. */
  findActiveByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  /** The key was used at `at` (its `lastUsedAt`); called at most once a minute per key and process. */
  recordUse(id: string, at: Date): Promise<void>;
}

interface StoredKey extends ApiKeyRecord {
  hash: Buffer;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** An in-memory ApiKeyLookup, for tests and for tools that run without a database. */
export class InMemoryApiKeyLookup implements ApiKeyLookup {
  private readonly keys: StoredKey[] = [];

  /** Stores a key (only its hash is kept) and answers its record. */
  add(key: string, record: Omit<ApiKeyRecord, 'id'> & { id?: string }): ApiKeyRecord {
    const stored: StoredKey = {
      id: record.id ?? randomUUID(),
      name: record.name,
      role: record.role,
      hash: Buffer.from(hashApiKey(key), 'hex'),
      revokedAt: null,
      lastUsedAt: null,
    };
    this.keys.push(stored);
    return { id: stored.id, name: stored.name, role: stored.role };
  }

  revoke(id: string, at = new Date()): void {
    const key = this.keys.find((candidate) => candidate.id === id);
    if (key) key.revokedAt = at;
  }

  lastUsedAt(id: string): Date | null {
    return this.keys.find((candidate) => candidate.id === id)?.lastUsedAt ?? null;
  }

  findActiveByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const wanted = Buffer.from(keyHash, 'hex');
    let found: StoredKey | null = null;
    // Every stored hash is compared, in constant time, whichever matches.
    for (const key of this.keys) {
      if (wanted.length === key.hash.length && timingSafeEqual(wanted, key.hash) && key.revokedAt === null) found = key;
    }
    return Promise.resolve(found && { id: found.id, name: found.name, role: found.role });
  }

  recordUse(id: string, at: Date): Promise<void> {
    const key = this.keys.find((candidate) => candidate.id === id);
    if (key) key.lastUsedAt = at;
    return Promise.resolve();
  }
}
