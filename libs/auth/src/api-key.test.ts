import { API_KEY_RANDOM_LENGTH, generateApiKey, hashApiKey, looksLikeApiKey, secretsEqual } from './api-key';

describe('API keys', () => {
  it('are ork_ and 43 base62 characters, different every time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^ork_[0-9A-Za-z]{43}$/);
  });

  it('use every base62 character about equally often', () => {
    const counts = new Map<string, number>();
    const samples = 3000;
    for (let i = 0; i < samples; i += 1) {
      for (const char of generateApiKey().slice(4)) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    // 129,000 characters, about 2,081 each; a modulo bias towards the first 8 characters would give ~2,580.
    const expected = (samples * API_KEY_RANDOM_LENGTH) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.12);
  });

  it('are recognised by their shape', () => {
    expect(looksLikeApiKey(generateApiKey())).toBe(true);
    expect(looksLikeApiKey(`ork_${'a'.repeat(32)}`)).toBe(true);
    expect(looksLikeApiKey(`ork_${'a'.repeat(31)}`)).toBe(false);
    expect(looksLikeApiKey(`ork_${'a'.repeat(31)}-`)).toBe(false);
    expect(looksLikeApiKey(`xyz_${'a'.repeat(40)}`)).toBe(false);
    expect(looksLikeApiKey('eyJhbGciOiJSUzI1NiJ9.e30.c2ln')).toBe(false);
  });

  it('are stored as a SHA-256 hex digest that does not contain the key', () => {
    const key = generateApiKey();
    const hash = hashApiKey(key);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKey(key));
    expect(hash).not.toBe(hashApiKey(generateApiKey()));
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compare equal only when identical, whatever their lengths', () => {
    const key = generateApiKey();
    expect(secretsEqual(key, key)).toBe(true);
    expect(secretsEqual(key, `${key}x`)).toBe(false);
    expect(secretsEqual(key, '')).toBe(false);
  });
});
