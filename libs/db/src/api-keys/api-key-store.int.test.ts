import { hashApiKey, looksLikeApiKey } from '@orchestrator/auth';
import { createTestDatabase, type TestDatabase } from '@orchestrator/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { ApiKeyStore } from './api-key-store';
import { PostgresApiKeyLookup } from './postgres-api-key-lookup';

describe('API keys in PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: ApiKeyStore;
  let lookup: PostgresApiKeyLookup;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource({ databaseUrl: db.url, poolSize: 4 }).initialize();
    store = new ApiKeyStore(dataSource);
    lookup = new PostgresApiKeyLookup(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const auditRows = async (targetId: string) =>
    (await dataSource.query(
      `SELECT actor, action, outcome, details FROM audit_events WHERE target_id = $1 ORDER BY at`,
      [targetId],
    )) as Record<string, unknown>[];

  it('creates a bootstrap admin key on an empty table exactly once, however many ask at the same time', async () => {
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => store.createBootstrapKey()));
    const created = outcomes.filter((outcome) => outcome.kind === 'created');
    expect(created).toHaveLength(1);
    const key = created[0]!.key;
    expect(looksLikeApiKey(key)).toBe(true);
    const record = await lookup.findActiveByHash(hashApiKey(key));
    expect(record).toEqual({ id: expect.any(String), name: 'bootstrap', role: 'admin' });
    expect(await auditRows(record!.id)).toEqual([
      {
        actor: 'SYSTEM',
        action: 'api-key.create',
        outcome: 'allowed',
        details: { name: 'bootstrap', role: 'admin', bootstrap: true },
      },
    ]);
    expect(await store.createBootstrapKey()).toEqual({ kind: 'exists' });
  });

  it('stores only the hash of a new key, finds it by that hash, and refuses a name taken before', async () => {
    const created = await store.create(
      { name: 'ci-pipeline', role: 'operate', createdBy: 'admin' },
      { actor: 'admin', action: 'api-key.create' },
    );
    if (created.kind !== 'created') throw new Error('not created');
    const stored = (await dataSource.query(`SELECT * FROM api_keys WHERE id = $1`, [created.record.id])) as Record<
      string,
      unknown
    >[];
    expect(JSON.stringify(stored)).not.toContain(created.key);
    expect(await lookup.findActiveByHash(hashApiKey(created.key))).toEqual({
      id: created.record.id,
      name: 'ci-pipeline',
      role: 'operate',
    });
    expect(await store.create({ name: 'ci-pipeline', role: 'read', createdBy: 'admin' }, null)).toEqual({
      kind: 'name_taken',
    });
    expect(created.record).toEqual({
      id: expect.any(String),
      name: 'ci-pipeline',
      role: 'operate',
      createdBy: 'admin',
      createdAt: expect.any(Date),
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('revokes once: the key is no longer found, its name stays taken, and the revocation is audited once', async () => {
    const created = await store.create({ name: 'leaked', role: 'admin', createdBy: 'admin' }, null);
    if (created.kind !== 'created') throw new Error('not created');
    const audit = { actor: 'admin', action: 'api-key.revoke' };
    expect((await store.revoke(created.record.id, audit)).kind).toBe('revoked');
    expect((await store.revoke(created.record.id, audit)).kind).toBe('already_revoked');
    expect(await store.revoke('0b7c8a4e-1111-4222-8333-444455556666', audit)).toEqual({ kind: 'not_found' });
    expect(await lookup.findActiveByHash(hashApiKey(created.key))).toBeNull();
    expect((await store.create({ name: 'leaked', role: 'read', createdBy: 'admin' }, null)).kind).toBe('name_taken');
    expect(await auditRows(created.record.id)).toEqual([
      { actor: 'admin', action: 'api-key.revoke', outcome: 'allowed', details: { name: 'leaked' } },
    ]);
    const listed = await store.list();
    expect(listed.find((key) => key.id === created.record.id)?.revokedAt).toEqual(expect.any(Date));
    expect(JSON.stringify(listed)).not.toMatch(/hash/i);
  });

  it('records when a key was last used, never moving it back', async () => {
    const created = await store.create({ name: 'monitoring', role: 'read', createdBy: 'admin' }, null);
    if (created.kind !== 'created') throw new Error('not created');
    const later = new Date('2030-01-02T03:04:05Z');
    await lookup.recordUse(created.record.id, later);
    await lookup.recordUse(created.record.id, new Date('2029-01-01T00:00:00Z'));
    const listed = await store.list();
    expect(listed.find((key) => key.id === created.record.id)?.lastUsedAt).toEqual(later);
  });
});
