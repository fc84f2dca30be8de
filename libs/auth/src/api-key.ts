import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Bytes at or above this are dropped: 248 = 4 * 62, so every character is equally likely. */
const UNBIASED_LIMIT = 248;

export const API_KEY_PREFIX = 'ork_';
/** 43 base62 characters carry 256 bits. */
export const API_KEY_RANDOM_LENGTH = 43;

const API_KEY_SHAPE = /^ork_[0-9A-Za-z]{32,}$/;

/** A new API key: `ork_` and 43 random base62 characters from the operating system's CSPRNG. */
export function generateApiKey(): string {
  let random = '';
  while (random.length < API_KEY_RANDOM_LENGTH) {
    for (const byte of randomBytes(64)) {
      if (byte < UNBIASED_LIMIT && random.length < API_KEY_RANDOM_LENGTH) random += BASE62[byte % 62];
    }
  }
  return API_KEY_PREFIX + random;
}

/** Whether a string has the shape of an API key (checked before any hashing or lookup). */
export function looksLikeApiKey(value: string): boolean {
  return API_KEY_SHAPE.test(value);
}

/**
 * What is stored at rest and looked up: the SHA-256 of the key, hex. A fast hash is right for keys of 256
 * random bits (see the README); it lets the database find a key by an index on the hash.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares two secrets in time that depends on neither (both are hashed to equal length first). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
