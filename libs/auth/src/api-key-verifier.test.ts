import { generateApiKey } from './api-key';
import { InMemoryApiKeyLookup, type ApiKeyLookup } from './api-key-lookup';
import { ApiKeyVerifier } from './api-key-verifier';

describe('ApiKeyVerifier', () => {
  let clock: number;
  let lookup: InMemoryApiKeyLookup;
  const now = () => clock;

  beforeEach(() => {
    clock = Date.parse('2030-01-01T00:00:00Z');
    lookup = new InMemoryApiKeyLookup();
  });

  it('accepts a stored key with its name and role', async () => {
    const key = generateApiKey();
    const record = lookup.add(key, { name: 'ci-pipeline', role: 'operate' });
    const verifier = new ApiKeyVerifier({ lookup, adminApiKey: null, now });
    expect(await verifier.verify(key)).toEqual({ kind: 'verified', record, via: 'api-key' });
  });

  it('refuses a key it does not know', async () => {
    lookup.add(generateApiKey(), { name: 'ci-pipeline', role: 'operate' });
    const verifier = new ApiKeyVerifier({ lookup, adminApiKey: null, now });
    expect(await verifier.verify(generateApiKey())).toEqual({ kind: 'rejected' });
  });

  it('refuses a key once it is revoked', async () => {
    const key = generateApiKey();
    const { id } = lookup.add(key, { name: 'ci-pipeline', role: 'operate' });
    const verifier = new ApiKeyVerifier({ lookup, adminApiKey: null, now });
    expect((await verifier.verify(key)).kind).toBe('verified');
    lookup.revoke(id);
    expect(await verifier.verify(key)).toEqual({ kind: 'rejected' });
  });

  it('accepts ADMIN_API_KEY as an admin key named admin without asking the store', async () => {
    const adminApiKey = generateApiKey();
    const findActiveByHash = jest.fn(() => Promise.resolve(null));
    const verifier = new ApiKeyVerifier({ lookup: { findActiveByHash, recordUse: jest.fn() }, adminApiKey, now });
    expect(await verifier.verify(adminApiKey)).toEqual({
      kind: 'verified',
      record: { id: 'admin', name: 'admin', role: 'admin' },
      via: 'admin-api-key',
    });
    expect(findActiveByHash).not.toHaveBeenCalled();
    expect((await verifier.verify(generateApiKey())).kind).toBe('rejected');
  });

  it('reports a key use at most once a minute', async () => {
    const key = generateApiKey();
    const { id } = lookup.add(key, { name: 'ci-pipeline', role: 'read' });
    const recordUse = jest.spyOn(lookup, 'recordUse');
    const verifier = new ApiKeyVerifier({ lookup, adminApiKey: null, now });
    await verifier.verify(key);
    clock += 59_000;
    await verifier.verify(key);
    expect(recordUse).toHaveBeenCalledTimes(1);
    expect(lookup.lastUsedAt(id)).toEqual(new Date('2030-01-01T00:00:00Z'));
    clock += 1_000;
    await verifier.verify(key);
    expect(recordUse).toHaveBeenCalledTimes(2);
    expect(lookup.lastUsedAt(id)).toEqual(new Date('2030-01-01T00:01:00Z'));
  });

  it('still accepts the key when reporting its use fails, and hands the error on', async () => {
    const key = generateApiKey();
    lookup.add(key, { name: 'ci-pipeline', role: 'read' });
    jest.spyOn(lookup, 'recordUse').mockRejectedValue(new Error('database gone'));
    const onUseReportFailed = jest.fn();
    const verifier = new ApiKeyVerifier({ lookup, adminApiKey: null, now, onUseReportFailed });
    expect((await verifier.verify(key)).kind).toBe('verified');
    expect(onUseReportFailed).toHaveBeenCalledWith(new Error('database gone'));
  });

  it('answers unavailable, not rejected, when the key store cannot be read', async () => {
    const failing: ApiKeyLookup = {
      findActiveByHash: () => Promise.reject(new Error('connection refused')),
      recordUse: () => Promise.resolve(),
    };
    const verifier = new ApiKeyVerifier({ lookup: failing, adminApiKey: null, now });
    expect(await verifier.verify(generateApiKey())).toMatchObject({ kind: 'unavailable' });
  });

  it('hands the store only the hash of a key', async () => {
    const key = generateApiKey();
    const findActiveByHash = jest.fn((_hash: string) => Promise.resolve(null));
    const verifier = new ApiKeyVerifier({ lookup: { findActiveByHash, recordUse: jest.fn() }, adminApiKey: null, now });
    await verifier.verify(key);
    expect(findActiveByHash.mock.calls[0]?.[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(findActiveByHash.mock.calls[0]?.[0]).not.toContain(key.slice(4));
  });
});
